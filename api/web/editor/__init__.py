"""The content team's web UI at /editor (content editors and admins): the FAQ's topics, each
topic's editor, preview and versions, publishing, and what clients asked that the assistant
did not understand, through the FAQ's services (api.services.faq)."""
