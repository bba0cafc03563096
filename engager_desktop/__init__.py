"""Engager Desktop: the practitioner's offline tool for the Engager through-the-gate work."""

__version__ = "0.1.0"
