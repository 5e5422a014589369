"""Python names: made from wire names, or checked when a user gives them.

Every name from a spec is made here, once, in the model stage, and is a valid, safe identifier
by construction: templates never build names from spec text themselves. The wire name stays
beside the Python name for serialization. The one name a user gives, the package's, is checked
here too (`package_name_problem`), whether it comes from `--package-name` or a project file.
"""

from __future__ import annotations

import keyword
import re
import sys
from collections.abc import Iterable, Mapping


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


RESERVED_WORDS = (
    frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {"type", "_"}
)
"""Keywords and soft keywords, with "type" pinned so output is the same on Python 3.10 to 3.13."""

PYTHON_BUILTINS = _words("""
    ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup
    BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError
    ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError
    DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception
    ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning
    GeneratorExit IOError ImportError ImportWarning IndentationError IndexError
    InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError
    ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError
    OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError
    PythonFinalizationError RecursionError ReferenceError ResourceWarning RuntimeError
    RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError
    SystemExit TabError TimeoutError True TypeError UnboundLocalError UnicodeDecodeError
    UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning
    ValueError Warning ZeroDivisionError abs aiter all anext any ascii bin bool breakpoint
    bytearray bytes callable chr classmethod compile complex copyright credits delattr dict
    dir divmod enumerate eval exec exit filter float format frozenset getattr globals
    hasattr hash help hex id input int isinstance issubclass iter len license list locals
    map max memoryview min next object oct open ord pow print property quit range repr
    reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip
    """)
"""The public names of the `builtins` module on Python 3.10 to 3.13, written out so that the
names made are the same whichever Python runs the generator (tests/unit/test_naming.py checks
that the running Python has no other)."""

_ACRONYM_PLURAL = re.compile(r"([A-Z]{2,})s(?=[A-Z0-9_]|$)")
_LOWER_UPPER = re.compile(r"([a-z0-9])([A-Z])")
_ACRONYM_WORD = re.compile(r"([A-Z]+)([A-Z][a-z])")
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


def snake_case(wire_name: str) -> str:
    """`vmScaleSetName` -> `vm_scale_set_name`, `vmInstanceIDs` -> `vm_instance_ids`.

    Only ASCII letters and digits survive, so a name from a spec can never carry code.
    """
    text = _ACRONYM_PLURAL.sub(lambda match: match.group(1) + "S", wire_name)
    text = _ACRONYM_WORD.sub(r"\1_\2", _LOWER_UPPER.sub(r"\1_\2", text))
    words = [word for word in _NOT_WORD.split(text.replace("_", " ")) if word]
    return "_".join(words).lower()


def pascal_case(wire_name: str) -> str:
    """`CloudError` stays, `api-error_base` -> `ApiErrorBase`."""
    words = [word for word in _NOT_WORD.split(wire_name) if word]
    return "".join(word[0].upper() + word[1:] for word in words)


def constant_case(wire_name: str) -> str:
    return snake_case(wire_name).upper()


def safe_identifier(
    candidate: str, *, fallback: str, reserved: Iterable[str] = ()
) -> str:
    """Make `candidate` a usable identifier: never empty, never a digit first, never reserved."""
    name = candidate or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if name in RESERVED_WORDS or name in frozenset(reserved) or name.startswith("__"):
        name += "_"
    return name


def unique_names(
    wire_to_candidate: Mapping[str, str], *, fallback: str, reserved: Iterable[str] = ()
) -> dict[str, str]:
    """Map each wire name to a distinct identifier.

    Collisions are settled by sorted wire name, not by order in the spec, so reordering a spec
    never renames anything: the first keeps the name, later ones get `_2`, `_3`, ...
    """
    reserved = frozenset(reserved)
    taken = set(reserved)
    result: dict[str, str] = {}
    for wire_name in sorted(wire_to_candidate):
        base = safe_identifier(
            wire_to_candidate[wire_name], fallback=fallback, reserved=reserved
        )
        name, counter = base, 2
        while name in taken:
            name, counter = f"{base}_{counter}", counter + 1
        taken.add(name)
        result[wire_name] = name
    return {wire_name: result[wire_name] for wire_name in wire_to_candidate}


# --- package names -------------------------------------------------------------------------

MAX_PACKAGE_NAME_LENGTH = 100
_ASCII_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STDLIB_OF_OTHER_VERSIONS = _words("""
    aifc asynchat asyncore audioop binhex cgi cgitb chunk crypt distutils imghdr imp
    lib2to3 mailcap msilib nis nntplib ossaudiodev pipes smtpd sndhdr spwd sunau telnetlib
    tomllib uu xdrlib
    """)
"""Standard-library modules of a Python from 3.10 to 3.13 that another of them lacks."""
CLIENT_RUNTIME_MODULES = _words("""
    aiohappyeyeballs aiohttp aiosignal async_timeout attr attrs azure certifi
    charset_normalizer frozenlist idna multidict propcache requests six typing_extensions
    urllib3 yarl
    """)
"""Top-level modules of the generated client's run-time dependencies (azure-core,
azure-mgmt-core, requests, urllib3, aiohttp) and of theirs: a package of that name, first on
sys.path, would be imported in their place."""
_STDLIB = frozenset(sys.stdlib_module_names) | _STDLIB_OF_OTHER_VERSIONS


def package_name_problem(name: str) -> str | None:
    """Why `name` cannot name the generated package, or None when it can.

    The one check for a package name, from `--package-name` or a project file: it becomes
    folders under the output directory and is written into the code, so it is dotted ASCII
    identifiers only (no `..`, `/` or braces), none a keyword, the first not a module the
    client or Python needs.
    """
    if not name:
        return "it is empty"
    if len(name) > MAX_PACKAGE_NAME_LENGTH:
        return f"it is longer than {MAX_PACKAGE_NAME_LENGTH} characters"
    parts = name.split(".")
    for part in parts:
        if not _ASCII_IDENTIFIER.fullmatch(part):
            return "each dotted part must be an ASCII identifier (letters, digits, _)"
        if part in RESERVED_WORDS:
            return f"{part!r} is a Python keyword or soft keyword"
        if part.startswith("__"):
            return f"{part!r} is a dunder name"
    top = parts[0]
    if top.startswith("_"):
        return f"the top-level name {top!r} is private"
    # A case-insensitive file system would mix up Azure/ and azure/.
    module = top.lower()
    if module in _STDLIB:
        return f"{top!r} would shadow the standard-library module {module!r}"
    if module in CLIENT_RUNTIME_MODULES:
        return f"{top!r} would shadow {module!r}, which the generated client imports"
    if module == "generator":
        return "'generator' would shadow armgen's own package"
    return None


__all__ = [
    "CLIENT_RUNTIME_MODULES",
    "MAX_PACKAGE_NAME_LENGTH",
    "PYTHON_BUILTINS",
    "RESERVED_WORDS",
    "constant_case",
    "package_name_problem",
    "pascal_case",
    "safe_identifier",
    "snake_case",
    "unique_names",
]
