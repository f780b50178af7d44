"""The service steps a pulse answer is tied to, and the drivers of what went well or not.

The same drivers are offered for "what went well?" and "what should be better?", so that
successes and failures can be compared (OMB A-11 section 280).
"""

from typing import Literal, get_args

ServiceStep = Literal[
    "initial_interview",
    "job_search_discussion",
    "other_meeting",
    "assistant",
    "other_service",
]
SERVICE_STEPS: tuple[ServiceStep, ...] = get_args(ServiceStep)

# The kinds of meeting an advisor invites to: the steps that are meetings.
MeetingKind = Literal["initial_interview", "job_search_discussion", "other_meeting"]
MEETING_KINDS: tuple[MeetingKind, ...] = get_args(MeetingKind)
DEFAULT_MEETING_KIND: MeetingKind = "other_meeting"

Driver = Literal[
    "clear_information",
    "easy_to_do",
    "quick",
    "listened_to",
    "staff",
    "right_service",
    "other",
]
DRIVERS: tuple[Driver, ...] = get_args(Driver)

Outcome = Literal["yes", "partly", "no"]
OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)

RATINGS: tuple[int, ...] = (1, 2, 3, 4, 5)

# When the pulse survey was offered: after a meeting the advisor marked held, at the end of a
# conversation with the assistant (also one that went badly), or because the client asked.
OfferKind = Literal["after_meeting", "end_of_conversation", "on_request"]
OFFER_KINDS: tuple[OfferKind, ...] = get_args(OfferKind)
# The kinds the client did not ask for are offered at most once a week per client.
UNASKED_OFFER_KINDS: tuple[OfferKind, ...] = ("after_meeting", "end_of_conversation")

# Slots of Rasa's tracker that hold the survey's free texts ("what went well?", "what should
# be better?"), typed at the drivers' questions: the tracker store redacts them.
PULSE_TEXT_SLOTS: tuple[str, ...] = ("pulse_went_well_text", "pulse_to_improve_text")
