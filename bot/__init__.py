"""The Telegram bridge: relays Telegram messages to the Rasa REST channel and back."""
