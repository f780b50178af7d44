"""What the client is told when a write waits in the write queue (actions/write_queue.py):
that it is saved and will reach the service once the service is back. Said once for a
conversation's writes that wait in a row (not for each answer behind the first), and always
at a step's end (the confirmation, a survey's or a proposal's end), or for a request such as
leaving the panel."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiReply, get_api_client

ANSWER_SAVED = "utter_write_queued"
REQUEST_SAVED = "utter_request_queued"


def tell_queued(
    dispatcher: CollectingDispatcher,
    reply: ApiReply,
    response: str = ANSWER_SAVED,
    always: bool = False,
) -> None:
    if always or not reply.behind:
        dispatcher.utter_message(response=response)


def writes_waiting(tracker: Tracker) -> bool:
    """Whether this action server holds writes of the conversation not yet delivered: what
    the API says is stored may then lack them, and the slots are the newer copy."""
    return get_api_client().waiting_writes(tracker.sender_id) > 0
