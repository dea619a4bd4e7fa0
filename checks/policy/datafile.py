"""One policy file: its text and data, able to say where a data path is, for errors that name file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checks.policy import yamlio
from checks.policy.errors import DataError


class PolicyFile:
    """One policy file's text and data, able to say where a data path is."""

    def __init__(self, folder: Path, name: str, schema: str, data: Any = None) -> None:
        """Read ``policy/<name>``; with ``data`` (as the loader already read it), the text waits until an error."""
        self.folder = folder
        self.name = name
        self.schema = schema
        self.label = f"policy/{name}"
        self._text: str | None = None
        self._nodes: Any = None
        self.data = _load(self.label, self.text) if data is None else data

    @property
    def text(self) -> str:
        if self._text is None:
            try:
                self._text = (self.folder / self.name).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise DataError(self.label, f"cannot be read: {error}") from None
        return self._text

    def error(self, path: tuple[str | int, ...], message: str, *, key: bool = True) -> DataError:
        if self._nodes is None:
            self._nodes = yamlio.compose(self.text)
        line, column = yamlio.locate(self._nodes, path, key=key)
        return DataError(self.label, message, line=line, column=column, data_path=yamlio.data_path(path))


def _load(label: str, text: str) -> Any:
    """A policy file's data; invalid YAML is a DataError at the YAML error's line."""
    try:
        return yamlio.load(text)
    except yamlio.YAMLProblem as problem:
        raise DataError(label, problem.message, line=problem.line, column=problem.column) from None
