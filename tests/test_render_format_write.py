"""Stages 4 to 6: the Jinja environment, black formatting, and the all-or-nothing tree writer."""

from __future__ import annotations

import ast
import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import pytest
import yaml

from generator.errors import OutputError
from generator.escape import SpecText
from generator.format import format_files
from generator.pipeline import load_api
from generator.render import PACKAGE_OUTPUTS, make_environment, render_package
from generator.write import compare_tree, read_tree, write_tree
from tests.helpers import write_spec

# --- render: the environment -------------------------------------------------------------------


@pytest.fixture
def environment() -> jinja2.Environment:
    return make_environment()


def test_environment_uses_strict_undefined(environment: jinja2.Environment) -> None:
    assert issubclass(environment.undefined, jinja2.StrictUndefined)
    with pytest.raises(jinja2.UndefinedError, match="missing"):
        environment.from_string("value: {{ missing }}").render()
    with pytest.raises(jinja2.UndefinedError):
        environment.from_string("{{ thing.absent }}").render(thing=object())
    with pytest.raises(jinja2.UndefinedError):
        environment.from_string("{% if missing %}x{% endif %}").render()
    with pytest.raises(jinja2.UndefinedError):
        environment.from_string("{% for x in missing %}{{ x }}{% endfor %}").render()


def test_environment_keeps_the_trailing_newline(
    environment: jinja2.Environment,
) -> None:
    assert environment.keep_trailing_newline
    assert environment.from_string("line\n").render() == "line\n"
    assert environment.from_string("{{ value }}\n\n").render(value="v") == "v\n\n"


def test_environment_does_not_autoescape_html(environment: jinja2.Environment) -> None:
    assert environment.from_string("{{ v }}").render(v="<a & b>") == "<a & b>"


def test_environment_loads_the_package_templates(
    environment: jinja2.Environment,
) -> None:
    for name, _, _ in PACKAGE_OUTPUTS:
        assert environment.get_template(f"package/{name}.jinja") is not None


def test_spec_text_without_a_filter_is_refused(environment: jinja2.Environment) -> None:
    text = SpecText("Deallocates the VMs")
    with pytest.raises(jinja2.TemplateRuntimeError, match="without an escaping filter"):
        environment.from_string("# {{ text }}\n").render(text=text)
    with pytest.raises(jinja2.TemplateRuntimeError, match="Deallocates"):
        environment.from_string("{% for t in texts %}{{ t }}{% endfor %}").render(
            texts=[text]
        )
    with pytest.raises(jinja2.TemplateRuntimeError):
        environment.from_string("{{ view.doc }}").render(view={"doc": text})


def test_plain_strings_print_without_a_filter(environment: jinja2.Environment) -> None:
    assert environment.from_string("{{ name }}").render(name="vm_scale_set") == (
        "vm_scale_set"
    )


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("x = {{ text | py }}", "x = 'a \"b\" {{ c }}'"),
        ("# {{ text | comment }}", '# a "b" {{ c }}'),
        ("{{ text | md }}", 'a "b" {{ c }}'),
        ("{{ text | md_code }}", '`a "b" {{ c }}`'),
        ("{{ text | docstring }}", '"""a "b" {{ c }}"""'),
    ],
)
def test_spec_text_through_an_escaping_filter(
    environment: jinja2.Environment, template: str, expected: str
) -> None:
    rendered = environment.from_string(template).render(text=SpecText('a "b" {{ c }}'))
    assert rendered == expected


def test_py_filter_output_is_valid_python(environment: jinja2.Environment) -> None:
    nasty = SpecText("'''\"\"\"\\\n{% raw %}\u2028\u202e")
    source = environment.from_string("value = {{ text | py }}\n").render(text=nasty)
    module = ast.parse(source)
    assert len(module.body) == 1
    assert isinstance(module.body[0], ast.Assign)
    assert ast.literal_eval(module.body[0].value) == str(nasty)


@pytest.mark.parametrize(
    "template",
    ["{{ text | trim }}", "{{ text | upper }}", "{{ text ~ '' }}", "{{ text[:] }}"],
)
def test_spec_text_cannot_be_laundered_by_other_filters(
    environment: jinja2.Environment, template: str
) -> None:
    with pytest.raises(jinja2.TemplateError):
        environment.from_string(template).render(text=SpecText("x\n'''"))


# --- render: a whole package -------------------------------------------------------------------

