"""The JSON Schemas resolve offline, from the files on disk, in any Draft 2020-12 validator and in editors.

On disk a schema has no ``$id`` and names its siblings by relative ``$ref``
(``common.schema.json#/$defs/line``), so a validator or yaml-language-server
resolves them against the schema file's own place. The site publishes each with
its absolute ``$id`` (tests/site/test_site_build.py).

Two validators check every policy file, every rule file, the example content
repo's settings and the front matter of its posts against the schema each names:
jsonschema with a registry that refuses to retrieve anything, in this process,
and check-jsonschema, a process of its own with the network cut off. Every file
passes but the example post whose front matter is broken on purpose.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

from checks.policy import yamlio
from checks.policy.model import Policy
from checks.policy.schemas import with_id

PROJECT = Path(__file__).resolve().parents[2]
POLICY = PROJECT / "policy"
SCHEMAS = POLICY / "schemas"
EXAMPLE = PROJECT / "examples" / "content-repo"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")

# Imported first by check-jsonschema's Python (PYTHONPATH): every way out to the network fails.
NO_NETWORK = """
import socket


def _refuse(*args, **kwargs):
    raise OSError("the network is disabled for this test")


socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


def policy_files() -> list[Path]:
    return sorted(POLICY.glob("*.yaml")) + sorted((POLICY / "rules").glob("*.yaml"))


def named_schema(path: Path) -> Path:
    """The schema a policy file's first line names for editors, as a path on disk."""
    match = MODELINE.fullmatch(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path.name} does not name its schema on its first line"
    return (path.parent / match[1]).resolve()


def front_matter(post: Path) -> str:
    """The YAML between a post's opening and closing `---` lines."""
    lines = post.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].rstrip() == "---", post.name
    end = next(number for number, line in enumerate(lines[1:], 1) if line.rstrip() == "---")
    return "".join(lines[1:end])


def posts() -> list[Path]:
    found = sorted((EXAMPLE / "posts").glob("*.md"))
    assert found, "the example content repo has no posts"
    return found


def labelled_schema_breaks() -> set[str]:
    """The posts whose front matter breaks the post schema on purpose (labelled front-matter-schema)."""
    labels = yamlio.load((EXAMPLE / "expected.yaml").read_text(encoding="utf-8"))
    broken = {Path(name).name for name, rules in labels.items() if "front-matter-schema" in rules}
    assert broken, "the example labels no post with front-matter-schema"
    return broken


# -- jsonschema, in this process, with nothing to retrieve --------------------------------------


def _refuse(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)


