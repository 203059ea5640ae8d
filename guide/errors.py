"""Content errors: one French message tied to a file, a line, a column and a field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    """A problem in a framework file, located for an editor.

    ``line`` and ``column`` are 1-based, as editors and GitHub show them.
    ``field`` is the field path (``phases[1].risques``), empty for the whole file.
    """

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        if self.field:
            return f"{where}: {self.field} : {self.message}"
        return f"{where}: {self.message}"

    def as_github_annotation(self) -> str:
        """The same error as a GitHub Actions workflow command (shown on the pull request)."""
        text = f"{self.field} : {self.message}" if self.field else self.message
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.file},line={self.line},col={self.column}::{text}"


class ContentErrors(Exception):
    """Raised when the frameworks cannot be loaded; carries every error found, sorted."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [str(error) for error in self.errors]
        if count == 1:
            lines.append("1 erreur dans le contenu : corrigez-la avant de publier.")
        else:
            lines.append(f"{count} erreurs dans le contenu : corrigez-les avant de publier.")
        return "\n".join(lines)


def format_field_path(path: tuple) -> str:
    """``("questions", 1, "themes")`` -> ``questions[1].themes``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
