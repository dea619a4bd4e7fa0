"""The one loader: reads ``policy/`` once, validates every file, returns a typed ``Policy``.

The website and ``policy-check`` both call ``load_policy``, so they can never
disagree about what the policy says. Any problem in the data raises
``DataError`` naming the file, the line and what is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from checks.caches import cached
from checks.policy.datafile import PolicyFile
from checks.policy.errors import DataError
from checks.policy.model import (
    Channel,
    ChannelRef,
    Clause,
    ContentItem,
    Link,
    Meta,
    Party,
    Policy,
    PreElection,
    Revision,
    Section,
    Subsection,
    WordList,
    walk_clauses,
)
from checks.policy.rules import build_rules

# A link in clause text, "[text][link-id]". No brackets inside either part, which keeps the scan
# linear; the site renders links by this same pattern.
LINK_REFERENCE = re.compile(r"\[([^\[\]]+)\]\[([^\[\]]+)\]")
DOCUMENT_FILES = (
    "sections.yaml",
    "service-standards.yaml",
    "staff.yaml",
    "governance.yaml",
    "house-rules.yaml",
)
# Every policy file and the schema it must satisfy; the files in SUBFOLDERS use their folder's schema.
SCHEMA_OF = {
    "policy.yaml": "policy",
    "channels.yaml": "channels",
    "lists.yaml": "lists",
    "pre-election.yaml": "pre-election",
    **dict.fromkeys(DOCUMENT_FILES, "document"),
}
# What a content repo holds: the policy carries their schemas, so that reading them needs no schema file.
REPO_SCHEMAS = ("post", "settings", "consent-register")
# One file per rule of policy-check, and one per label of policy-inbox (``checks.policy.labels`` builds those).
SUBFOLDERS = {"rules": "rule", "labels": "label"}


def default_policy_dir() -> Path:
    """The policy shipped inside an installed wheel, else the checkout's ``policy/``."""
    package = Path(__file__).resolve().parents[1]
    bundled = package / "_policy"
    return bundled if bundled.is_dir() else package.parent / "policy"


@cached
def load_policy(directory: Path | None = None) -> Policy:
    """Load, validate and cross-check the whole policy (cached per folder, and on disk)."""
    folder = (directory or default_policy_dir()).resolve()
    if not (folder / "policy.yaml").is_file():
        raise DataError(str(folder), "no policy.yaml here: not a policy folder")
    from checks.policy import cache as policy_cache

    key = policy_cache.fingerprint(folder)
    cached = policy_cache.read(key)
    if isinstance(cached, Policy):
        return cached
    policy = _build(folder, _read_all(folder))
    policy_cache.write(key, policy)
    return policy


def _read_all(folder: Path) -> dict[str, PolicyFile]:
    files: dict[str, PolicyFile] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name not in SCHEMA_OF:
            raise DataError(f"policy/{path.name}", "unknown policy file (not one the loader reads)")
    for name, schema in SCHEMA_OF.items():
        if not (folder / name).is_file():
            raise DataError(f"policy/{name}", "missing policy file")
        files[name] = PolicyFile(folder, name, schema)
    for subfolder, schema in SUBFOLDERS.items():
        for path in sorted((folder / subfolder).glob("*.yaml")):
            name = f"{subfolder}/{path.name}"
            files[name] = PolicyFile(folder, name, schema)
    from checks.policy import schemas  # jsonschema is slow to import: only when the policy is read afresh

    schema_dir = folder / "schemas"
    for file in files.values():
        error = schemas.first_error(schemas.validator(schema_dir, file.schema), file.data)
        if error is not None:
            path, message = schemas.describe(error)
            raise file.error(path, message, key=schemas.points_at_key(error))
    return files


