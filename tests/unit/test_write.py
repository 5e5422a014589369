"""Stage 6: the generator changes only files it wrote.

Ownership (manifest, adoption, foreign files, conflicts, links) and the read-only comparison.
Failures in-process (disk full while staging, a move refused after the commit, Ctrl-C) are in
test_write_failures.py; kills at every instant in tests/e2e/test_nothing_lost.py; `--out`
refusals in tests/unit/test_write_guard.py.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import OutputError
from generator.write import (
    MANIFEST,
    compare_tree,
    read_tree,
    write_tree,
)
from generator.write.records import manifest_bytes, output_bytes, sha256
from tests.helpers.trees import (
    HEADER,
    NEW,
    OLD,
    assert_no_leftovers,
    owned_bytes,
    snapshot,
)

# --- writing, the manifest ---------------------------------------------------------------------


def test_write_tree_writes_the_files_and_their_manifest(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    assert write_tree(OLD, out) is True
    assert read_tree(out) == owned_bytes(OLD)
    manifest = json.loads((out / MANIFEST).read_text(encoding="ascii"))
    assert manifest["format"] == 1
    assert manifest["files"] == {
        path.as_posix(): sha256(text.encode()) for path, text in OLD.items()
    }
    assert list(manifest["files"]) == sorted(manifest["files"])
    assert (out / MANIFEST).read_bytes() == manifest_bytes(owned_bytes(OLD))
    assert_no_leftovers(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep"]


def test_the_manifest_is_deterministic() -> None:
    shuffled = dict(reversed(list(OLD.items())))
    assert manifest_bytes(owned_bytes(shuffled)) == manifest_bytes(owned_bytes(OLD))
    assert output_bytes(shuffled) == output_bytes(OLD)
    assert b"time" not in manifest_bytes(owned_bytes(OLD))


def test_write_tree_returns_false_when_nothing_changes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    before = snapshot(out)
    assert write_tree(dict(reversed(list(OLD.items()))), out) is False
    assert snapshot(out) == before


def test_write_tree_replaces_changed_and_deletes_owned_files_it_no_longer_makes(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    assert write_tree(NEW, out) is True
    assert read_tree(out) == owned_bytes(NEW)
    assert not (out / "pkg" / "sub").exists(), "a folder left empty is removed"
    assert (out / MANIFEST).read_bytes() == manifest_bytes(owned_bytes(NEW))
    assert_no_leftovers(out)


def test_caches_are_left_alone_and_ignored(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    cache = out / "pkg" / "sub" / "__pycache__" / "b.cpython-311.pyc"
    cache.parent.mkdir()
    cache.write_bytes(b"\x00")
    assert compare_tree(OLD, out).clean
    assert compare_tree(OLD, out).foreign == ()
    assert write_tree(OLD, out) is False
    write_tree(NEW, out)
    assert cache.read_bytes() == b"\x00", "the cache's folder stays with it"
    assert not (out / "pkg" / "sub" / "b.py").exists()


# --- foreign files -----------------------------------------------------------------------------

NAME = st.text(alphabet="abxyz_-.", min_size=1, max_size=6).filter(
    lambda name: name not in (".", "..") and not name.startswith(".armgen")
)
FOREIGN_TREE = st.dictionaries(
    st.tuples(
        st.sampled_from(["", "pkg", "pkg/sub", "pkg/a.py.d"]),
        st.lists(NAME, min_size=1, max_size=3).map(tuple),
    ),
    st.binary(max_size=64),
    max_size=6,
)


def place_foreign(
    root: Path, layout: Mapping[tuple[str, tuple[str, ...]], bytes]
) -> set[str]:
    """Write the foreign files that do not collide with a generated path, or each other."""
    generated = {p.as_posix() for p in {*OLD, *NEW, MANIFEST}}
    folders = {f.as_posix() for p in {*OLD, *NEW} for f in p.parents}
    placed: set[str] = set()
    for (base, names), data in layout.items():
        relative = "/".join([base, *names]) if base else "/".join(names)
        parents = {
            "/".join(relative.split("/")[:i]) for i in range(1, relative.count("/") + 1)
        }
        if (
            relative in generated | folders | placed
            or parents & (generated | placed)
            or any(p.startswith(relative + "/") for p in placed)
        ):
            continue
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        placed.add(relative)
    return placed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout=FOREIGN_TREE)
def test_foreign_files_around_and_inside_survive_byte_for_byte(
    layout: Mapping[tuple[str, tuple[str, ...]], bytes],
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        write_tree(OLD, out)
        placed = place_foreign(out, layout)
        before = {k: v for k, v in snapshot(out).items() if k in placed}

        assert write_tree(NEW, out) is True
        assert write_tree(NEW, out) is False

        after = snapshot(out)
        assert {k: v for k, v in after.items() if k in placed} == before
        assert {
            k: v for k, v in read_tree(out).items() if k.as_posix() not in placed
        } == (owned_bytes(NEW))
        assert (out / "pkg" / "sub").exists() == any(
            p.startswith("pkg/sub/") for p in placed
        ), "a folder holding a foreign file is never removed"
        difference = compare_tree(NEW, out)
        assert difference.clean
        assert set(difference.foreign) <= {
            *placed,
            *(p.split("/", 2)[0] + "/" for p in placed),
            *("/".join(p.split("/")[:2]) + "/" for p in placed),
        }


def test_a_file_the_user_added_is_foreign_kept_and_noted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    (out / "pkg" / "notes.md").write_text("mine\n")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    difference = compare_tree(OLD, out)
    assert difference.clean
    assert difference.foreign == (".git/", "pkg/notes.md")
    assert write_tree(NEW, out) is True
    assert (out / "pkg" / "notes.md").read_text() == "mine\n"
    assert (out / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"


# --- conflicts ---------------------------------------------------------------------------------


def make_obstacle(kind: str, path: Path, outside: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "file":
        path.write_bytes(b"the user's own, no header\n")
    elif kind == "folder":
        path.mkdir()
        (path / "inside.txt").write_bytes(b"kept\n")
    elif kind == "link-to-generated-file":
        target = outside / "generated-looking.py"
        target.write_text(HEADER + "X = 1\n")
        path.symlink_to(target)
    else:
        target = outside / "elsewhere"
        target.mkdir()
        (target / "d.py").write_text(HEADER + "D = 4\n")
        path.symlink_to(target, target_is_directory=True)


OBSTACLES = [
    (where, kind)
    for where in ("pkg/c.py", "pkg/extra", "pkg/extra/d.py", "pkg/a.py", MANIFEST.name)
    for kind in ("file", "folder", "link-to-generated-file", "link-to-folder")
    if (where, kind) != ("pkg/extra", "folder")  # a folder on the way is written into
]


@pytest.mark.parametrize(("where", "kind"), OBSTACLES)
def test_anything_not_owned_where_a_file_must_go_is_refused_with_nothing_changed(
    tmp_path: Path, where: str, kind: str
) -> None:
    out = tmp_path / "out"
    outside = tmp_path / "outside"
    outside.mkdir()
    write_tree(OLD, out)
    obstacle = out / where
    if obstacle.exists():
        obstacle.unlink()
    make_obstacle(kind, obstacle, outside)
    before, before_outside = snapshot(out), snapshot(outside)

    with pytest.raises(OutputError) as caught:
        write_tree(NEW, out)

    message = str(caught.value)
    named = where if where != "pkg/extra" else "pkg/extra/d.py"
    assert message.startswith(f"{out / named}: "), message
    assert "\n" not in message and "nothing was written" in message
    assert snapshot(out) == before
    assert snapshot(outside) == before_outside
    if where != MANIFEST.name or kind != "file":
        assert compare_tree(NEW, out).conflicts == (PurePosixPath(named),)


def test_a_recorded_file_replaced_by_the_users_own_is_foreign(tmp_path: Path) -> None:
    """Recorded, but neither the bytes written nor the header: not the generator's any more."""
    out = tmp_path / "out"
    write_tree(OLD, out)
    mine = out / "pkg" / "sub" / "b.py"
    mine.write_text("# my own b, no header\n")
    before = snapshot(out)[("pkg/sub/b.py")]
    assert write_tree(NEW, out) is True
    assert snapshot(out)["pkg/sub/b.py"] == before, "orphaned in the manifest, kept"
    assert compare_tree(NEW, out).foreign == ("pkg/sub/",)
    assert "pkg/sub/b.py" not in json.loads((out / MANIFEST).read_text())["files"]


