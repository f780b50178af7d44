"""What every part of the API stands on: settings, database, clock and staff security."""
