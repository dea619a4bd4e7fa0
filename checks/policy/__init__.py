"""The policy as data: reading ``policy/`` (YAML and JSON Schemas) into one typed, validated ``Policy``.

Everything else (the linter, the site, the commands) reads the policy through
``loader.load_policy``; nothing here imports any of them.
"""
