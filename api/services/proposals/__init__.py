"""Clients' proposals: a suggested theme (themes), storing them anonymously from the chat and
from a meeting's preparation (intake), and "you said, we did" per theme (theme_actions)."""
