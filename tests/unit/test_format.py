"""Stage 5: black formatting, and code that black or Python refuses."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from generator.errors import OutputError
from generator.format import format_files


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
