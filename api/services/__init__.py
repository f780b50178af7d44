"""The business logic, one package (or module) per feature. No HTTP here: a service returns
data or raises a domain error (`api.services.errors`), and the routes turn that into HTTP."""
