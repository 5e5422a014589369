"""xms-error-responses.json on the AutoRest test server, sync and async: statuses flagged
`x-ms-error-response` raise, each with the error model of its own status.

Every scenario of AutoRest's test_xms_error.py, with its expectations: Pet_GetPetById's 404
raises with the body read as NotFoundErrorBase (the subclass `whatNotFound` names), its 400 and
501, whose bodies are a string and a number, raise with no model; Pet_DoSomething's and
Pet_HasModelsParam's 500 raise with a PetActionError subclass picked by `errorType`. A status
the spec does not list (Pet_DoSomething's 404) raises with the default error model. Besides
AutoRest's assertions, each error is checked to be the azure-core class AutoRest's error map
gives its status and the client's own ServiceError. AutoRest's test_models and
test_operation_groups check its own py2/py3 module layout, which this client does not have.

Where this client differs from AutoRest's: Pet_HasModelsParam's `models` has an
`x-ms-client-default`, which this client does not read (see test_constants.py), so the call
passes "value1" itself. Pet_GetPetById's 202 has no schema and the server sends no body:
AutoRest returns None, this client reads every success body as the operation's one result type
(Pet) and raises ServiceDecodeError, as the README says of an empty 200 typed as a model.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

from tests.helpers.testserver import (
    Call,
    Generated,
    TestServer,
    call_async,
    call_sync,
)

RUNNERS = {"sync": call_sync, "async": call_async}


def run(xms: Generated, server: TestServer, flavor: str, call: Call) -> Any:
    """The call's result, or the exception it raised."""
    return RUNNERS[flavor](xms, server, call)


def raised(
    xms: Generated, server: TestServer, flavor: str, call: Call, status: int
) -> Any:
    """The ServiceError the call raised, checked to be of `status`."""
    error = run(xms, server, flavor, call)
    assert isinstance(error, HttpResponseError), repr(error)
    assert isinstance(error, xms.client.ServiceError), repr(error)
    assert error.status_code == status
    return error


@pytest.mark.parametrize("flavor", RUNNERS)
def test_get_pet_by_id_succeeds_on_200(
    xms_error_responses: Generated, testserver: TestServer, flavor: str
) -> None:
    xms = xms_error_responses
    pet = run(xms, testserver, flavor, Call("Pet_GetPetById", ("tommy",)))
    assert type(pet) is xms.client.models.Pet
    assert (pet.name, pet.ani_type) == ("Tommy Tomson", "Dog")


@pytest.mark.parametrize("flavor", RUNNERS)
def test_get_pet_by_id_202_without_a_body_is_not_an_error_status(
    xms_error_responses: Generated, testserver: TestServer, flavor: str
) -> None:
    """AutoRest: no failure, None. Here: the status is a success (not flagged), but the empty
    body is not the Pet the result is typed as (see the module's docstring)."""
    xms = xms_error_responses
    outcome = run(xms, testserver, flavor, Call("Pet_GetPetById", ("django",)))
    assert type(outcome) is xms.client.ServiceDecodeError, repr(outcome)
    assert outcome.status_code == 202
    assert "The result is not the JSON the spec describes" in str(outcome)


NOT_FOUND = [
    ("coyoteUgly", "AnimalNotFound", "the type of animal requested is not available"),
    ("weirdAlYankovic", "LinkNotFound", "link to pet not found"),
]


@pytest.mark.parametrize("flavor", RUNNERS)
@pytest.mark.parametrize(
    "pet_id, model_class, reason", NOT_FOUND, ids=[p for p, _, _ in NOT_FOUND]
)
def test_get_pet_by_id_404_raises_with_the_subclass_its_discriminator_names(
    xms_error_responses: Generated,
    testserver: TestServer,
    flavor: str,
    pet_id: str,
    model_class: str,
    reason: str,
) -> None:
    xms = xms_error_responses
    error = raised(xms, testserver, flavor, Call("Pet_GetPetById", (pet_id,)), 404)
    assert isinstance(error, ResourceNotFoundError)
    models = xms.client.models
    assert type(error.model) is getattr(models, model_class)
    assert isinstance(error.model, models.NotFoundErrorBase)
    assert error.model.reason == reason
    assert error.model.what_not_found == (
        "InvalidResourceLink" if model_class == "LinkNotFound" else model_class
    )
    # Not the client's default error model (PetActionError): no shortcut into it.
    assert error.cloud_error is None and error.error_message is None
    assert reason in str(error)


