"""Custom actions: thin; they pull slots, call the API over HTTP and return events."""
