"""Data access: one module per resource (table), the only code that queries the database."""
