"""worksheets package."""
