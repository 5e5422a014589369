"""Output folders refused before anything is read or written there: an empty `--out`, a
filesystem root, a file, and any folder holding the spec or the project file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import OutputError
from generator.pipeline import output_root
from generator.write import out_folder, refuse_unsafe_output


def refuse(
    out: Path, spec: Path, package: str = "pkg", config: Path | None = None
) -> None:
    refuse_unsafe_output(
        out, output_root(package, out), (("spec", spec), ("project file", config))
    )


def test_an_empty_out_is_refused() -> None:
    with pytest.raises(OutputError) as caught:
        out_folder("")
    assert str(caught.value) == (
        "--out is empty: name the output folder (`--out .` for the current one);"
        " nothing was written"
    )
    assert out_folder(".") == Path(".")
    assert out_folder(" ") == Path(" ")


@pytest.mark.parametrize("root", ["/", "/tmp/..", "//", "/./"])
@pytest.mark.parametrize("package", ["pkg", "acme.pkg"])
def test_a_filesystem_root_is_refused(root: str, package: str, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="a filesystem root is no output folder"):
        refuse(Path(root), tmp_path / "spec.yaml", package)


LEVELS = st.lists(
    st.text(alphabet="abcdefgh", min_size=1, max_size=4), min_size=1, max_size=4
)


@settings(max_examples=40, deadline=None)
@given(levels=LEVELS, data=st.data())
def test_every_folder_holding_the_spec_is_refused_and_no_other(
    levels: list[str], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(os.path.realpath(scratch))
        folder = base.joinpath(*levels)
        folder.mkdir(parents=True)
        spec = folder / "spec.yaml"
        spec.write_text("swagger: '2.0'\n")
        ancestors = [folder, *folder.parents]
        out = data.draw(st.sampled_from(ancestors[:-1]))  # not / (refused for that)
        with pytest.raises(OutputError, match="holds the spec") as caught:
            refuse(out, spec)
        assert "\n" not in str(caught.value)
        # Through a link to it, too.
        link = Path(scratch) / "link"
        link.symlink_to(out, target_is_directory=True)
        with pytest.raises(OutputError, match="holds the spec"):
            refuse(link, spec)
        # A folder beside or below the spec's own holds no spec.
        refuse(folder / "generated", spec)
        refuse(base / "elsewhere", spec)


def test_the_project_file_counts_like_the_spec(tmp_path: Path) -> None:
    spec = tmp_path / "specs" / "spec.yaml"
    config = tmp_path / "project" / "codegen.yaml"
    with pytest.raises(OutputError, match="holds the project file"):
        refuse(tmp_path / "project", spec, config=config)
    refuse(tmp_path / "out", spec, config=config)


def test_a_dotted_package_owns_only_its_folder(tmp_path: Path) -> None:
    """Vendoring into a service's own tree, which holds the spec, is what a dotted name is for."""
    spec = tmp_path / "spec" / "service.yaml"
    refuse(tmp_path, spec, "service._vendor.vmss")
    with pytest.raises(OutputError, match="holds the spec"):
        refuse(tmp_path, tmp_path / "service" / "x" / "spec.yaml", "service.x")


def test_a_file_is_no_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("precious\n")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        refuse(out, tmp_path / "spec.yaml")
    assert out.read_text() == "precious\n"
