"""naming.py: Python identifiers from wire names."""

from __future__ import annotations

import keyword
import re

import pytest

from generator.naming import (
    RESERVED_WORDS,
    constant_case,
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
