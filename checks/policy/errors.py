"""The one error type for problems in our own data: policy, schemas, settings."""

from __future__ import annotations


class DataError(Exception):
    """A problem in a data file we read, located by file, line and data path.

    Raised by the loaders and turned into exit status 2 at the command line's edge.
    """

    def __init__(
        self,
        path: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        data_path: str = "",
    ) -> None:
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        self.data_path = data_path
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        at = f" at {self.data_path}" if self.data_path and self.data_path != "$" else ""
        return f"{where}: {self.message}{at}"
