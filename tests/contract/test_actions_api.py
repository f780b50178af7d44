"""The routes the action server calls (actions/api_routes.py) against the API's OpenAPI schema.

The action tests answer these routes with a stand-in (tests/actions/conftest.py); this test
makes sure the real API has every route, parameter and field that the stand-in serves and the
actions send and read, so that the two cannot drift apart.
"""

from __future__ import annotations

import string
from functools import cache
from typing import Any

import pytest

from actions.api_routes import ROUTES, Route, steps
from api.main import create_app
from vocabulary.idempotency import HEADER as IDEMPOTENCY_HEADER

Schema = dict[str, Any]


@cache
def openapi() -> Schema:
    schema: Schema = create_app().openapi()
    return schema


def resolved(schema: Schema) -> list[Schema]:
    """The schema itself, or what its $ref names, or each alternative of anyOf/oneOf/allOf."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        return resolved(openapi()["components"]["schemas"][name])
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return [found for option in schema[key] for found in resolved(option)]
    return [schema]


def member(schema: Schema, name: str) -> Schema | None:
    """The schema of an object's member: a property, or a named key of a mapping (an object
    whose `additionalProperties` are all alike, with its keys required or enumerated)."""
    if name in schema.get("properties", {}):
        found: Schema = schema["properties"][name]
        return found
    values = schema.get("additionalProperties")
    names = {*schema.get("required", []), *schema.get("propertyNames", {}).get("enum", [])}
    return values if isinstance(values, dict) and name in names else None


def has_field(schema: Schema, field: str) -> bool:
    """Whether the JSON the schema describes has the field (a path of `actions.api_routes`)."""
    options = [schema]
    for name, is_list in steps(field):
        options = [
            found
            for option in options
            for alternative in resolved(option)
            # The name "" is the value itself (`[].theme`: a reply that is a list).
            if (child := alternative if name == "" else member(alternative, name)) is not None
            for found in resolved(child)
        ]
        if is_list:
            options = [option["items"] for option in options if option.get("type") == "array"]
        if not options:
            return False
    return True


def operation(route: Route) -> Schema:
    paths = openapi()["paths"]
    assert route.path in paths, f"the API has no {route.path}"
    operations = paths[route.path]
    assert route.method.lower() in operations, f"the API has no {route.method} {route.path}"
    found: Schema = operations[route.method.lower()]
    return found


def json_schema(content: Schema | None) -> Schema:
    assert content is not None and "application/json" in content, "no JSON body"
    found: Schema = content["application/json"]["schema"]
    return found


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: f"{route.method} {route.path}")
def test_the_api_serves_the_route_as_the_actions_call_it(route: Route) -> None:
    op = operation(route)
    parameters = {(p["in"], p["name"]) for p in op.get("parameters", [])}
    path_parameters = {
        name for _, name, _, _ in string.Formatter().parse(route.path) if name is not None
    }
    for name in path_parameters:
        assert ("path", name) in parameters, f"path parameter {name}"
    for name in route.query:
        assert ("query", name) in parameters, f"query parameter {name}"
    if route.method != "GET":  # every write the actions make carries its idempotency key
        assert ("header", IDEMPOTENCY_HEADER) in parameters, "no Idempotency-Key header"

    if route.sends:
        body = json_schema(op.get("requestBody", {}).get("content"))
        for field in route.sends:
            assert has_field(body, field), f"the request has no field {field}"

    if route.reads:
        replies = [reply for status, reply in op["responses"].items() if status.startswith("2")]
        assert replies, "no success reply"
        reply = json_schema(replies[0].get("content"))
        for field in route.reads:
            assert has_field(reply, field), f"the reply has no field {field}"


def test_a_field_of_a_reply_that_is_a_list() -> None:
    items = {"type": "object", "properties": {"theme": {"type": "string"}}}
    listing: Schema = {"type": "array", "items": items}
    assert has_field(listing, "[].theme")
    assert not has_field(listing, "[].text")
    assert not has_field(items, "[].theme")  # not a list
