"""policy-schedule: from merged posts to Sprout Social's bulk import and the content calendar.

Only posts that pass policy-check (the same engine), carry an approver and can
still be scheduled leave the content repo for Sprout; the calendar shows every post.
"""