def test_a_hand_edit_that_keeps_the_header_is_still_owned(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    (out / "pkg" / "a.py").write_text(HEADER + "A = 'edited by hand'\n")
    assert compare_tree(OLD, out).stale == (PurePosixPath("pkg/a.py"),)
    assert write_tree(OLD, out) is True
    assert read_tree(out) == owned_bytes(OLD)


def test_links_inside_the_root_are_never_followed(tmp_path: Path) -> None:
    """A recorded folder turned into a link to elsewhere: what is there is not deleted, even
    with the recorded bytes; a recorded file turned into a link: the link stays."""
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    write_tree(OLD, out)
    (out / "pkg" / "sub").rename(elsewhere)
    (out / "pkg" / "sub").symlink_to(elsewhere, target_is_directory=True)
    (out / "pyproject.toml").rename(tmp_path / "pyproject.toml")
    before = snapshot(elsewhere)
    new = dict(NEW)
    del new[PurePosixPath("pyproject.toml")]
    (out / "pyproject.toml").symlink_to(tmp_path / "pyproject.toml")

    assert write_tree(new, out) is True

    assert snapshot(elsewhere) == before
    assert (out / "pkg" / "sub").is_symlink()
    assert (out / "pyproject.toml").is_symlink()
    assert (tmp_path / "pyproject.toml").read_text() == OLD[
        PurePosixPath("pyproject.toml")
    ]
    assert compare_tree(new, out).foreign == ("pkg/sub", "pyproject.toml")


def test_a_file_larger_than_any_it_writes_is_never_owned(tmp_path: Path) -> None:
    """Recorded and carrying the header, but 65 MiB (sparse): foreign, not even read whole."""
    out = tmp_path / "out"
    write_tree(OLD, out)
    big = out / "pkg" / "sub" / "b.py"
    with big.open("r+b") as stream:
        stream.truncate(65 * 1024 * 1024)
    before = snapshot(out)["pkg/sub/b.py"]
    assert write_tree(NEW, out) is True
    assert snapshot(out)["pkg/sub/b.py"] == before
    assert compare_tree(NEW, out).foreign == ("pkg/sub/",)


# --- adoption ----------------------------------------------------------------------------------


def test_a_committed_tree_without_manifest_is_adopted(tmp_path: Path) -> None:
    """Files at generated paths that carry the header, or hold the very bytes, are adopted;
    after that the manifest records them."""
    out = tmp_path / "out"
    for path, text in OLD.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text)
    (out / "pkg" / "c.py").write_text(NEW[PurePosixPath("pkg/c.py")])
    (out / "pkg" / "mine.py").write_text(
        HEADER + "# looks generated, is not produced\n"
    )
    plain = {PurePosixPath("pkg/extra/d.py"): "D = 4\n"}
    (out / "pkg" / "extra").mkdir()
    (out / "pkg" / "extra" / "d.py").write_text("D = 4\n")

    difference = compare_tree({**NEW, **plain}, out)
    assert difference.missing == (MANIFEST,)
    assert difference.conflicts == ()
    assert "pkg/mine.py" in difference.foreign

    assert write_tree({**NEW, **plain}, out) is True
    assert (out / "pkg" / "sub" / "b.py").exists(), "not produced now: foreign, kept"
    assert (out / "pkg" / "mine.py").exists()
    assert (out / "pkg" / "a.py").read_text() == NEW[PurePosixPath("pkg/a.py")]
    assert compare_tree({**NEW, **plain}, out).clean


