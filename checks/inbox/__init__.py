"""policy-inbox: the house rules and service standards applied to an export of the council's inbox.

It reads the labels from ``policy/labels/`` (``checks.policy.labels``) and the
same word lists, rule patterns and settings as ``policy-check``. It suggests;
a person decides. The export is personal data: nothing of it goes to a log, a
cache or an error message beyond its line number and column name.
"""
