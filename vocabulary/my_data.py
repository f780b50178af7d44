"""The client's own data by chat: the slot whose setting asks Rasa's tracker store to erase
the conversation's log (actions/my_data.py sets it once the API has erased the rest;
rasa_components/redacting_tracker_store.py erases and starts the log afresh)."""

ERASE_SLOT = "my_data_erased"

# Intents that a form's open question must not take as its answer: they are answered, and
# the form goes on (domain/*.yml not_intent, data/rules/my_data.yml).
INTERRUPTING_INTENTS: tuple[str, ...] = (
    "my_data",
    "my_data_copy",
    "delete_my_data",
    "erase_my_data",
    "help",
)
