"""The channels clients chat in, and the prefix of each channel's conversation keys.

A conversation key is Rasa's sender id. The web page makes a random one; the Telegram bridge
makes `tg-` and a keyed hash of the Telegram user, so no raw Telegram id leaves the bridge.
"""

from typing import Literal, get_args

Channel = Literal["web", "telegram"]
CHANNELS: tuple[Channel, ...] = get_args(Channel)

# Channels that receive pushed messages (the API's outbox) and their keys' prefixes.
PushChannel = Literal["telegram"]
PUSH_CHANNELS: tuple[PushChannel, ...] = get_args(PushChannel)
SENDER_PREFIXES: dict[PushChannel, str] = {"telegram": "tg-"}


def channel_of(conversation_key: str) -> Channel:
    """The channel a conversation key belongs to."""
    for channel, prefix in SENDER_PREFIXES.items():
        if conversation_key.startswith(prefix):
            return channel
    return "web"


# What a channel does with a message from the API's outbox: a reminder is sent as its text;
# a pulse survey or a pilot invitation opens that dialogue in the client's conversation.
OutboxPurpose = Literal["reminder", "pulse", "pilot_invitation"]
OUTBOX_PURPOSES: tuple[OutboxPurpose, ...] = get_args(OutboxPurpose)
