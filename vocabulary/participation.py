"""Proposals and the developer-client panel: the themes a proposal is about, which are also
the interests a panel member chooses, and how a member is contacted."""

from typing import Literal, get_args

from vocabulary.languages import Language

Theme = Literal[
    "digital_services",
    "meetings_guidance",
    "training",
    "job_search",
    "wellbeing_work_ability",
    "immigrant_services",
    "other",
]
THEMES: tuple[Theme, ...] = get_args(Theme)

# Where a proposal came from: the client gave it to the assistant, or in a meeting's
# preparation with consent.
ProposalSource = Literal["chat", "meeting_preparation"]
PROPOSAL_SOURCES: tuple[ProposalSource, ...] = get_args(ProposalSource)

ContactChannel = Literal["telegram", "email"]
CONTACT_CHANNELS: tuple[ContactChannel, ...] = get_args(ContactChannel)

# A panel member's answer to a pilot invitation.
PilotAnswer = Literal["yes", "no"]
PILOT_ANSWERS: tuple[PilotAnswer, ...] = get_args(PilotAnswer)

# What a panel member types to leave the panel: the assistant's texts quote it, and Rasa's NLU
# data must contain it (a test checks).
LEAVE_PANEL_PHRASES: dict[Language, str] = {
    "fi": "eroa paneelista",
    "sv": "lämna panelen",
    "en": "leave the panel",
}

# The slot of Rasa's tracker that holds a proposal's text: the tracker store redacts it.
PROPOSAL_TEXT_SLOTS: tuple[str, ...] = ("proposal_text",)
