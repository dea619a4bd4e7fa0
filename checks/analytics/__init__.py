"""policy-analytics: which types of content resonate, from the social media management tool's exports.

Section 5 of the policy (Performance Monitoring). It reads the tool's Post
Performance export (and, optionally, its Profile Performance export), joins
each published message to the post file it came from in a content repo, and
reports the reach and engagement by channel, by the post's ``type`` and by its
media, the top posts and the follower growth (``shared/spec/analytics-contract.md``).
It reads a content repo through ``checks.repo`` alone, as policy-check reads it,
and its exports through ``checks.csvfile``, as policy-inbox reads its export.
"""
