"""Proposals and the developer-client panel: the themes a proposal is about, which are also
the interests a panel member chooses, and how a member is contacted."""

from typing import Literal, get_args

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

# The slot of Rasa's tracker that holds a proposal's text: the tracker store redacts it.
PROPOSAL_TEXT_SLOTS: tuple[str, ...] = ("proposal_text",)
