"""One way to forget what was computed: every cache in the package registers here.

Loading the policy, building validators and compiling word lists are cached
for speed. Tests that change the policy on disk, and long-running callers,
call ``clear_caches()`` rather than knowing which module keeps what.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any, Protocol, TypeVar

Function = TypeVar("Function", bound=Callable[..., Any])


class _Clearable(Protocol):
    def cache_clear(self) -> None: ...


_REGISTERED: list[_Clearable] = []


def cached(function: Function) -> Function:
    """``functools.cache``, registered so that ``clear_caches`` empties it."""
    wrapped = cache(function)
    _REGISTERED.append(wrapped)
    return wrapped  # type: ignore[return-value]


def lru_cached(maxsize: int) -> Callable[[Function], Function]:
    """``functools.lru_cache(maxsize)``, registered so that ``clear_caches`` empties it."""

    def decorate(function: Function) -> Function:
        wrapped = lru_cache(maxsize=maxsize)(function)
        _REGISTERED.append(wrapped)
        return wrapped  # type: ignore[return-value]

    return decorate


def register(store: _Clearable) -> None:
    """Register any other cache that has a ``cache_clear`` method."""
    _REGISTERED.append(store)


def clear_caches() -> None:
    """Empty every registered cache: the next call computes afresh."""
    for store in _REGISTERED:
        store.cache_clear()
