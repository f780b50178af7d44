"""What every staff UI shares (advisor, analyst, admin): the one page layout with its
navigation by role, the language switch, the security headers, the login's address."""
