"""One way to forget what was computed: every cache in the package registers here.

Loading the policy, building validators and compiling word lists are cached
for speed. Tests that change the policy on disk, and long-running callers,
call ``clear_caches()`` rather than knowing which module keeps what.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any, Generic, Protocol, TypeVar

Function = TypeVar("Function", bound=Callable[..., Any])
Value = TypeVar("Value")


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


class _Policy(Protocol):
    folder: str


class PerPolicy(Generic[Value]):
    """Values built for a policy and a key, each used only for the very policy object it was built for.

    Kept by the policy's folder and the key, so a policy read afresh (another object) gets a new value;
    registered, so that ``clear_caches`` empties it.
    """

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[_Policy, Value]] = {}
        register(self)

    def get(self, policy: _Policy, key: str, make: Callable[[], Value]) -> Value:
        """The value kept for ``policy`` and ``key``, made by ``make()`` when there is none yet."""
        slot = (policy.folder, key)
        kept = self._kept.get(slot)
        if kept is None or kept[0] is not policy:
            kept = (policy, make())
            self._kept[slot] = kept
        return kept[1]

    def cache_clear(self) -> None:
        self._kept.clear()


def clear_caches() -> None:
    """Empty every registered cache: the next call computes afresh."""
    for store in _REGISTERED:
        store.cache_clear()
