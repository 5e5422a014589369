"""naming.py: Python identifiers from wire names."""

from __future__ import annotations

import ast
import builtins
import keyword
import re
import string
import sys
from importlib import metadata
from pathlib import PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.naming import (
    CLIENT_RUNTIME_MODULES,
    PYTHON_BUILTINS,
    RESERVED_WORDS,
    constant_case,
    package_name_problem,
    pascal_case,
    safe_identifier,
    snake_case,
    unique_names,
)


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("vmInstanceIDs", "vm_instance_ids"),
        ("api-version", "api_version"),
        ("IPAddress", "ip_address"),
        ("vmScaleSetName", "vm_scale_set_name"),
        ("resourceGroupName", "resource_group_name"),
        ("subscriptionId", "subscription_id"),
        ("osDiskSizeGB", "os_disk_size_gb"),
        ("HTTPSProxy", "https_proxy"),
        ("ETag", "e_tag"),
        ("VMs", "vms"),
        ("$filter", "filter"),
        ("x-ms-client-request-id", "x_ms_client_request_id"),
        ("already_snake", "already_snake"),
        ("__dunder__", "dunder"),
        ("2ndValue", "2nd_value"),
        ("", ""),
    ],
)
def test_snake_case(wire: str, expected: str) -> None:
    assert snake_case(wire) == expected


@pytest.mark.parametrize(
    "wire", ["größe", "naïveName", "日本語", "emoji🚀Name", "a\u202eb"]
)
def test_snake_case_keeps_only_ascii_letters_digits_and_underscores(wire: str) -> None:
    name = snake_case(wire)
    assert re.fullmatch(r"[a-z0-9_]*", name), name
    assert not name.startswith("_") and not name.endswith("_")
    assert "__" not in name


@pytest.mark.parametrize(
    "wire", ["a; import os", "x)\n__import__('os')", "name'\"", "a b\tc\nd"]
)
def test_snake_case_cannot_carry_code(wire: str) -> None:
    name = snake_case(wire)
    assert name.isidentifier()
    assert re.fullmatch(r"[a-z0-9_]+", name)


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("CloudError", "CloudError"),
        ("api-error_base", "ApiErrorBase"),
        ("virtualMachineScaleSet", "VirtualMachineScaleSet"),
        ("all_instances", "AllInstances"),
        ("VirtualMachineScaleSetVMInstanceIDs", "VirtualMachineScaleSetVMInstanceIDs"),
        ("", ""),
    ],
)
def test_pascal_case(wire: str, expected: str) -> None:
    assert pascal_case(wire) == expected


def test_constant_case() -> None:
    assert constant_case("vmInstanceIDs") == "VM_INSTANCE_IDS"


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("name", "name"),
        ("", "field"),
        ("2nd_value", "field_2nd_value"),
        ("class", "class_"),
        ("import", "import_"),
        ("none", "none"),
        ("match", "match_"),
        ("case", "case_"),
        ("type", "type_"),
        ("_", "__"),
        ("__class__", "__class___"),
    ],
)
def test_safe_identifier(candidate: str, expected: str) -> None:
    name = safe_identifier(candidate, fallback="field")
    assert name == expected
    assert name.isidentifier()
    assert not keyword.iskeyword(name)
    assert not keyword.issoftkeyword(name)


def test_safe_identifier_pads_caller_reserved_names() -> None:
    assert safe_identifier("self", fallback="p", reserved={"self"}) == "self_"
    assert safe_identifier("self", fallback="p") == "self"


def test_reserved_words_cover_keywords_soft_keywords_and_type() -> None:
    assert set(keyword.kwlist) <= RESERVED_WORDS
    assert {"match", "case", "type", "_"} <= RESERVED_WORDS


@pytest.mark.parametrize(
    "wire", ["class", "type", "match", "2fast", "", "日本", "from_dict", "async"]
)
def test_snake_then_safe_is_always_a_usable_identifier(wire: str) -> None:
    name = safe_identifier(snake_case(wire), fallback="field", reserved={"from_dict"})
    assert name.isidentifier()
    assert not keyword.iskeyword(name) and not keyword.issoftkeyword(name)
    assert name not in {"type", "from_dict"}


def test_unique_names_settles_collisions_by_sorted_wire_name() -> None:
    candidates = {"vm_id": "vm_id", "vmID": "vm_id", "VmId": "vm_id"}
    names = unique_names(candidates, fallback="field")
    assert names == {"VmId": "vm_id", "vmID": "vm_id_2", "vm_id": "vm_id_3"}
    # Same answer whatever the order of the input; output keeps the input's order.
    reordered = dict(reversed(list(candidates.items())))
    assert unique_names(reordered, fallback="field") == names
    assert list(unique_names(reordered, fallback="field")) == list(reordered)


def test_unique_names_with_reserved_padding_and_fallbacks() -> None:
    names = unique_names(
        {"class": "class", "klass": "class_", "": "", "日本": "", "self": "self"},
        fallback="field",
        reserved={"self"},
    )
    assert len(set(names.values())) == len(names)
    assert names["class"] == "class_"
    assert names["klass"].startswith("class_") and names["klass"] != "class_"
    assert names["self"] == "self_"
    assert {names[""], names["日本"]} == {"field", "field_2"}
    assert all(name.isidentifier() for name in names.values())


