"""The public website: MkDocs glue (``macros``, ``hooks``) over rendering functions that take the loaded policy."""
