"""The linter of proposed posts: reading a post, the content repo's settings, the rule engine and its kinds.

``engine.check_example`` is the one function the site calls, to show what a
rule's examples give.
"""
