"""Hart District Council's social media policy as code.

The policy lives as YAML in ``policy/``; this package loads it (``loader``),
checks proposed posts against its rules (``engine``, ``kinds``, ``cli``) and
renders the public website from it (``site``).
"""

__version__ = "2024.1.0"