def _build(folder: Path, files: dict[str, PolicyFile]) -> Policy:
    meta_file = files["policy.yaml"]
    meta = _meta(meta_file.data)
    links = {
        link["id"]: Link(link["id"], link["text"], link.get("url"), link.get("note", ""))
        for link in meta_file.data["links"]
    }
    site_links = {
        link["id"]: Link(link["id"], link["text"], link["url"], link["note"], link["page"])
        for link in meta_file.data.get("site_links", [])
    }
    index = _ClauseIndex()
    sections: dict[str, Section] = {}
    for name in DOCUMENT_FILES:
        file = files[name]
        for number, raw in enumerate(file.data["sections"]):
            section = Section(
                raw["id"],
                raw["label"],
                raw["title"],
                raw.get("summary", ""),
                _content(raw["content"]),
                source=name,
            )
            index.add(section, file, ("sections", number))
            sections[section.id] = section
    channels_file = files["channels.yaml"]
    channels: dict[str, Channel] = {}
    for number, raw in enumerate(channels_file.data["channels"]):
        channel = Channel(
            raw["id"],
            raw["name"],
            raw["heading"],
            _content(raw["content"]),
            raw["text_limit"],
            raw["counting"],
            raw.get("alt_text_limit"),
            raw.get("media_required"),
        )
        if channel.id in channels:
            raise channels_file.error(("channels", number, "id"), f"duplicate channel id '{channel.id}'")
        channels[channel.id] = channel
        index.add_content(channel.content, channels_file, ("channels", number, "content"))
    ordered = _ordered_sections(meta_file, sections)
    _check_channel_refs(files, sections, channels)
    lists = _lists(folder, files["lists.yaml"])
    pre_election = _pre_election(files["pre-election.yaml"].data)
    rules = build_rules(files, folder / "schemas")
    repo_schemas = {name: _schema(folder / "schemas", name) for name in REPO_SCHEMAS}
    policy = Policy(
        meta=meta,
        sections=ordered,
        channels=channels,
        links=links,
        site_links=site_links,
        lists=lists,
        pre_election=pre_election,
        rules=rules,
        clauses=index.clauses,
        raw={name: file.data for name, file in files.items()},
        folder=str(folder),
        schemas=repo_schemas,
    )
    _check_references(policy, files)
    return policy


def _schema(schema_dir: Path, name: str) -> dict[str, Any]:
    """A schema as jsonschema's validator reads it, for the quick checks of a content repo's files; empty if missing."""
    from checks.policy import schemas

    try:
        return schemas.registry(schema_dir).contents(f"{schemas.SCHEMA_BASE}{name}.schema.json")
    except LookupError:  # the engine's validator then says what is missing
        return {}


def _meta(data: dict[str, Any]) -> Meta:
    revisions = tuple(Revision(r["version"], r["date"], r["summary"]) for r in data["revisions"])
    return Meta(
        data["id"],
        data["title"],
        data["organisation"],
        data["owner"],
        data["contact"],
        data["version"],
        data["effective"],
        data["review_due"],
        data["site_url"],
        revisions,
    )


def _content(items: list[dict[str, Any]]) -> tuple[ContentItem, ...]:
    built: list[ContentItem] = []
    for item in items:
        if "channel" in item:
            built.append(ChannelRef(item["channel"]))
        elif "title" in item:
            built.append(Subsection(item["id"], item["title"], _content(item["content"])))
        else:
            built.append(Clause(item["id"], item["text"], tuple(_content(item.get("items", [])))))  # type: ignore[arg-type]
    return tuple(built)


class _ClauseIndex:
    """Every clause id in the policy, each allowed once."""

    def __init__(self) -> None:
        self.clauses: dict[str, Clause | Subsection | Section] = {}
        self.where: dict[str, str] = {}

    def add(self, section: Section, file: PolicyFile, path: tuple[str | int, ...]) -> None:
        self._add(section.id, section, file, (*path, "id"))
        self.add_content(section.content, file, (*path, "content"))

    def add_content(self, content: tuple[ContentItem, ...], file: PolicyFile, path: tuple[str | int, ...]) -> None:
        raw_items = _at(file.data, path)
        for number, item in enumerate(content):
            item_path = (*path, number)
            if isinstance(item, ChannelRef):
                continue
            self._add(item.id, item, file, (*item_path, "id"))
            inner = item.items if isinstance(item, Clause) else item.content
            key = "items" if isinstance(item, Clause) else "content"
            if key in raw_items[number]:
                self.add_content(inner, file, (*item_path, key))

    def _add(
        self, clause_id: str, clause: Clause | Subsection | Section, file: PolicyFile, path: tuple[str | int, ...]
    ) -> None:
        if clause_id in self.clauses:
            raise file.error(path, f"duplicate clause id '{clause_id}' (also in {self.where[clause_id]})")
        self.clauses[clause_id] = clause
        self.where[clause_id] = file.label


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _ordered_sections(meta_file: PolicyFile, sections: dict[str, Section]) -> tuple[Section, ...]:
    contents = meta_file.data["contents"]
    for number, section_id in enumerate(contents):
        if section_id not in sections:
            raise meta_file.error(("contents", number), f"contents names section '{section_id}', which does not exist")
    left_out = sorted(set(sections) - set(contents))
    if left_out:
        raise meta_file.error(("contents",), f"section '{left_out[0]}' is missing from contents")
    return tuple(sections[section_id] for section_id in contents)


