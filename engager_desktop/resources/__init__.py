"""Packaged resources: fonts, guidance, word lists, wording terms."""
