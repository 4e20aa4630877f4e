"""Account pages: registration wizard, login, password reset, profile, identity checks."""