def disk_registry() -> Registry[Any]:
    """Every schema on disk under its file URI, as an editor reads them; anything else is refused, not fetched."""
    resources = [
        (path.resolve().as_uri(), Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
        for path in sorted(SCHEMAS.glob("*.schema.json"))
    ]
    return Registry(retrieve=_refuse).with_resources(resources)  # type: ignore[call-arg]


def errors_from_disk(schema: Path, data: Any) -> list[str]:
    validator = Draft202012Validator({"$ref": schema.resolve().as_uri()}, registry=disk_registry())
    return [f"{yamlio.data_path(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)]


@pytest.mark.unit
def test_every_policy_and_rule_file_validates_with_nothing_retrieved() -> None:
    files = policy_files()
    assert len(files) >= 9 + 32
    for path in files:
        data = yamlio.load(path.read_text(encoding="utf-8"))
        assert errors_from_disk(named_schema(path), data) == [], path.relative_to(POLICY).as_posix()


@pytest.mark.unit
def test_the_example_settings_validate_and_only_the_labelled_front_matter_fails_with_nothing_retrieved() -> None:
    settings = yamlio.load((EXAMPLE / ".policy-check.yaml").read_text(encoding="utf-8"))
    assert errors_from_disk(SCHEMAS / "settings.schema.json", settings) == []
    failing = {
        post.name for post in posts() if errors_from_disk(SCHEMAS / "post.schema.json", yamlio.load(front_matter(post)))
    }
    assert failing == labelled_schema_breaks()


@pytest.mark.unit
def test_every_rule_examples_register_and_the_example_register_validate_with_nothing_retrieved(
    policy: Policy,
) -> None:
    schema = SCHEMAS / "consent-register.schema.json"
    registers = [example.register for rule in policy.rules.values() for example in (*rule.passing, *rule.failing)]
    given = [register for register in registers if register is not None]
    assert len(given) >= 5 * 4  # the register's five rules, two passing and two failing examples each
    for register in given:
        assert errors_from_disk(schema, register) == [], register
    example = yamlio.load((EXAMPLE / "consent" / "register.yaml").read_text(encoding="utf-8"))
    assert errors_from_disk(schema, example) == []


@pytest.mark.unit
def test_the_register_schema_refuses_a_name_and_a_bad_date_with_nothing_retrieved() -> None:
    schema = SCHEMAS / "consent-register.schema.json"
    named = [{"ref": "CR-1", "given": "2027-01-01", "name": "Jo Bloggs"}]
    assert errors_from_disk(schema, named) == ["$[0]: Additional properties are not allowed ('name' was unexpected)"]
    assert errors_from_disk(schema, [{"ref": "CR-1", "given": "1 June 2027"}]) == [
        "$[0].given: '1 June 2027' does not match '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'"
    ]


@pytest.mark.unit
def test_every_reference_stays_on_disk() -> None:
    """No `$id` and no absolute `$ref`: each reference is to the same file or a sibling beside it."""
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert "$id" not in schema, path.name
        for ref in _refs(schema):
            target, _, _ = ref.partition("#")
            assert "://" not in target and "/" not in target, f"{path.name}: $ref {ref}"
            assert not target or (SCHEMAS / target).is_file(), f"{path.name}: $ref {ref} names no sibling"


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


# -- check-jsonschema, a process of its own, with the network cut off -------------------------


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment for check-jsonschema in which any attempt to reach the network fails, with no cache."""
    folder = tmp_path_factory.mktemp("offline")
    (folder / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if not key.lower().endswith("_proxy")}
    dead = "http://127.0.0.1:9"  # nothing listens on the discard port
    environment.update(
        PYTHONPATH=str(folder), XDG_CACHE_HOME=str(folder / "cache"), HTTP_PROXY=dead, HTTPS_PROXY=dead, NO_PROXY=""
    )
    return environment


def check_jsonschema(environment: dict[str, str], schema: Path, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--no-cache", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )


def by_schema(files: list[Path]) -> dict[Path, list[Path]]:
    grouped: dict[Path, list[Path]] = defaultdict(list)
    for path in files:
        grouped[named_schema(path)].append(path)
    return grouped


@pytest.mark.integration
def test_check_jsonschema_passes_offline_on_every_policy_and_rule_file(offline: dict[str, str]) -> None:
    files = policy_files()
    grouped = by_schema(files)
    assert sum(len(group) for group in grouped.values()) == len(files) >= 9 + 32
    for schema, group in grouped.items():
        done = check_jsonschema(offline, schema, group)
        assert done.returncode == 0, f"{schema.name}:\n{done.stdout}{done.stderr}"
        assert "ok -- validation done" in done.stdout


@pytest.mark.integration
def test_check_jsonschema_offline_on_the_example_settings_and_front_matter(
    offline: dict[str, str], tmp_path: Path
) -> None:
    settings = EXAMPLE / ".policy-check.yaml"
    for schema in (SCHEMAS / "settings.schema.json", EXAMPLE / ".vscode" / "policy-check-settings.schema.json"):
        done = check_jsonschema(offline, schema, [settings])
        assert done.returncode == 0, f"{schema}:\n{done.stdout}{done.stderr}"
    fronts = []
    for post in posts():
        fronts.append(tmp_path / f"{post.stem}.yaml")
        fronts[-1].write_text(front_matter(post), encoding="utf-8")
    done = check_jsonschema(offline, SCHEMAS / "post.schema.json", fronts)
    failing = {f"{Path(line.strip().split('::')[0]).stem}.md" for line in done.stdout.splitlines() if "::$" in line}
    assert failing == labelled_schema_breaks(), done.stdout + done.stderr
    assert done.returncode == 1  # for those alone


@pytest.mark.integration
def test_check_jsonschema_offline_on_the_consent_registers(offline: dict[str, str]) -> None:
    """Unquoted dates (YAML timestamps to check-jsonschema's parser) and quoted ones both pass, as in editors."""
    registers = [EXAMPLE / "consent" / "register.yaml"]
    corpus = PROJECT.parent / "shared" / "consent-acceptance" / "consent" / "register.yaml"
    registers += [corpus] if corpus.is_file() else []  # the consent acceptance corpus, when ../shared is here
    done = check_jsonschema(offline, SCHEMAS / "consent-register.schema.json", registers)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok -- validation done" in done.stdout


@pytest.mark.integration
def test_a_planted_wrong_type_is_reported_with_its_file_and_data_path(offline: dict[str, str], tmp_path: Path) -> None:
    copy = Path(shutil.copytree(POLICY, tmp_path / "policy"))
    channels = copy / "channels.yaml"
    text = channels.read_text(encoding="utf-8")
    assert "    text_limit: 63206\n" in text
    channels.write_text(text.replace("    text_limit: 63206\n", "    text_limit: lots\n", 1), encoding="utf-8")
    done = check_jsonschema(offline, named_schema(channels), [channels])
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{channels}::$.channels[0].text_limit: 'lots' is not of type 'integer'" in done.stdout


@pytest.mark.integration
def test_an_absolute_reference_fails_offline(offline: dict[str, str], tmp_path: Path) -> None:
    """The harness really is offline: the old absolute `$ref` to the unpublished site cannot be resolved."""
    schemas = Path(shutil.copytree(SCHEMAS, tmp_path / "schemas"))
    document = schemas / "document.schema.json"
    text = document.read_text(encoding="utf-8")
    assert '"common.schema.json#/$defs/section"' in text
    absolute = '"https://policy.hart.gov.uk/schemas/common.schema.json#/$defs/section"'
    document.write_text(text.replace('"common.schema.json#/$defs/section"', absolute), encoding="utf-8")
    done = check_jsonschema(offline, document, [POLICY / "sections.yaml"])
    assert done.returncode != 0
    assert "ok -- validation done" not in done.stdout
    assert "the network is disabled for this test" in done.stdout + done.stderr


# -- the example content repo's editor set-up --------------------------------------------------


@pytest.mark.unit
def test_the_example_repo_maps_its_settings_and_register_to_schemas_on_disk() -> None:
    editor = json.loads((EXAMPLE / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = editor["yaml.schemas"]
    assert mapping == {
        "./.vscode/policy-check-settings.schema.json": [".policy-check.yaml"],
        "./.vscode/consent-register.schema.json": ["consent/register.yaml"],
    }
    saved = {"policy-check-settings.schema.json": "settings.schema.json"}
    for local, (data,) in mapping.items():
        # The site's published schema (with its $id), saved in the repo: it needs no network.
        schema = json.loads((EXAMPLE / local).read_text(encoding="utf-8"))
        source = SCHEMAS / saved.get(Path(local).name, Path(local).name)
        assert schema == with_id(json.loads(source.read_text(encoding="utf-8")), source.name)
        assert all(ref.startswith("#") for ref in _refs(schema)), f"the saved {local} must stand alone"
        registry = Registry(retrieve=_refuse)  # type: ignore[call-arg]
        content = yamlio.load((EXAMPLE / data).read_text(encoding="utf-8"))
        assert content, data
        assert list(Draft202012Validator(schema, registry=registry).iter_errors(content)) == [], data
    register = EXAMPLE / "consent" / "register.yaml"
    assert named_schema(register) == (EXAMPLE / ".vscode" / "consent-register.schema.json").resolve()
    recommended = json.loads((EXAMPLE / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert recommended == {"recommendations": ["redhat.vscode-yaml"]}
