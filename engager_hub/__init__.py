"""The Engager community hub: every enrolled laptop's records in PostgreSQL (headless)."""
