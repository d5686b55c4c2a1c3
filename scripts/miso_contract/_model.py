"""The contract: one parsed document, indexed once, that every tool reads the spec through."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any

from ._operation import HTTP_METHODS, Operation
from ._paging import PagedList, paged_list
from ._pointer import DocPath, get, to_pointer, unescape
from ._problem import Problem
from ._rate_limits import RATE_LIMIT_PREFIX
from ._routing import Route, Routes

STATUS_CODES_EXTENSION = "x-status-codes"
_MAX_CHAIN = 64  # a `$ref` to a `$ref` to ...; longer chains are cycles of pure refs
_TEMPLATE_PARAMETER = re.compile(r"\\\{[^}]+\\\}")


class Contract:
    """An OpenAPI document with internal `$ref`s kept, and everything derived from it.

    Nothing here is specific to the Miso API but the names of its `x-` extensions: the same
    model reads our bundle, the spec an instance serves, and any document `miso diff` is given.
    """

    def __init__(
        self,
        document: Mapping[str, Any],
        *,
        label: str = "<document>",
        problems: tuple[Problem, ...] = (),
        origins: Any = None,
    ) -> None:
        self.document = document
        self.label = label
        self.problems = problems
        self._origins = origins  # a Source, when the document was read from files

    # -- references and pointers -------------------------------------------------------------

    def lookup(self, ref: str) -> Any:
        """The node an internal ref (`#/components/schemas/App`) points at, or None."""
        if not ref.startswith("#"):
            return None
        node: Any = self.document
        for token in ref[1:].removeprefix("/").split("/") if ref not in ("#", "#/") else ():
            token = unescape(token)
            if isinstance(node, Mapping) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                return None
        return node

    def follow(self, node: Any) -> tuple[Any, str | None]:
        """Follow a chain of internal refs: the target and the last ref taken (None if none).

        A dangling or external ref resolves to the ref object itself.
        """
        last: str | None = None
        for _ in range(_MAX_CHAIN):
            ref = node.get("$ref") if isinstance(node, Mapping) else None
            if not isinstance(ref, str):
                return node, last
            target = self.lookup(ref)
            if target is None:
                return node, ref
            node, last = target, ref
        return node, last

    def resolve(self, node: Any) -> Any:
        """`node` with its chain of internal refs followed."""
        return self.follow(node)[0]

    def inline(self, node: Any, depth: int = 12) -> Any:
        """`node` with every internal `$ref` replaced by its target, to `depth` levels."""
        node = self.resolve(node)
        if depth <= 0:
            return node
        if isinstance(node, Mapping):
            return {key: self.inline(value, depth - 1) for key, value in node.items()}
        if isinstance(node, list):
            return [self.inline(value, depth - 1) for value in node]
        return node

    def at(self, path: DocPath) -> Any:
        """The value at a document path (a tuple of keys), or None."""
        return get(self.document, path)

    def locate(self, path: DocPath) -> tuple[str, str]:
        """The file and JSON pointer a reader opens for the document location `path`."""
        if self._origins is not None:
            file, pointer = self._origins.locate(path)
            return str(file), str(pointer)
        return self.label, to_pointer(path)

    # -- operations --------------------------------------------------------------------------

    @cached_property
    def operations(self) -> tuple[Operation, ...]:
        """The operations under `paths`, in document order (callbacks not included)."""
        return tuple(op for op in self.walk() if not op.callback)

    def walk(self) -> Iterator[Operation]:
        """Every operation in document order, each followed by its callbacks' operations."""
        yield from self._in_path_items(self.document.get("paths"), ("paths",), callback=False)

    def _in_path_items(self, items: Any, prefix: DocPath, *, callback: bool) -> Iterator[Operation]:
        if not isinstance(items, Mapping):
            return
        root_security = self.document.get("security")
        for template, raw_item in items.items():
            item = self.resolve(raw_item)
            if not isinstance(item, Mapping):
                continue
            shared = self._parameters(item.get("parameters"))
            for method in HTTP_METHODS:
                definition = item.get(method)
                if not isinstance(definition, Mapping):
                    continue
                own = self._parameters(definition.get("parameters"))
                # An operation's parameter overrides the path item's of the same name and place.
                keys = {(p.get("name"), p.get("in")) for p in own}
                parameters = [p for p in shared if (p.get("name"), p.get("in")) not in keys]
                security = definition.get("security", root_security)
                pointer = (*prefix, str(template), method)
                yield Operation(
                    method=method.upper(),
                    path=str(template),
                    pointer=pointer,
                    definition=definition,
                    item=item,
                    parameters=(*parameters, *own),
                    security=tuple(security) if isinstance(security, list) else (),
                    callback=callback,
                )
                callbacks = definition.get("callbacks")
                if isinstance(callbacks, Mapping):
                    for name, expressions in callbacks.items():
                        yield from self._in_path_items(
                            self.resolve(expressions),
                            (*pointer, "callbacks", str(name)),
                            callback=True,
                        )

    def _parameters(self, raw: Any) -> list[Mapping[str, Any]]:
        if not isinstance(raw, list):
            return []
        resolved = (self.resolve(parameter) for parameter in raw)
        return [p for p in resolved if isinstance(p, Mapping)]

    @cached_property
    def _by_id(self) -> dict[str, Operation]:
        return {op.operation_id: op for op in self.operations if op.operation_id}

    def operation(self, operation_id: str | None) -> Operation | None:
        return self._by_id.get(operation_id) if operation_id else None

    def find(self, method: str, path: str) -> Operation | None:
        """The operation declared for `method` on the path template `path`."""
        return self._by_route.get((method.upper(), path))

    @cached_property
    def _by_route(self) -> dict[tuple[str, str], Operation]:
        return {(op.method, op.path): op for op in self.operations}

    def route(self, method: str, path: str) -> Route | None:
        """The operation a concrete request path falls under, with its path parameters."""
        return self._routes.match(method, path)

    @cached_property
    def _routes(self) -> Routes:
        return Routes(self)

    def path_regex(self, template: str) -> re.Pattern[str]:
        """A regex that matches the concrete paths of a path template."""
        return re.compile("^" + _TEMPLATE_PARAMETER.sub("[^/]+", re.escape(template)) + "$")

    def links(self, operation: Operation) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
        """(status, link name, link) for every link of the operation's responses."""
        for status, response in operation.responses.items():
            links = self.resolve(response).get("links") if isinstance(response, Mapping) else None
            if isinstance(links, Mapping):
                for name, link in links.items():
                    resolved = self.resolve(link)
                    if isinstance(resolved, Mapping):
                        yield status, str(name), resolved

    def responses(self, operation: Operation) -> dict[str, Mapping[str, Any]]:
        """The operation's responses by status, references followed."""
        return {status: self.resolve(r) for status, r in operation.responses.items()}

    # -- schemas and media -------------------------------------------------------------------

    @cached_property
    def schemas(self) -> Mapping[str, Any]:
        """The named schemas of `components/schemas`."""
        components = self.document.get("components")
        schemas = components.get("schemas") if isinstance(components, Mapping) else None
        return schemas if isinstance(schemas, Mapping) else {}

    def schema(self, name: str) -> Mapping[str, Any]:
        schema: Mapping[str, Any] = self.schemas[name]
        return schema

    def enum(self, name: str) -> list[Any]:
        return list(self.resolve(self.schema(name))["enum"])

    def component(self, kind: str) -> Mapping[str, Any]:
        """One section of `components` (`headers`, `responses`, ...), empty when absent."""
        components = self.document.get("components")
        section = components.get(kind) if isinstance(components, Mapping) else None
        return section if isinstance(section, Mapping) else {}

    def json_schema(self, container: Any, media_type: str = "application/json") -> Any:
        """The schema a request body or response gives for `media_type`, refs followed."""
        container = self.resolve(container or {})
        content = container.get("content") if isinstance(container, Mapping) else None
        media = content.get(media_type) if isinstance(content, Mapping) else None
        if not isinstance(media, Mapping):
            return {}
        return self.resolve(media.get("schema") or {})

    def request_example(self, operation: Operation, media_type: str = "application/json") -> Any:
        """The body the document shows for `operation`'s request: the media type's `example`,
        else its first `examples` entry, else its schema's `example`; None when there is none.
        A copy, so the caller may change it."""
        body = self.resolve(operation.request_body or {})
        content = body.get("content") if isinstance(body, Mapping) else None
        media = self.resolve((content or {}).get(media_type) or {})
        if not isinstance(media, Mapping):
            return None
        if "example" in media:
            return copy.deepcopy(media["example"])
        examples = media.get("examples")
        if isinstance(examples, Mapping) and examples:
            first = self.resolve(next(iter(examples.values())))
            if isinstance(first, Mapping) and "value" in first:
                return copy.deepcopy(first["value"])
        schema = self.resolve(media.get("schema") or {})
        return copy.deepcopy(schema.get("example")) if isinstance(schema, Mapping) else None

    def properties(self, schema: Any) -> dict[str, Any]:
        """A schema's properties, each with its refs followed."""
        schema = self.resolve(schema)
        properties = schema.get("properties") if isinstance(schema, Mapping) else None
        if not isinstance(properties, Mapping):
            return {}
        return {str(name): self.resolve(sub) for name, sub in properties.items()}

    # -- Miso conventions the document states ------------------------------------------------

    @cached_property
    def error_codes(self) -> Mapping[str, tuple[int, ...]]:
        """The error-code table: each code and the HTTP statuses it goes with.

        It is the `x-status-codes` extension of the error-code enum, found by the extension,
        not by the schema's name, so documents that inline every `$ref` have it too.
        """
        for schema in self._schemas_with(STATUS_CODES_EXTENSION):
            table = schema[STATUS_CODES_EXTENSION]
            return {
                str(code): tuple(int(status) for status in statuses)
                for code, statuses in table.items()
            }
        return {}

    def _schemas_with(self, extension: str) -> Iterator[Mapping[str, Any]]:
        for schema in self.schemas.values():
            schema = self.resolve(schema)
            if isinstance(schema, Mapping) and isinstance(schema.get(extension), Mapping):
                yield schema

    @cached_property
    def codes_for_status(self) -> Mapping[int, frozenset[str]]:
        codes: dict[int, set[str]] = {}
        for code, statuses in self.error_codes.items():
            for status in statuses:
                codes.setdefault(status, set()).add(code)
        return {status: frozenset(found) for status, found in codes.items()}

    def error_code(self, status: int) -> str:
        """The error code the table pairs with an HTTP status (the first listed, if several)."""
        for code, statuses in self.error_codes.items():
            if status in statuses:
                return code
        return "INTERNAL_ERROR" if status >= 500 else "VALIDATION_ERROR"

    def paged_list(self, operation: Operation) -> PagedList | None:
        """How `operation` pages (`page`/`limit` in, a pagination object out), or None."""
        return self._paged_lists.get(operation.pointer)

    @cached_property
    def _paged_lists(self) -> dict[DocPath, PagedList]:
        found = (paged_list(self, operation) for operation in self.operations)
        return {paged.operation.pointer: paged for paged in found if paged is not None}

    @cached_property
    def rate_limit_headers(self) -> tuple[str, ...]:
        """The response headers the document defines for rate limiting (`X-RateLimit-*`)."""
        return tuple(
            name
            for name in self.component("headers")
            if name.lower().startswith(RATE_LIMIT_PREFIX.lower())
        )

    @cached_property
    def version(self) -> str:
        """The `openapi` field: "3.0.3", "3.1.0", ... (empty when missing)."""
        return str(self.document.get("openapi", ""))
