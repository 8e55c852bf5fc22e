"""Resolvers called straight from graphql-core, without strawberry's per-field wrapping.

For every field with a resolver strawberry builds, per call, an ``Info`` object, converts each
argument (walking its type), inspects which of ``self``, ``info`` and ``root`` the resolver
asks for, and chains the field's extensions: about half the time of a wide query (every
partnership with its shares: ~1,400 fields) went there. Where none of that does anything (the
field has no extensions, its arguments are scalars or enums, which strawberry passes on as
graphql-core coerced them, or lists of them, which it copies), :func:`install` sets the
graphql-core field's resolver to a plain call of the same function, with the arguments renamed
to their Python names. The SDL, the answers and the errors are the same: only the work between
graphql-core and the resolver is gone. A resolver sees graphql-core's ``GraphQLResolveInfo``,
whose ``context`` is the request's :class:`~api.context.Context`: the only part of ``info`` the
resolvers read (a test holds them to it).

>>> import strawberry
>>> @strawberry.type
... class Q:
...     @strawberry.field
...     def twice(self, n: int = 2) -> int:
...         return 2 * n
>>> schema = strawberry.Schema(Q)
>>> install(schema)
1
>>> schema.execute_sync("{ twice(n: 21) }").data
{'twice': 42}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import GraphQLObjectType, GraphQLResolveInfo
from strawberry import Schema
from strawberry.scalars import is_scalar
from strawberry.types.base import (
    StrawberryList,
    StrawberryMaybe,
    StrawberryOptional,
    StrawberryType,
)
from strawberry.types.enum import StrawberryEnumDefinition, has_enum_definition
from strawberry.types.field import StrawberryField
from strawberry.types.lazy_type import LazyType
from strawberry.types.scalar import ScalarDefinition, ScalarWrapper

DEFINITION = "strawberry-definition"  # where strawberry links a GraphQL type to its definition


def install(schema: Schema) -> int:
    """Give every field that can take it a lean resolver; how many fields did."""
    count = 0
    for gql_type in schema._schema.type_map.values():
        definition = (gql_type.extensions or {}).get(DEFINITION)
        if not isinstance(gql_type, GraphQLObjectType) or definition is None:
            continue
        for field in definition.fields:
            name = schema.config.name_converter.get_graphql_name(field)
            core = gql_type.fields.get(name)
            lean = _lean(schema, field)
            if core is not None and lean is not None:
                core.resolve = lean
                count += 1
    return count


def _lean(schema: Schema, field: StrawberryField) -> Callable[..., Any] | None:
    """A plain resolver doing what strawberry's would, or None where strawberry's does more."""
    resolver = field.base_resolver
    if resolver is None or field.extensions or resolver.is_async:
        return None
    if resolver.parent_parameter is not None or resolver.root_parameter is not None:
        return None
    registry = schema.schema_converter.scalar_registry
    names: dict[str, str] = {}
    lists: set[str] = set()
    for argument in field.arguments:
        kind = _argument_kind(argument.type, registry)
        if kind is None:
            return None
        graphql_name = schema.config.name_converter.from_argument(argument)
        names[graphql_name] = argument.python_name
        if kind == "list":
            lists.add(graphql_name)
    func = resolver.wrapped_func
    if not callable(func):  # strawberry refuses these when called: leave them to it
        return None
    takes_self = resolver.self_parameter is not None
    info_name = resolver.info_parameter.name if resolver.info_parameter is not None else None

    def resolve(source: Any, info: GraphQLResolveInfo[Any], **kwargs: Any) -> Any:
        # a list argument is copied: graphql-core hands every request the same default list
        call = {names[k]: v for k, v in kwargs.items()}
        for k in lists.intersection(kwargs):
            if kwargs[k] is not None:
                call[names[k]] = list(kwargs[k])
        if info_name is not None:
            call[info_name] = info
        return func(source, **call) if takes_self else func(**call)

    return resolve


def _argument_kind(
    type_: StrawberryType | type | Any,
    registry: dict[object, ScalarWrapper | ScalarDefinition],
) -> str | None:
    """ "leaf" or "list" (of leaves) where strawberry passes the value on as it is; else None."""
    if isinstance(type_, StrawberryMaybe):  # strawberry wraps these in Some()
        return None
    while isinstance(type_, StrawberryOptional | LazyType):
        type_ = type_.of_type if isinstance(type_, StrawberryOptional) else type_.resolve_type()
    if isinstance(type_, StrawberryList):
        inner = type_.of_type
        while isinstance(inner, StrawberryOptional):
            inner = inner.of_type
        return "list" if is_leaf(inner, registry) else None
    return "leaf" if is_leaf(type_, registry) else None


def is_leaf(type_: object, registry: dict[object, ScalarWrapper | ScalarDefinition]) -> bool:
    """Whether strawberry passes a value of ``type_`` on unconverted (a scalar or an enum)."""
    if isinstance(type_, LazyType):
        type_ = type_.resolve_type()
    return (
        is_scalar(type_, registry)
        or isinstance(type_, StrawberryEnumDefinition)
        or has_enum_definition(type_)
    )
