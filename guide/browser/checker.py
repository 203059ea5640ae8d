"""The content check of one file being edited, in the browser (Pyodide), among the other files as built.

The admin's page (``docs/assets/javascripts/content-check.mjs``) starts a worker that writes the site's snapshot
(every framework file and schema as built) under ``SNAPSHOT_ROOT`` and calls ``check_file`` with the text in
the form. The check is ``guide.content_check.run_check``, the command's own, with no citation compared: the
sources' texts are not published (the pull request's check compares them).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from guide.catalog import FRAMEWORKS_DIR_NAME
from guide.content_check import findings, run_check

SNAPSHOT_ROOT = Path("/projet")
_FILE_NAME = re.compile(r"^(?:frameworks/)?([a-z0-9]+(?:-[a-z0-9]+)*\.yml)$")


def check_file(file_name: str, yaml_text: str, root: Path = SNAPSHOT_ROOT) -> str:
    """The JSON list of ``{file, line, column, field, message}`` that the check gives once ``file_name``
    (« faq.yml » or « frameworks/faq.yml ») holds ``yaml_text``; the snapshot is left as it was."""
    match = _FILE_NAME.match(file_name)
    if not match:
        return json.dumps([{"file": file_name, "line": 1, "column": 1, "field": "",
                            "message": "nom de fichier inattendu : un fichier du dossier frameworks, par exemple faq.yml"}],
                          ensure_ascii=False)
    path = Path(root) / FRAMEWORKS_DIR_NAME / match.group(1)
    before = path.read_bytes() if path.exists() else None
    path.write_bytes(yaml_text.encode("utf-8"))
    try:
        return json.dumps(findings(run_check(Path(root), None)), ensure_ascii=False)
    finally:
        if before is None:
            path.unlink()
        else:
            path.write_bytes(before)
