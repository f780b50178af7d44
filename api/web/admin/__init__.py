"""The admins' web UI at /admin: the developer-client panel's members and its pilot
invitations, through the panel's services (api.services.panel)."""
