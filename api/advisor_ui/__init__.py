"""The advisor's web UI: its strings per language and how its pages are rendered."""
