"""What a content repo holds, read in one place for every product.

A content repo has its settings (``.policy-check.yaml``, ``settings``), its
post files (``files`` finds them, ``post`` reads one) and, when the settings
name one, its consent register (``register``). ``policy-check``,
``policy-schedule``, ``policy-inbox`` and ``policy-analytics`` all read them
here, so no product imports another's internals to read a content repo.
Beside them, ``textscan`` and ``patterns`` hold the text patterns that more
than one product uses: URLs, handles, words, emoji, and the personal data
(e-mail addresses, phone numbers, postcodes) that posts and the inbox look for.

This layer imports the policy data and nothing of the products.
"""
