"""The spec corpus: every spec the tests know, and what armgen makes of each today.

The invariant (tests/e2e/test_corpus.py): every corpus file either generates a package that
imports (every module, in a fresh interpreter), passes `ruff check --select F`, `mypy
--strict` and `black --check`, or is refused with one clear line (exit 2,
`error: <file>#<pointer>: <reason>`, the reason naming a construct armgen does `not support`).
Anything else (a traceback, another exit code, an unclear refusal, a package that fails a
check) is a failure.

The corpus is:
- every Swagger file of the AutoRest test server (tests/helpers/testserver.py: SWAGGER), all
  of them, not only the ARM ones;
- every spec file under ../shared/azure-specs: each api-version's virtualMachineScaleSet.json,
  virtualMachine.json and computeRPCommon.json (which has three operations of its own), and
  common-types' common.json, which has none (`"paths": {}`). For a file without operations
  "generates" means what it means for any other: a package (a client with no operations, the
  models) that passes the same checks;
- every spec in spec/ (a file with a top-level `swagger` key; the others are listed in
  NOT_SPECS, and a test keeps that list exact);
- every case of tests/bad_specs whose expected exit is 0 (none today: every case there is
  meant to be refused, and test_bad_specs.py checks how).

Each file is generated with no project file (from a working folder without one), built-in
safety hints only, into a package named after the file (`package_name`).

What is not true yet is written down here, strictly: REFUSALS lists the files refused today
(with the construct named), KNOWN_FAILURES the files that fail the invariant today (with the
kinds of failure seen and why). The test fails when a file outside these lists is refused or
fails, and when a file on them now behaves otherwise (a refusal that generates, a failure that
passes, a failure whose kinds changed): the lists can only shrink, and each entry must be
removed or corrected in the change that fixes it. This is the only place a list of known
failures may live; `python bench/corpus.py` prints the per-file table and the lists as they
are now.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from tests.helpers import BAD_SPECS, REPO_ROOT
from tests.helpers.testserver import INSTALL_HINT, SWAGGER

SHARED = REPO_ROOT.parent / "shared" / "azure-specs"
SHARED_NAMES_FROM = (
    SHARED / "specification" / "compute" / "resource-manager" / "Microsoft.Compute"
)
"""Where the shared specs' corpus names start from: every spec there is under this folder."""
PROJECT_SPECS = REPO_ROOT / "spec"

NOT_SPECS = {
    "spec/codegen.yaml": "the project file of spec/compute-vmss-deallocate.yaml",
    "spec/codegen-upstream-ten.yaml": "the project file of the upstream ten operations",
    "spec/common-types.yaml": "shared definitions that compute-vmss-deallocate.yaml $refs",
}
"""Files of spec/ that are no spec (no top-level `swagger` key), and what each is."""


@dataclass(frozen=True)
class CorpusFile:
    """One spec of the corpus: `name` is how tests and tables call it (its path from its
    corpus folder, e.g. `testserver/lro.json`), `package` the package it is generated as.
    """

    name: str
    path: Path
    package: str


def corpus() -> tuple[CorpusFile, ...]:
    """Every corpus file, in a stable order; fails loudly when a source is not there."""
    missing = [
        why
        for why, present in (
            (INSTALL_HINT, SWAGGER.is_dir()),
            (
                f"{SHARED} is missing: check out azure-rest-api-specs in ../shared",
                SHARED.is_dir(),
            ),
        )
        if not present
    ]
    if missing:
        raise FileNotFoundError("; ".join(missing))
    files = [
        *_named("testserver", SWAGGER, sorted(SWAGGER.glob("*.json"))),
        *_named("azure-specs", SHARED_NAMES_FROM, _shared_specs()),
        *_named("spec", PROJECT_SPECS, project_specs()),
        *_named("bad_specs", BAD_SPECS, meant_to_generate()),
    ]
    packages = [file.package for file in files]
    duplicates = {package for package in packages if packages.count(package) > 1}
    if duplicates:
        raise ValueError(
            f"two corpus files give the same package: {sorted(duplicates)}"
        )
    return tuple(files)


def _shared_specs() -> list[Path]:
    return sorted(
        path
        for path in SHARED.rglob("*.json")
        if "examples" not in path.relative_to(SHARED).parts
    )


def project_specs() -> list[Path]:
    return [path for path in _spec_folder_files() if _is_spec(path)]


def spec_folder_non_specs() -> list[str]:
    """spec/'s files that are not specs, by corpus name (NOT_SPECS must list them)."""
    return [f"spec/{path.name}" for path in _spec_folder_files() if not _is_spec(path)]


def _spec_folder_files() -> list[Path]:
    return sorted(
        path
        for path in PROJECT_SPECS.iterdir()
        if path.is_file() and path.suffix in (".yaml", ".yml", ".json")
    )


def _is_spec(path: Path) -> bool:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return isinstance(document, dict) and "swagger" in document


def meant_to_generate() -> list[Path]:
    """The tests/bad_specs cases that are hostile but valid: expected to exit 0."""
    expected = yaml.safe_load((BAD_SPECS / "expected.yaml").read_text(encoding="utf-8"))
    return sorted(
        BAD_SPECS / name for name, case in expected.items() if case["exit"] == 0
    )


def _named(folder: str, root: Path, paths: Iterable[Path]) -> list[CorpusFile]:
    return [
        CorpusFile(
            name=f"{folder}/{path.relative_to(root).as_posix()}",
            path=path,
            package=package_name(folder, path),
        )
        for path in paths
    ]


_PREFIXES = {
    "testserver": "ts",
    "azure-specs": "az",
    "spec": "spec",
    "bad_specs": "bad",
}


def package_name(folder: str, path: Path) -> str:
    """`ts_lro`, `az_virtual_machine_2024_07_01`, `spec_compute_vmss_deallocate`: the
    corpus folder's prefix keeps names off the standard library's and each other's."""
    stem = re.sub(
        r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])",
        "_",
        path.name.rsplit(".", 1)[0],
    )
    version = (
        path.parent.name
        if re.fullmatch(r"\d{4}-\d\d-\d\d|v\d+", path.parent.name)
        else ""
    )
    words = [_PREFIXES[folder], stem, version]
    return re.sub(r"[^a-z0-9]+", "_", "_".join(word for word in words if word).lower())


@dataclass(frozen=True)
class Known:
    """A file that fails the invariant today: the exact kinds of failure, and why."""

    kinds: frozenset[str]
    reason: str


def known(reason: str, *kinds: str) -> Known:
    return Known(frozenset(kinds), reason)


_DIFFERENT_ERROR_MODELS = "one client with different error models is not supported yet"

REFUSALS: dict[str, str] = {
    "testserver/body-formdata-urlencoded.json": "formData parameters are not supported",
    "testserver/body-formdata.json": "formData parameters are not supported",
    "testserver/httpInfrastructure.json": _DIFFERENT_ERROR_MODELS,
    "testserver/httpInfrastructure.quirks.json": _DIFFERENT_ERROR_MODELS,
    "testserver/reserved-words.json": "formData parameters are not supported",
}
"""Files refused today with a clear `not supported` line: corpus name -> part of the reason."""

KNOWN_FAILURES: dict[str, Known] = {}
"""Files that fail the invariant today: corpus name -> the exact kinds of failure and why.
Kinds: `ruff:<code>`, `mypy:<code>`, `import`, `syntax`, `crash` (a traceback), `exit:<n>`,
`unclear refusal` (exit 2 without one `error: <file>#<pointer>: ... not supported` line)."""
