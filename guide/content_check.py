"""The content check as data: what ``python -m guide check`` prints, as errors and warnings, for any caller.

The command line prints it (``guide.__main__``); the editors' admin runs the very same function in the browser,
through Pyodide, on the file being edited among the others as built (``guide.browser.checker``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from guide.catalog import FRAMEWORKS_DIR_NAME, load_guide
from guide.errors import ContentError, ContentErrors
from guide.markers import unused_markers
from guide.plain_text import markup_in_texts
from guide.source_text import unverified_citations
from guide.terminology import non_preferred_terms
from guide.thresholds import hand_typed_figures

WARNING_SUFFIX = " (attention, pas une erreur)"


@dataclass(frozen=True)
class CheckResult:
    errors: list[ContentError] = field(default_factory=list)  # sorted, each once; none when the content is valid
    warnings: list[ContentError] = field(default_factory=list)  # sorted; only read when there is no error
    checked: int = 0  # how many framework files were checked (when valid)


def run_check(root: Path, seeds_dir: Path | None) -> CheckResult:
    """Load and check every framework of ``root``. ``seeds_dir``: the sources' texts the figures' citations are
    compared with (None: not compared, as in the browser, which does not have them)."""
    try:
        guide = load_guide(root)
        citation_errors, warnings = ([], []) if seeds_dir is None else unverified_citations(
            guide.frameworks, guide.files, guide.parsed, seeds_dir)
        if citation_errors:
            raise ContentErrors(citation_errors)
    except ContentErrors as errors:
        return CheckResult(errors=errors.errors)
    frameworks_dir = Path(root) / FRAMEWORKS_DIR_NAME
    warnings += hand_typed_figures(guide.parsed, guide.files)
    warnings += non_preferred_terms(frameworks_dir, guide.frameworks, guide.files, guide.parsed)
    warnings += markup_in_texts(guide.frameworks, guide.files, guide.parsed)
    warnings += unused_markers(guide.frameworks, guide.files, guide.parsed)
    return CheckResult(warnings=sorted(warnings), checked=len(guide.frameworks))


def findings(result: CheckResult) -> list[dict]:
    """Each error, then each warning (its message ending as the command prints it), as
    ``{file, line, column, field, message}``."""
    return ([_as_dict(error, "") for error in result.errors]
            + [_as_dict(warning, WARNING_SUFFIX) for warning in result.warnings])


def _as_dict(error: ContentError, suffix: str) -> dict:
    return {"file": error.file, "line": error.line, "column": error.column, "field": error.field,
            "message": error.message + suffix}
