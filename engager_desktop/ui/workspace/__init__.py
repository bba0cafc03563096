"""The selected man's workspace: one module per tab."""
