"""Stage 5: black formatting, and code that black or Python refuses."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from generator.errors import OutputError
from generator.format import format_files
from generator.pipeline import load_api
from generator.render import render_package
from tests.helpers import SPEC_FILE
from tests.helpers.black_record import RECORD_SPECS


def test_format_files_blacks_python_and_normalises_other_files() -> None:
    files = {
        PurePosixPath("pkg/mod.py"): "x=1\ndef f( a ):\n  return {'k':a}\n\n\n\n",
        PurePosixPath("pkg/README.md"): "# Title\n\n\n",
        PurePosixPath("pkg/py.typed"): "",
    }
    formatted = format_files(files)
    assert formatted[PurePosixPath("pkg/mod.py")] == (
        'x = 1\n\n\ndef f(a):\n    return {"k": a}\n'
    )
    assert formatted[PurePosixPath("pkg/README.md")] == "# Title\n"
    assert formatted[PurePosixPath("pkg/py.typed")] == "\n"
    assert list(formatted) == sorted(files)
    assert format_files(formatted) == formatted


def test_format_files_ignores_user_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.black]\nline-length = 20\nskip-string-normalization = true\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    source = "value = {'alpha': 1, 'beta': 2, 'gamma': 3}\n"
    formatted = format_files({PurePosixPath("m.py"): source})
    assert formatted[PurePosixPath("m.py")] == (
        'value = {"alpha": 1, "beta": 2, "gamma": 3}\n'
    )


@pytest.mark.parametrize(
    "source",
    [
        "def f(:\n    pass\n",
        "x = 1 +\n",
        "class C\n",
        "if True:\nreturn\n",
        "x = '''\n",
    ],
)
def test_format_files_refuses_invalid_python(source: str) -> None:
    with pytest.raises(OutputError) as caught:
        format_files(
            {PurePosixPath("pkg/ok.py"): "x = 1\n", PurePosixPath("pkg/bad.py"): source}
        )
    message = str(caught.value)
    assert "pkg/bad.py" in message
    assert "\n" not in message
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_code_black_accepts_but_python_does_not_parse() -> None:
    with pytest.raises(OutputError) as caught:
        format_files({PurePosixPath("pkg/gen.py"): "x = 1\nf(a for a in b, c)\n"})
    message = str(caught.value)
    assert message.startswith("pkg/gen.py:2:")
    assert "does not compile" in message
    assert "\n" not in message


@pytest.mark.parametrize("source", ["def f(x, x):\n    pass\n", "return 1\n"])
def test_format_files_refuses_code_that_does_not_compile(source: str) -> None:
    with pytest.raises(OutputError):
        format_files({PurePosixPath("pkg/gen.py"): source})


# --- formatting in pieces -----------------------------------------------------------------------


PIECE_SPECS = RECORD_SPECS
"""The specs the black record is built from: every kind of package."""


@pytest.mark.parametrize("spec", PIECE_SPECS, ids=lambda path: path.name)
def test_pieces_formatted_alone_are_black_of_the_whole_file(spec: Path) -> None:
    """The rendered (unformatted) files of real specs: black of the whole file and black of
    its top-level pieces joined are the same bytes."""
    import black

    from generator.format import black_mode, join_top_level, split_top_level

    rendered = render_package(load_api(spec), "pkg")
    checked = 0
    for path, text in sorted(rendered.items()):
        if path.suffix != ".py":
            continue
        pieces = split_top_level(text)
        assert "".join(pieces) == text
        whole = black.format_str(text, mode=black_mode())
        alone = [black.format_str(piece, mode=black_mode()) for piece in pieces]
        assert join_top_level(alone) == whole, path
        checked += len(pieces)
    assert checked > len(rendered)


def test_pieces_formatted_by_workers_are_the_same(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The worker processes give the bytes one process gives (every piece goes to black
    here: none is taken as it is)."""
    from generator import format as format_stage

    monkeypatch.setenv("ARMGEN_NO_CACHE", "1")
    monkeypatch.setattr(format_stage, "_recorded", lambda pieces: {})
    monkeypatch.setattr(format_stage, "_vouched_for", lambda pieces: {})
    rendered = render_package(load_api(SPEC_FILE), "pkg")
    monkeypatch.setenv(format_stage.JOBS_ENV, "1")
    alone = format_files(rendered)
    monkeypatch.setenv(format_stage.JOBS_ENV, "2")
    monkeypatch.setattr(format_stage, "PARALLEL_MIN_LINES", 1)
    started: list[int] = []
    real = format_stage._black_in_workers

    def watched(texts: list[str], jobs: int) -> list[tuple[bool, str]] | None:
        started.append(jobs)
        return real(texts, jobs)

    monkeypatch.setattr(format_stage, "_black_in_workers", watched)
    assert format_files(rendered) == alone
    assert started == [2]


@pytest.mark.parametrize(
    ("source", "header"),
    [
        (
            '# made by\n# a tool\n"""Doc."""\nimport os\nclass A( object ):\n  x=1\n',
            True,
        ),
        ("# made by\nfrom __future__ import annotations\nx=1\n", True),
        ('# made by\n\n"""Doc."""\nx=1\n', False),
        ("# made by\nclass A:\n  x=1\n", False),
        ("# made by\n@decorated\ndef f(): pass\n", False),
    ],
)
def test_the_header_comment_is_a_piece_only_directly_above_a_docstring_or_import(
    source: str, header: bool
) -> None:
    import black

    from generator.format import black_mode, join_top_level, split_top_level

    pieces = split_top_level(source)
    assert "".join(pieces) == source
    assert pieces[0].startswith("# made by\n")
    assert (pieces[0].strip("\n").count("\n") + 1 == source.count("#")) is header
    alone = [black.format_str(piece, mode=black_mode()) for piece in pieces]
    assert join_top_level(alone) == black.format_str(source, mode=black_mode())
