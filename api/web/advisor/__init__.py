"""The advisor's web UI at /advisor: login, the meeting pages, their strings and rendering."""