def test_adoption_needs_the_header_or_the_very_bytes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "pkg").mkdir(parents=True)
    (out / "pkg" / "a.py").write_text("A = 'no header, other bytes'\n")
    before = snapshot(out)
    with pytest.raises(OutputError, match="a file armgen did not write is there"):
        write_tree(OLD, out)
    assert snapshot(out) == before


@pytest.mark.parametrize(
    "manifest",
    [
        b"not json",
        b"[]",
        b'{"format": 2, "files": {}}',
        b'{"format": 1, "files": {"../outside.py": "' + b"0" * 64 + b'"}}',
        b'{"format": 1, "files": {"/etc/passwd": "' + b"0" * 64 + b'"}}',
        b'{"format": 1, "files": {".armgen-journal.json": "' + b"0" * 64 + b'"}}',
        b'{"format": 1, "files": {"pkg/a.py": "not a digest"}}',
    ],
)
def test_a_manifest_armgen_did_not_write_is_refused(
    tmp_path: Path, manifest: bytes
) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    (out / MANIFEST).write_bytes(manifest)
    before = snapshot(out)
    with pytest.raises(OutputError, match="not a manifest armgen wrote") as caught:
        write_tree(NEW, out)
    assert "\n" not in str(caught.value)
    assert snapshot(out) == before
    with pytest.raises(OutputError):
        compare_tree(NEW, out)


# --- compare -----------------------------------------------------------------------------------


def test_compare_tree_lists_stale_missing_orphaned_and_foreign(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    (out / "pkg" / "mine.py").write_text("MINE = 1\n")
    before = snapshot(out)

    difference = compare_tree(NEW, out)

    assert not difference.clean
    assert difference.stale == (MANIFEST, PurePosixPath("pkg/a.py"))
    assert difference.missing == (
        PurePosixPath("pkg/c.py"),
        PurePosixPath("pkg/extra/d.py"),
    )
    assert difference.orphaned == (PurePosixPath("pkg/sub/b.py"),)
    assert difference.foreign == ("pkg/mine.py",)
    assert difference.conflicts == ()
    diff = difference.diff
    assert "--- a/pkg/a.py\n+++ b/pkg/a.py\n" in diff
    assert "-A = 'é'\n" in diff and "+A = 'changed'\n" in diff
    assert "--- /dev/null\n+++ b/pkg/c.py\n" in diff
    assert "--- a/pkg/sub/b.py\n+++ /dev/null\n" in diff
    assert "MINE" not in diff and "+++ b/pkg/__init__.py" not in diff
    assert snapshot(out) == before, "only read"


def test_compare_tree_clean_and_absent(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    assert compare_tree(OLD, out).clean
    absent = compare_tree(OLD, tmp_path / "nowhere")
    assert absent.missing == tuple(sorted({*OLD, MANIFEST}))
    assert not absent.clean
    assert not (tmp_path / "nowhere").exists()


def test_compare_tree_survives_non_utf8_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    (out / "pkg" / "a.py").write_bytes(HEADER.encode() + b"A = '\xff'\n")
    difference = compare_tree(OLD, out)
    assert difference.stale == (PurePosixPath("pkg/a.py"),)
    assert "+A = 'é'" in difference.diff