BASIC = [("ringo", 400, "ringo is missing"), ("alien123", 501, 123)]


@pytest.mark.parametrize("flavor", RUNNERS)
@pytest.mark.parametrize("pet_id, status, body", BASIC, ids=[p for p, _, _ in BASIC])
def test_get_pet_by_id_error_of_a_basic_type_raises_without_a_model(
    xms_error_responses: Generated,
    testserver: TestServer,
    flavor: str,
    pet_id: str,
    status: int,
    body: Any,
) -> None:
    xms = xms_error_responses
    error = raised(xms, testserver, flavor, Call("Pet_GetPetById", (pet_id,)), status)
    assert type(error) is xms.client.ServiceError
    assert error.model is None and error.cloud_error is None
    assert json.loads(error.response.text()) == body


@pytest.mark.parametrize("flavor", RUNNERS)
def test_do_something_stay_succeeds(
    xms_error_responses: Generated, testserver: TestServer, flavor: str
) -> None:
    xms = xms_error_responses
    result = run(xms, testserver, flavor, Call("Pet_DoSomething", ("stay",)))
    assert type(result) is xms.client.models.PetAction
    assert result.action_response is None


@pytest.mark.parametrize("flavor", RUNNERS)
def test_do_something_jump_raises_500_with_the_subclass_its_error_type_names(
    xms_error_responses: Generated, testserver: TestServer, flavor: str
) -> None:
    xms = xms_error_responses
    models = xms.client.models
    error = raised(xms, testserver, flavor, Call("Pet_DoSomething", ("jump",)), 500)
    assert type(error) is xms.client.ServiceError
    assert type(error.model) is models.PetSadError
    assert isinstance(error.model, models.PetActionError)
    assert (error.model.reason, error.model.action_response) == (
        "need more treats",
        "grrrr",
    )
    # PetActionError is also the default error model: the shortcuts read it.
    assert error.cloud_error is error.model
    assert error.error_message == "casper aint happy"


@pytest.mark.parametrize("flavor", RUNNERS)
def test_do_something_fetch_is_not_found_with_the_default_error_model(
    xms_error_responses: Generated, testserver: TestServer, flavor: str
) -> None:
    """404 is not in the spec: the default error (PetActionError), read as the subclass its
    errorType names, two levels down."""
    xms = xms_error_responses
    error = raised(xms, testserver, flavor, Call("Pet_DoSomething", ("fetch",)), 404)
    assert isinstance(error, ResourceNotFoundError)
    body = error.cloud_error
    assert type(body) is xms.client.models.PetHungryOrThirstyError
    assert isinstance(body, xms.client.models.PetSadError)
    assert (body.reason, body.hungry_or_thirsty) == (
        "need more everything",
        "hungry and thirsty",
    )
    assert error.model is body and error.error_message == "scooby is low"


@pytest.mark.parametrize("flavor", RUNNERS)
def test_has_models_param_500_is_read_as_its_model(
    xms_error_responses: Generated, testserver: TestServer, flavor: str
) -> None:
    xms = xms_error_responses
    call = Call("Pet_HasModelsParam", kwargs={"models": "value1"})
    error = raised(xms, testserver, flavor, call, 500)
    assert type(error.model) is xms.client.models.PetSadError
    assert error.model.reason == "need more treats"


def test_the_error_hierarchies_are_subclasses(xms_error_responses: Generated) -> None:
    models = xms_error_responses.client.models
    assert issubclass(models.AnimalNotFound, models.NotFoundErrorBase)
    assert issubclass(models.LinkNotFound, models.NotFoundErrorBase)
    assert issubclass(models.PetSadError, models.PetActionError)
    assert issubclass(models.PetHungryOrThirstyError, models.PetActionError)
    assert models.LinkNotFound().what_not_found == "InvalidResourceLink"
