"""The client's own data, by chat: what is stored under their conversation key (`summary`),
a copy behind a one-time link or as text (`links`, `text`), and its erasure (`erasure`).

The conversation log itself (Rasa's tracker events) is erased by Rasa's tracker store, in the
same turn (rasa_components/redacting_tracker_store.py), and purged after
CONVERSATION_RETENTION by the retention job (api.services.retention)."""
