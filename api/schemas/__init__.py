"""Request and response bodies of the JSON API (pydantic), one module per resource."""