def _check_channel_refs(
    files: dict[str, PolicyFile], sections: dict[str, Section], channels: dict[str, Channel]
) -> None:
    for name in DOCUMENT_FILES:
        file = files[name]
        for number, raw in enumerate(file.data["sections"]):
            for place, item in enumerate(raw["content"]):
                if "channel" in item and item["channel"] not in channels:
                    raise file.error(
                        ("sections", number, "content", place, "channel"),
                        f"refers to channel '{item['channel']}', which does not exist",
                    )


def _lists(folder: Path, file: PolicyFile) -> dict[str, WordList]:
    lists: dict[str, WordList] = {}
    for list_id, raw in file.data["lists"].items():
        if "file" in raw:
            source = folder / raw["file"]
            try:
                entries: tuple[Any, ...] = tuple(source.read_text(encoding="utf-8").split())
            except OSError:
                raise file.error(("lists", list_id, "file"), f"list file '{raw['file']}' cannot be read") from None
        else:
            entries = tuple(raw["entries"])
        lists[list_id] = WordList(list_id, raw["description"], raw["source"], raw.get("clause"), entries)
    return lists


def _pre_election(data: dict[str, Any]) -> PreElection:
    return PreElection(
        clause=data["clause"],
        source=data["source"],
        parties=tuple(Party(p["name"], tuple(p["names"])) for p in data["parties"]),
        councillor_titles=tuple(data["councillor_titles"]),
        exempt_types=tuple(data["exempt_types"]),
        new_initiative_types=tuple(data["new_initiative_types"]),
        political_reference_exempt_types=tuple(data["political_reference_exempt_types"]),
    )


def _check_references(policy: Policy, files: dict[str, PolicyFile]) -> None:
    """Every clause and list a rule or list names must exist."""
    for rule in policy.rules.values():
        file = files[rule.source]
        if rule.clause not in policy.clauses:
            raise file.error(("clause",), f"refers to clause '{rule.clause}', which does not exist")
        for number, other in enumerate(rule.defers_to):
            if other not in policy.rules:
                raise file.error(("defers_to", number), f"refers to rule '{other}', which does not exist", key=False)
        for key, value in rule.parameters.items():
            if key.endswith("list") and value not in policy.lists:
                raise file.error(("parameters", key), f"refers to list '{value}', which does not exist")
    lists_file = files["lists.yaml"]
    for word_list in policy.lists.values():
        if word_list.clause and word_list.clause not in policy.clauses:
            raise lists_file.error(
                ("lists", word_list.id, "clause"), f"refers to clause '{word_list.clause}', which does not exist"
            )
    if policy.pre_election.clause not in policy.clauses:
        raise files["pre-election.yaml"].error(
            ("clause",), f"refers to clause '{policy.pre_election.clause}', which does not exist"
        )
    _check_link_refs(policy, files)


def _check_link_refs(policy: Policy, files: dict[str, PolicyFile]) -> None:
    texts: list[tuple[str, str]] = []
    for section in policy.sections:
        texts += [(section.source, c.text) for c in walk_clauses(section.content) if isinstance(c, Clause)]
    for channel in policy.channels.values():
        texts += [("channels.yaml", c.text) for c in walk_clauses(channel.content) if isinstance(c, Clause)]
    for source, text in texts:
        for match in LINK_REFERENCE.finditer(text):
            if match[2] not in policy.links:
                file = files[source]
                line = file.text[: max(file.text.find(match[0]), 0)].count("\n") + 1
                raise DataError(
                    file.label, f"link '{match[1]}' refers to link id '{match[2]}', which does not exist", line=line
                )