ARM_SPEC: dict[str, Any] = {
    "swagger": "2.0",
    "info": {"title": "Things", "version": "2024-01-01", "description": 'Say "hi".'},
    "host": "management.azure.com",
    "paths": {
        "/subscriptions/{subscriptionId}/things/{thingName}": {
            "get": {
                "operationId": "Things_Get",
                "description": 'Gets a thing; """quotes""", {{ braces }} and {% tags %}.',
                "parameters": [
                    {"$ref": "#/parameters/SubscriptionIdParameter"},
                    {"$ref": "#/parameters/ApiVersionParameter"},
                    {
                        "name": "thingName",
                        "in": "path",
                        "required": True,
                        "type": "string",
                    },
                ],
                "responses": {
                    "200": {
                        "description": "OK",
                        "schema": {"$ref": "#/definitions/Thing"},
                    },
                    "default": {
                        "description": "Error",
                        "schema": {"$ref": "#/definitions/CloudError"},
                    },
                },
            }
        }
    },
    "parameters": {
        "SubscriptionIdParameter": {
            "name": "subscriptionId",
            "in": "path",
            "required": True,
            "type": "string",
        },
        "ApiVersionParameter": {
            "name": "api-version",
            "in": "query",
            "required": True,
            "type": "string",
        },
    },
    "definitions": {
        "Thing": {
            "type": "object",
            "description": "A thing.\n\nIt ends with a backslash \\",
            "properties": {
                "name": {"type": "string", "description": "Name '''of''' it"},
                "class": {"type": "string"},
            },
        },
        "CloudError": {
            "type": "object",
            "properties": {"error": {"$ref": "#/definitions/ApiError"}},
        },
        "ApiError": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        },
    },
}


def test_render_and_format_a_small_package(tmp_path: Path) -> None:
    api = load_api(write_spec(tmp_path / "spec.yaml", ARM_SPEC))
    rendered = render_package(api, "things")
    assert set(rendered) == {
        PurePosixPath("things", name) for _, name, _ in PACKAGE_OUTPUTS
    } | {PurePosixPath("pyproject.toml")}

    files = format_files(rendered)
    assert set(files) == set(rendered)
    for path, text in files.items():
        assert text.endswith("\n") and not text.endswith("\n\n"), path
        if path.suffix == ".py":
            compile(text, str(path), "exec")
    models = files[PurePosixPath("things/models.py")]
    assert "class Thing" in models
    assert "class_: str | None" in models
    assert "{{ braces }}" in files[PurePosixPath("things/_client.py")]
    # Rendering is deterministic.
    assert format_files(render_package(api, "things")) == files


def test_render_a_package_without_an_error_response(tmp_path: Path) -> None:
    document = yaml.safe_load(yaml.safe_dump(ARM_SPEC))
    responses = document["paths"]["/subscriptions/{subscriptionId}/things/{thingName}"][
        "get"
    ]["responses"]
    del responses["default"]
    api = load_api(write_spec(tmp_path / "spec.yaml", document))
    files = format_files(render_package(api, "things"))
    for path, text in files.items():
        if path.suffix == ".py":
            compile(text, str(path), "exec")


# --- format ------------------------------------------------------------------------------------


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


# --- write -------------------------------------------------------------------------------------

TREE = {
    PurePosixPath("pkg/__init__.py"): "from .a import A\n",
    PurePosixPath("pkg/a.py"): "A = 'é'\n",
    PurePosixPath("pkg/sub/b.py"): "B = 2\n",
    PurePosixPath("pkg/README.md"): "# pkg\n",
}


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and directory under `root`, with the bytes of each file."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(root.rglob("*"))
    }


def hidden_beside(out_dir: Path) -> list[str]:
    return sorted(p.name for p in out_dir.parent.iterdir() if p.name.startswith("."))


