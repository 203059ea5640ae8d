"""The standard library archives the site ships (the calculators' lightened one, the editors' check's copied one):
only the listed entries, the same bytes at each build, and a missing entry named with what to run."""

from __future__ import annotations

import io
import zipfile

import pytest

from guide.browser_assets import MissingRuntime, stdlib_subset


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "python_stdlib.zip"
    with zipfile.ZipFile(path, "w") as target:
        target.writestr("a.py", '"""Doc."""\nx = 1  # comment\n')
        target.writestr("b.py", "y = 2\n")
        target.writestr("c.txt", "data")
    return path


def listed(tmp_path, *names):
    path = tmp_path / "list.txt"
    path.write_text("# comment\n" + "\n".join(names) + "\n", encoding="utf-8")
    return path


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return {name: source.read(name) for name in source.namelist()}


def test_only_the_listed_entries_the_same_bytes_each_time(tmp_path, archive):
    names = listed(tmp_path, "c.txt", "a.py", "a.py")
    made = [stdlib_subset(archive, names, "liste", "x", lighten=False, compresslevel=6) for _ in range(2)]
    assert made[0] == made[1]
    assert entries(made[0]) == {"a.py": b'"""Doc."""\nx = 1  # comment\n', "c.txt": b"data"}


def test_lightened_python_files_only(tmp_path, archive):
    made = entries(stdlib_subset(archive, listed(tmp_path, "a.py", "c.txt"), "liste", "x", lighten=True,
                                 compresslevel=9))
    assert made["c.txt"] == b"data" and b"Doc" not in made["a.py"] and b"comment" not in made["a.py"]


def test_a_missing_entry_is_named_with_the_list_and_what_to_run(tmp_path, archive):
    with pytest.raises(MissingRuntime, match=r"absent\.py \(ma-liste\.txt\) n'est pas dans .* : relancez scripts/trace"):
        stdlib_subset(archive, listed(tmp_path, "absent.py"), "ma-liste.txt", "scripts/trace", lighten=False,
                      compresslevel=6)


def test_a_missing_archive_says_to_reinstall(tmp_path):
    with pytest.raises(MissingRuntime, match="absent : réinstallez les paquets npm"):
        stdlib_subset(tmp_path / "none.zip", listed(tmp_path, "a.py"), "liste", "x", lighten=False, compresslevel=6)
