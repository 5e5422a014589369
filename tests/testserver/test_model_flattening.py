"""model-flattening.json of the AutoRest test server, through the generated client, sync and
async: `x-ms-client-flatten` on model properties (a resource's `properties`, a nested object
inside a flattened one, an inherited base of a flattened object) and on a body parameter, alone
and in a parameter group.

What each call passes and what each result must hold is what AutoRest's own Python acceptance
test asserts (test_model_flattening.py in Azure/autorest.python): a flattened property's fields
are fields of the outer model (`p_name`, `type_properties_type` beside the resource's own type,
`provisioning_state`), and a put passes only when the server found the exact nested JSON it
expects. Each accepted call is also counted by the server's coverage report.

Where AutoRest's model has `type`, this client's has `type_` (a field may not shadow the builtin
in a class body), so `type_properties_type` is the flattened `type` either way. SimpleProduct's
`capacity` (required, one enum value) is a constant: the field holds "Large" unless set, and it
is always sent; the flattened-body methods do not take it (AutoRest's test passes "Large"), as
no method takes a constant parameter.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers.testserver import (
    PACKAGE_DIR,
    Call,
    Generated,
    TestServer,
    call_async,
    call_sync,
    generated_client,
    route_scenarios,
)

PACKAGE = "armgen_testserver_model_flattening"
MODES = {"sync": call_sync, "async": call_async}
ROUTES = "legacy/routes/model-flatten.js"


@pytest.fixture(scope="module")
def flattening(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    with generated_client(
        "model-flattening.json", PACKAGE, tmp_path_factory.mktemp("model_flattening")
    ) as generated:
        yield generated


def hits(server: TestServer, scenario: str) -> int:
    return server.report("vanilla").get(scenario, 0)


def run(
    flattening: Generated, server: TestServer, mode: str, call: Call, scenario: str
) -> Any:
    """The call's result; the server must have counted `scenario` once for it."""
    before = hits(server, scenario)
    result = MODES[mode](flattening, server, call)
    if isinstance(result, Exception):
        raise result
    assert hits(server, scenario) == before + 1
    return result


def check_first_product(product: Any, product_id: str, name: str, p_name: str) -> None:
    """The fully populated product of every get: the resource's own fields, and those that
    flattening lifted out of its `properties`."""
    assert (product.id, product.name, product.location) == (
        product_id,
        name,
        "Building 44",
    )
    assert product.type_ == "Microsoft.Web/sites"
    assert product.tags == {"tag1": "value1", "tag2": "value3"}
    assert product.p_name == p_name
    assert product.type_properties_type == "Flat"
    assert product.provisioning_state_values == "OK"
    assert product.provisioning_state == "Succeeded"


def check_others(products: list[Any], ids_and_names: list[tuple[str, str]]) -> None:
    assert [(p.id, p.name) for p in products] == ids_and_names
    assert all(p.location == "Building 44" for p in products[:1])


@pytest.mark.parametrize("mode", sorted(MODES))
def test_get_array(flattening: Generated, testserver: TestServer, mode: str) -> None:
    result = run(flattening, testserver, mode, Call("getArray"), "getModelFlattenArray")
    assert len(result) == 3
    check_first_product(result[0], "1", "Resource1", "Product1")
    check_others(result[1:], [("2", "Resource2"), ("3", "Resource3")])
    assert result[1].location == "Building 44"


@pytest.mark.parametrize("mode", sorted(MODES))
def test_put_array(flattening: Generated, testserver: TestServer, mode: str) -> None:
    resource = flattening.client.models.Resource
    body = [
        resource(location="West US", tags={"tag1": "value1", "tag2": "value3"}),
        resource(location="Building 44"),
    ]
    call = Call("putArray", kwargs={"resource_array": body})
    assert run(flattening, testserver, mode, call, "putModelFlattenArray") is None


@pytest.mark.parametrize("mode", sorted(MODES))
def test_get_dictionary(
    flattening: Generated, testserver: TestServer, mode: str
) -> None:
    result = run(
        flattening, testserver, mode, Call("getDictionary"), "getModelFlattenDictionary"
    )
    assert sorted(result) == ["Product1", "Product2", "Product3"]
    check_first_product(result["Product1"], "1", "Resource1", "Product1")
    check_others(
        [result["Product2"], result["Product3"]],
        [("2", "Resource2"), ("3", "Resource3")],
    )


def products(flattening: Generated, *values: tuple[str, str, str]) -> list[Any]:
    """FlattenedProducts of (location, p_name, tags?): the lifted fields as arguments."""
    product = flattening.client.models.FlattenedProduct
    built = []
    for location, p_name, tags in values:
        built.append(
            product(
                location=location,
                p_name=p_name,
                type_properties_type="Flat",
                **({"tags": {"tag1": "value1", "tag2": "value3"}} if tags else {}),
            )
        )
    return built


