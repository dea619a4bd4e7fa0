"""The validated policy as one file, for a reader that cannot validate it again: the staff page's checker.

The site build loads the policy as ``policy-check`` does (every file checked
against its schema) and writes what the loader built; the browser reads it
back without jsonschema or the policy's YAML. What only the site uses (every
file's raw data) is left out, and so is the folder the build read it from:
the reader says where the schemas are on its side.
"""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

from checks.policy.model import Policy


def dumps(policy: Policy) -> bytes:
    """The policy as bytes for ``loads``: the same bytes for the same policy and code.

    A pickle records which values are one object, and a policy built afresh shares fewer than one
    read back from the policy cache, so their pickles differ by a few bytes though the policies are
    equal. Pickled, read back and pickled again, both come out the same.
    """
    first = pickle.dumps(replace(policy, raw={}, folder=""), protocol=pickle.HIGHEST_PROTOCOL)
    return pickle.dumps(pickle.loads(first), protocol=pickle.HIGHEST_PROTOCOL)  # our own bytes, just written


def loads(data: bytes, folder: Path) -> Policy:
    """The policy ``dumps`` wrote, read from ``folder`` (where its ``schemas`` are) from now on.

    Only for bytes this project's own build wrote: unpickling runs what the file names.
    """
    policy = pickle.loads(data)  # the site's own file, from the same place as the code that reads it
    if not isinstance(policy, Policy):
        raise TypeError(f"not a policy snapshot: {type(policy).__name__}")
    return replace(policy, folder=str(folder))
