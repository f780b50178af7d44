"""The API: owns the database, serves the web pages, and is what custom actions call."""
