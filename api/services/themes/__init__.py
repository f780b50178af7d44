"""Themes of clients' free texts (pulse survey texts and proposals): by multilingual sentence
embeddings with keyword stems (classifier), and the keyword method alone (keywords)."""
