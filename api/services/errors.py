"""Domain errors: what a service refuses, and why, without any HTTP in it.

The HTTP layer (`api.main`) answers a `Refusal` with `{"detail": {"reason": ...}}` and the
status code it maps the reason to; the advisor UI shows the reason on its page.
"""

from typing import Literal

Reason = Literal[
    "rate_limited",  # too many wrong invite codes from the conversation
    "invalid",  # no meeting has that invite code
    "expired",  # the code's meeting is long past
    "used",  # another conversation opened the invitation
    "none",  # the conversation has opened no meeting (that is still valid)
    "no_consent",  # answers are stored only with consent
    "closed",  # the meeting has started or was marked held
    "not_opened",  # the client has not opened the invitation: no chat to remind
    "not_member",  # the conversation is not in the developer-client panel
    "consent_outdated",  # the panel's consent text shown is not the current version
    "contact_unavailable",  # "this chat" as the contact from a chat that cannot be pushed to
    "invalid_email",  # no e-mail address in what the client typed
    "no_invitation",  # no such pilot invitation for the conversation's member
    "answer_by_passed",  # the pilot invitation's answer-by day is over
    "unknown_link",  # no copy link has that token
    "link_gone",  # the copy link was used already, or its time is over
]


class Refusal(Exception):
    def __init__(self, reason: Reason) -> None:
        super().__init__(reason)
        self.reason: Reason = reason