@pytest.mark.parametrize("mode", sorted(MODES))
def test_put_dictionary(
    flattening: Generated, testserver: TestServer, mode: str
) -> None:
    first, second = products(
        flattening, ("West US", "Product1", "tags"), ("Building 44", "Product2", "")
    )
    call = Call(
        "putDictionary",
        kwargs={"resource_dictionary": {"Resource1": first, "Resource2": second}},
    )
    assert run(flattening, testserver, mode, call, "putModelFlattenDictionary") is None


@pytest.mark.parametrize("mode", sorted(MODES))
def test_get_resource_collection(
    flattening: Generated, testserver: TestServer, mode: str
) -> None:
    result = run(
        flattening,
        testserver,
        mode,
        Call("getResourceCollection"),
        "getModelFlattenResourceCollection",
    )
    by_key = result.dictionaryofresources
    assert sorted(by_key) == ["Product1", "Product2", "Product3"]
    check_first_product(by_key["Product1"], "1", "Resource1", "Product1")
    check_others(
        [by_key["Product2"], by_key["Product3"]],
        [("2", "Resource2"), ("3", "Resource3")],
    )
    listed = result.arrayofresources
    assert len(listed) == 3
    check_first_product(listed[0], "4", "Resource4", "Product4")
    check_others(listed[1:], [("5", "Resource5"), ("6", "Resource6")])
    assert (result.productresource.id, result.productresource.name) == (
        "7",
        "Resource7",
    )


@pytest.mark.parametrize("mode", sorted(MODES))
def test_put_resource_collection(
    flattening: Generated, testserver: TestServer, mode: str
) -> None:
    first, second = products(
        flattening, ("West US", "Product1", "tags"), ("Building 44", "Product2", "")
    )
    listed = products(
        flattening, ("West US", "Product1", "tags"), ("East US", "Product2", "")
    )
    (single,) = products(flattening, ("India", "Azure", ""))
    collection = flattening.client.models.ResourceCollection(
        dictionaryofresources={"Resource1": first, "Resource2": second},
        arrayofresources=listed,
        productresource=single,
    )
    call = Call("putResourceCollection", kwargs={"resource_complex_object": collection})
    assert (
        run(flattening, testserver, mode, call, "putModelFlattenResourceCollection")
        is None
    )


def simple_product(flattening: Generated, **extra: str) -> Any:
    """AutoRest's SimpleProduct: its `details` (and the image inside them) flattened."""
    return flattening.client.models.SimpleProduct(
        product_id="123",
        description="product description",
        max_product_display_name="max name",
        capacity="Large",
        odata_value="http://foo",
        **extra,
    )


@pytest.mark.parametrize("mode", sorted(MODES))
def test_put_simple_product_round_trips(
    flattening: Generated, testserver: TestServer, mode: str
) -> None:
    sent = simple_product(flattening, generic_value="https://generic")
    call = Call("putSimpleProduct", kwargs={"simple_body_product": sent})
    assert run(flattening, testserver, mode, call, "putModelFlattenCustomBase") == sent


@pytest.mark.parametrize("mode", sorted(MODES))
def test_post_flattened_simple_product_takes_the_fields_as_arguments(
    flattening: Generated, testserver: TestServer, mode: str
) -> None:
    call = Call(
        "postFlattenedSimpleProduct",
        args=("123",),
        kwargs={
            "description": "product description",
            "max_product_display_name": "max name",
            "generic_value": None,
            "odata_value": "http://foo",
        },
    )
    result = run(flattening, testserver, mode, call, "postModelFlattenCustomParameter")
    assert result == simple_product(flattening)


@pytest.mark.parametrize("mode", sorted(MODES))
def test_put_simple_product_with_grouping(
    flattening: Generated, testserver: TestServer, mode: str
) -> None:
    call = Call(
        "putSimpleProductWithGrouping",
        kwargs={
            "product_id": "123",
            "description": "product description",
            "max_product_display_name": "max name",
            "odata_value": "http://foo",
            "name": "groupproduct",
        },
    )
    result = run(
        flattening, testserver, mode, call, "putModelFlattenCustomGroupedParameter"
    )
    assert result == simple_product(flattening)


def test_every_scenario_of_the_routes_file_is_tested() -> None:
    tested = {
        "getModelFlattenArray",
        "putModelFlattenArray",
        "getModelFlattenDictionary",
        "putModelFlattenDictionary",
        "getModelFlattenResourceCollection",
        "putModelFlattenResourceCollection",
        "putModelFlattenCustomBase",
        "postModelFlattenCustomParameter",
        "putModelFlattenCustomGroupedParameter",
    }
    served = set(route_scenarios(ROUTES))
    assert tested == served, PACKAGE_DIR / ROUTES


def test_objects_only_flattened_properties_hold_get_no_class(
    flattening: Generated,
) -> None:
    """Their fields live in their holders: FlattenedProduct's `properties`, SimpleProduct's
    `details` and the image inside them are not classes of the package."""
    models = flattening.client.models
    for name in ("FlattenedProductProperties", "SimpleProductProperties", "ProductUrl"):
        assert not hasattr(models, name)
    assert "p_name" in models.FlattenedProduct.__dataclass_fields__
