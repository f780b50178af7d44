"""The training worker: publishes FAQ content that needs a new Rasa model (README: Publishing)."""
