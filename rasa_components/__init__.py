"""Custom Rasa components: NLU components (config.yml) and the tracker store (endpoints.yml)."""
