"""Reporting what the linter found: the five output formats, and the GitHub Action's glue."""
