"""Small dialogs for what has a service but no wizard: consent, phase, people, contact, flags."""