def test_unique_names_never_hands_out_a_reserved_name() -> None:
    names = unique_names(
        {"a": "kwargs", "b": "kwargs_", "c": "kwargs"},
        fallback="p",
        reserved={"kwargs"},
    )
    assert "kwargs" not in names.values()
    assert len(set(names.values())) == 3


# --- package names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "it is empty"),
        ("../victim", "each dotted part must be an ASCII identifier"),
        ("/tmp/victim", "each dotted part must be an ASCII identifier"),
        (
            "a{__import__('os').system('x')}",
            "each dotted part must be an ASCII identifier",
        ),
        ("1-bad", "each dotted part must be an ASCII identifier"),
        ("acme..vmss", "each dotted part must be an ASCII identifier"),
        ("acme.", "each dotted part must be an ASCII identifier"),
        ("größe", "each dotted part must be an ASCII identifier"),
        ("class", "'class' is a Python keyword or soft keyword"),
        ("None", "'None' is a Python keyword or soft keyword"),
        ("import", "'import' is a Python keyword or soft keyword"),
        ("acme.match", "'match' is a Python keyword or soft keyword"),
        ("type", "'type' is a Python keyword or soft keyword"),
        ("acme.__init__", "'__init__' is a dunder name"),
        ("_private", "the top-level name '_private' is private"),
        ("os", "'os' would shadow the standard-library module 'os'"),
        ("typing.vmss", "'typing' would shadow the standard-library module 'typing'"),
        ("Json", "'Json' would shadow the standard-library module 'json'"),
        ("asyncore", "'asyncore' would shadow the standard-library module 'asyncore'"),
        ("azure", "'azure' would shadow 'azure', which the generated client imports"),
        ("azure.mgmt.vmss", "'azure' would shadow 'azure', which the generated client"),
        ("requests", "'requests' would shadow 'requests', which the generated client"),
        ("typing_extensions", "'typing_extensions' would shadow 'typing_extensions'"),
        ("generator", "'generator' would shadow armgen's own package"),
        ("a" * 101, "it is longer than 100 characters"),
    ],
)
def test_package_name_problem_refuses(name: str, reason: str) -> None:
    problem = package_name_problem(name)
    assert problem is not None and problem.startswith(reason), problem


@pytest.mark.parametrize(
    "name",
    [
        "vmss_deallocate",
        "acme.vmss",
        "myservice._vendor.vmss",
        "V2",
        "a" * 100,
        "azure_x",
    ],
)
def test_package_name_problem_accepts(name: str) -> None:
    assert package_name_problem(name) is None


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=30),
        st.text(
            alphabet=string.ascii_letters + string.digits + "._/{}'\" -", max_size=30
        ),
        st.lists(st.sampled_from([*sorted(RESERVED_WORDS), "os", "x", "_y", "ok"])).map(
            ".".join
        ),
    )
)
def test_an_accepted_package_name_is_a_relative_path_and_plain_code(name: str) -> None:
    """Whatever the text, an accepted name is folders under --out, an importable dotted
    name, and inert inside the f-string and strings the templates write it into."""
    if package_name_problem(name) is not None:
        return
    parts = name.split(".")
    assert all(part.isidentifier() and part.isascii() for part in parts)
    assert not any(keyword.iskeyword(p) or keyword.issoftkeyword(p) for p in parts)
    path = PurePosixPath(*parts)
    assert (
        not path.is_absolute()
        and ".." not in path.parts
        and len(path.parts) == len(parts)
    )
    compile(f"import {name}", "<name>", "exec", dont_inherit=True)
    moniker = ast.parse(f'_SDK_MONIKER = f"{name}/{{VERSION}}"').body[0]
    assert isinstance(moniker, ast.Assign) and isinstance(moniker.value, ast.JoinedStr)
    first = moniker.value.values[0]
    assert isinstance(first, ast.Constant) and first.value == f"{name}/"
    assert parts[0].lower() not in sys.stdlib_module_names


def test_the_builtins_are_written_out_in_full() -> None:
    """PYTHON_BUILTINS is written out so that names are the same on every Python: the running
    one must have no public builtin missing from it."""
    assert {
        name for name in dir(builtins) if not name.startswith("_")
    } <= PYTHON_BUILTINS


def test_the_client_runtime_modules_cover_its_dependencies() -> None:
    """Every top-level module of the generated client's run-time dependencies, and of theirs,
    as installed here, is a name no generated package may take."""
    pending = ["azure-core", "azure-mgmt-core", "requests", "urllib3", "aiohttp"]
    seen: set[str] = set()
    modules: set[str] = set()
    while pending:
        name = re.sub(r"[-_.]+", "-", pending.pop()).lower()
        if name in seen:
            continue
        seen.add(name)
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:  # required on another Python only
            continue
        top_level = distribution.read_text("top_level.txt")
        files = [PurePosixPath(file).parts[0] for file in distribution.files or ()]
        modules |= (
            set(top_level.split())
            if top_level
            else {file.removesuffix(".py") for file in files}
        )
        for requirement in distribution.requires or ():
            if "extra ==" not in requirement:
                match = re.match(r"[A-Za-z0-9_.-]+", requirement)
                assert match is not None
                pending.append(match.group())
    modules = {m for m in modules if m.isidentifier() and not m.startswith("_")}
    assert {"azure", "requests", "aiohttp", "typing_extensions", "attr"} <= modules
    assert modules <= CLIENT_RUNTIME_MODULES
