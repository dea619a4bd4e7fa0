"""checks.caches.PerPolicy: a value per policy and key, made once, and never handed to another policy object."""

from __future__ import annotations

from dataclasses import dataclass

from checks.caches import PerPolicy, clear_caches


@dataclass(eq=False)
class FakePolicy:
    folder: str


def test_a_value_is_made_once_per_policy_and_key_and_remade_for_a_policy_read_afresh() -> None:
    store: PerPolicy[list[str]] = PerPolicy()
    made: list[str] = []

    def make(name: str) -> list[str]:
        made.append(name)
        return [name]

    first, again = FakePolicy("/policy"), FakePolicy("/policy")
    kept = store.get(first, "a", lambda: make("a"))
    assert store.get(first, "a", lambda: make("a")) is kept
    assert store.get(first, "b", lambda: make("b")) == ["b"]
    assert store.get(again, "a", lambda: make("a again")) == ["a again"]  # same folder, another object
    assert made == ["a", "b", "a again"]
    clear_caches()
    assert store.get(again, "a", lambda: make("after clearing")) == ["after clearing"]