def test_write_tree_writes_the_files(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    assert write_tree(TREE, out) is True
    assert read_tree(out) == {path: text.encode("utf-8") for path, text in TREE.items()}
    assert (out / "pkg" / "a.py").read_bytes() == "A = 'é'\n".encode()
    assert hidden_beside(out) == []


def test_write_tree_returns_false_when_nothing_changes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    inode = out.stat().st_ino
    assert write_tree(dict(reversed(list(TREE.items()))), out) is False
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    assert out.stat().st_ino == inode


def test_write_tree_ignores_caches(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    cache = out / "pkg" / "__pycache__" / "a.cpython-311.pyc"
    cache.parent.mkdir()
    cache.write_bytes(b"\x00")
    assert compare_tree(TREE, out).clean
    assert write_tree(TREE, out) is False
    assert cache.exists()


def test_write_tree_replaces_changed_and_removes_orphaned_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    (out / "pkg" / "stray.txt").write_text("left by hand\n", encoding="utf-8")
    new_tree = dict(TREE)
    del new_tree[PurePosixPath("pkg/sub/b.py")]
    new_tree[PurePosixPath("pkg/a.py")] = "A = 1\n"
    new_tree[PurePosixPath("pkg/c.py")] = "C = 3\n"

    assert write_tree(new_tree, out) is True
    assert read_tree(out) == {p: t.encode("utf-8") for p, t in new_tree.items()}
    assert not (out / "pkg" / "stray.txt").exists()
    assert not (out / "pkg" / "sub").exists()
    assert hidden_beside(out) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def fail_on_call(
    monkeypatch: pytest.MonkeyPatch, name: str, failing_call: int
) -> list[int]:
    """Make the `failing_call`-th call of Path.<name> raise OSError; the others work."""
    original: Callable[..., Any] = getattr(Path, name)
    calls: list[int] = []

    def flaky(self: Path, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == failing_call:
            raise OSError(28, "No space left on device")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, name, flaky)
    return calls


NEW_TREE = {
    PurePosixPath("pkg/__init__.py"): "from .a import A\n",
    PurePosixPath("pkg/a.py"): "A = 'changed'\n",
    PurePosixPath("pkg/new.py"): "N = 1\n",
}


@pytest.mark.parametrize(
    ("method", "failing_call"),
    [
        ("write_bytes", 1),
        ("write_bytes", 2),
        ("write_bytes", len(NEW_TREE)),
        ("rename", 1),  # moving the old tree aside
        ("rename", 2),  # moving the new tree in; the old one must come back
    ],
)
def test_failed_write_leaves_the_old_tree_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str, failing_call: int
) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    (out / "pkg" / "hand-made.txt").write_bytes(b"\xff\x00 not utf-8")
    before = snapshot(out)
    mode = out.stat().st_mode

    calls = fail_on_call(monkeypatch, method, failing_call)
    with pytest.raises(OutputError) as caught:
        write_tree(NEW_TREE, out)
    monkeypatch.undo()

    assert len(calls) >= failing_call
    assert "unchanged" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert snapshot(out) == before
    assert out.stat().st_mode == mode
    assert hidden_beside(out) == []
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_write_tree_refuses_a_file_in_place_of_the_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_bytes(b"precious")
    with pytest.raises(OutputError) as caught:
        write_tree(TREE, out)
    assert "\n" not in str(caught.value)
    assert out.read_bytes() == b"precious"
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_failed_first_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    fail_on_call(monkeypatch, "rename", 1)
    with pytest.raises(OutputError):
        write_tree(TREE, out)
    monkeypatch.undo()
    assert os.listdir(tmp_path) == []


def test_write_tree_succeeds_after_a_failed_attempt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    fail_on_call(monkeypatch, "write_bytes", 2)
    with pytest.raises(OutputError):
        write_tree(NEW_TREE, out)
    monkeypatch.undo()
    assert write_tree(NEW_TREE, out) is True
    assert read_tree(out) == {p: t.encode("utf-8") for p, t in NEW_TREE.items()}


# --- compare -----------------------------------------------------------------------------------


def test_compare_tree_lists_stale_missing_and_orphaned(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    wanted = dict(TREE)
    wanted[PurePosixPath("pkg/a.py")] = "A = 'new'\n"  # stale
    wanted[PurePosixPath("pkg/new.py")] = "N = 1\n"  # missing
    del wanted[PurePosixPath("pkg/sub/b.py")]  # orphaned
    before = snapshot(out)

    difference = compare_tree(wanted, out)

    assert not difference.clean
    assert difference.stale == (PurePosixPath("pkg/a.py"),)
    assert difference.missing == (PurePosixPath("pkg/new.py"),)
    assert difference.orphaned == (PurePosixPath("pkg/sub/b.py"),)
    diff = difference.diff
    assert "--- a/pkg/a.py\n+++ b/pkg/a.py\n" in diff
    assert "-A = 'é'\n" in diff and "+A = 'new'\n" in diff
    assert "--- /dev/null\n+++ b/pkg/new.py\n" in diff and "+N = 1\n" in diff
    assert "--- a/pkg/sub/b.py\n+++ /dev/null\n" in diff and "-B = 2\n" in diff
    assert "__init__" not in diff
    # Only read: nothing on disk changed.
    assert snapshot(out) == before


def test_compare_tree_clean_and_absent(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    clean = compare_tree(TREE, out)
    assert clean.clean
    assert (clean.stale, clean.missing, clean.orphaned, clean.diff) == ((), (), (), "")

    absent = compare_tree(TREE, tmp_path / "nowhere")
    assert absent.missing == tuple(sorted(TREE))
    assert absent.stale == absent.orphaned == ()
    assert not absent.clean
    assert not (tmp_path / "nowhere").exists()


def test_compare_tree_survives_non_utf8_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(TREE, out)
    (out / "pkg" / "a.py").write_bytes(b"A = '\xff'\n")
    difference = compare_tree(TREE, out)
    assert difference.stale == (PurePosixPath("pkg/a.py"),)
    assert "+A = 'é'" in difference.diff
