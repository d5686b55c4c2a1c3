"""The stateful scenarios, scripted from the spec's links and sent to both sides.

For each operation that creates something removable (a POST whose links lead to a DELETE) and
makes the instance call nobody (no URL in its body): two records are created from the spec's
example, each waited on until it settles; the first is then written to through every PUT its
links name and given every child its links create (a deployment), each followed to its end
and its stream read; then the collection is listed with each filter value, each sort order
and single-item pages; last both are deleted and every read of them is made again. Every step
is compared; only what this run created is written to.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar
from urllib.parse import urlencode

from miso_contract import Contract, Operation, get_pointer

from ..rules import ListRules
from ..rules._spec import SORT_ORDER, fill_path
from ._compare import Difference, compare, diff
from ._lifecycle import (
    Course,
    deduped,
    evolving_fields,
    leaves,
    ordering_differences,
    settle_instance,
    watch_oracle,
)
from ._normalise import IdMap, Normaliser
from ._requests import (
    event_stream_switches,
    made_unique,
    run_tag,
    server_sent_events,
)
from ._settings import OracleSettings
from ._sides import Exchange, Inconclusive, Side
from ._steps import Outcome
from ._wording import field_rule, operation_rule, parameter_rule, schema_at

OnCreated = Callable[[str, str, bytes], None]
T = TypeVar("T")
Paths = tuple[str, str]  # the same request's path on the instance and on the oracle
MAX_PAGES = 20
# A write refused for what the instance holds (RFC 9110: 409 a conflict with the current state,
# 422 content it cannot process, e.g. an environment it does not have).
REFUSED_FOR_ITS_DATA = frozenset({409, 422})
MAX_FILTER_VALUES = 8


@dataclass
class Resource:
    """A record created on both sides, with the requests its links lead to."""

    operation: Operation
    identity: tuple[str, str]
    targets: list[tuple[Operation, Paths]]
    first: tuple[Exchange, Exchange]
    children: list[Resource] = field(default_factory=list)

    def targets_by(self, method: str) -> Iterator[tuple[Operation, Paths]]:
        return ((op, paths) for op, paths in self.targets if op.method == method)


def _roots(contract: Contract) -> list[Operation]:
    """Creating operations to start from: removable, and calling nobody back."""
    roots = []
    for operation in contract.operations:
        if operation.method != "POST" or operation.callback:
            continue
        targets = [
            contract.operation(link.get("operationId")) for _, _, link in contract.links(operation)
        ]
        if not any(t is not None and t.method == "DELETE" for t in targets):
            continue
        body = contract.json_schema(operation.request_body)
        if any(sub.get("format") in ("uri", "url") for sub in contract.properties(body).values()):
            continue
        roots.append(operation)
    return roots


class Scenarios:
    def __init__(
        self,
        contract: Contract,
        lists: Mapping[str, ListRules],
        instance: Side,
        oracle: Side,
        settings: OracleSettings,
        step_seconds: float,
        on_created: OnCreated,
    ) -> None:
        self.contract = contract
        self.lists = lists
        self.instance = instance
        self.oracle = oracle
        self.settings = settings
        self.step_seconds = step_seconds
        self.on_created = on_created
        self.ids = IdMap()
        self.normaliser = Normaliser(contract, self.ids)
        self.outcome = Outcome()

    def run(self) -> Outcome:
        for root in _roots(self.contract):
            self._root(root)
        return self.outcome

    # -- one root --------------------------------------------------------------------------

    def _root(self, operation: Operation) -> None:
        tag = run_tag()
        example = self.contract.request_example(operation)
        records: list[Resource] = []
        for suffix in ("a", "b"):
            body = made_unique(self.contract, operation, example, f"{tag}{suffix}")
            created = self._attempt(operation, partial(self._create, operation, {}, body))
            if created is not None:
                records.append(created)
        try:
            for record in records:
                self._attempt(operation, partial(self._settle, record, created=True))
            if records:
                self._exercise(records[0], tag)
            self._attempt(operation, lambda: self._lists(operation, records))
        finally:
            for record in records:
                self._attempt(operation, partial(self._delete, record))

    def _attempt(self, operation: Operation, step: Callable[[], T]) -> T | None:
        """Run one part of a scenario; one the instance could not answer is inconclusive and
        the next part goes on (the instance is asked first, so both sides stay in step)."""
        try:
            return step()
        except Inconclusive as exc:
            self.outcome.inconclusive.append(f"{operation.label}: {exc}")
            return None

    def _create(
        self, operation: Operation, parent: Mapping[str, Paths], body: Any
    ) -> Resource | None:
        paths = self._fill(operation.path, parent)
        if paths is None:
            return None
        mine, theirs = self._pair(operation, paths, body)
        if mine.ok:
            self.on_created(operation.method, operation.path, mine.content)
        if not (mine.ok and theirs.ok):
            return None
        targets = []
        for status, _, link in self.contract.links(operation):
            target = self.contract.operation(link.get("operationId"))
            if target is None or status != str(mine.status):
                continue
            values = dict(parent)
            for name, expression in (link.get("parameters") or {}).items():
                pointer = str(expression).partition("#")[2]
                found = [_pointed(side.json(), pointer) for side in (mine, theirs)]
                if all(isinstance(v, str | int) and not isinstance(v, bool) for v in found):
                    values[name.split(".")[-1]] = (str(found[0]), str(found[1]))
            target_paths = self._fill(target.path, values)
            if target_paths is not None:
                targets.append((target, target_paths))
        identity = (str((mine.json() or {}).get("id")), str((theirs.json() or {}).get("id")))
        return Resource(operation, identity, targets, (mine, theirs))

    def _exercise(self, record: Resource, tag: str) -> None:
        """Every write its links name, each followed by reading everything again."""
        for index, (operation, paths) in enumerate(record.targets_by("PUT")):
            body = self.contract.request_example(operation)
            body = made_unique(self.contract, operation, body, f"{tag}u{index}")
            self._attempt(operation, partial(self._pair, operation, paths, body))
            self._attempt(operation, lambda: self._settle(record))
        for index, (operation, _) in enumerate(record.targets_by("POST")):
            body = self.contract.request_example(operation)
            body = made_unique(self.contract, operation, body, f"{tag}c{index}")
            values = self._link_values(record, operation)
            child = self._attempt(operation, partial(self._create, operation, values, body))
            if child is None:
                continue
            record.children.append(child)
            self._attempt(operation, partial(self._settle, child, created=True))
            self._attempt(operation, partial(self._streams, child))
            self._attempt(operation, lambda: self._settle(record))

    def _delete(self, record: Resource) -> None:
        """Delete on both sides, then every read of it (and of its children) again: what the
        oracle no longer finds, the instance must not find either."""
        for operation, paths in record.targets_by("DELETE"):
            self._pair(operation, paths)
            for child in [record, *record.children]:
                for read, read_paths in child.targets_by("GET"):
                    self._pair(read, read_paths)

    # -- reading until settled -------------------------------------------------------------

    def _settle(self, record: Resource, *, created: bool = False) -> None:
        """Watch every read of the record on the oracle together until none changes (a
        deployment's log grows between two changes of its status), then settle the instance
        read by read. Just `created`, the creation's answer is where each course starts."""
        created_schema = self._schema(record.operation, record.first[1].status)
        reads = [
            (operation, paths, self._schema(operation, 200))
            for operation, paths in record.targets_by("GET")
        ]
        if not reads:
            return

        def oracle_read() -> tuple[dict[str, Exchange], dict[str, Any]]:
            answers = {
                op.label: self._read(self.oracle, paths[1], schema) for op, paths, schema in reads
            }
            return {k: v[0] for k, v in answers.items()}, {k: v[1] for k, v in answers.items()}

        watched = watch_oracle(oracle_read, self.step_seconds)
        for operation, paths, schema in reads:
            theirs = Course(
                [(answers[operation.label], fp[operation.label]) for answers, fp in watched]
            )
            same = created and created_schema and schema == created_schema
            first = record.first if same else None
            self._settle_read(operation, paths, schema, theirs, first)

    def _read(self, side: Side, path: str, schema: Any) -> tuple[Exchange, Any]:
        exchange = side.send("GET", path)
        if not exchange.ok:
            return exchange, {"(status)": exchange.status}
        return exchange, self.normaliser.fingerprint(side.name, exchange.json(), schema)

    def _settle_read(
        self,
        operation: Operation,
        paths: Paths,
        schema: Any,
        theirs: Course,
        first: tuple[Exchange, Exchange] | None,
    ) -> None:
        instance_first = None
        if first is not None:
            fingerprints = [
                self.normaliser.fingerprint(side, exchange.json(), schema)
                for side, exchange in (("instance", first[0]), ("oracle", first[1]))
            ]
            instance_first = (first[0], fingerprints[0])
            theirs.reads.insert(0, (first[1], fingerprints[1]))
        evolving = evolving_fields(theirs)
        target = {where: value for where, value in leaves(theirs.last[1]) if where in evolving}
        mine, reached = settle_instance(
            lambda: self._read(self.instance, paths[0], schema),
            target,
            wait_seconds=self.settings.wait_seconds,
            poll_seconds=self.settings.poll_seconds,
            first=instance_first,
            confirm=bool(evolving),
        )
        found: list[Difference] = []
        if not reached:
            shown = dict(leaves(mine.last[1]))
            found += [
                Difference(
                    f"body {where} never reaches the oracle's settled value "
                    f"(waited {self.settings.wait_seconds:g} s)",
                    _course_text(mine, where) or shown.get(where),
                    _course_text(theirs, where) or value,
                )
                for where, value in sorted(target.items())
                if shown.get(where, "(absent)") != value
            ]
        found += ordering_differences(theirs, mine, evolving)
        found += compare(
            self.contract, operation, self.normaliser, mine.last[0], theirs.last[0], schema=schema
        )
        self.outcome.record(
            operation.label,
            self._rule(operation, schema, found),
            mine.last[0],
            theirs.last[0],
            found,
        )

    def _streams(self, record: Resource) -> None:
        """Each read that can stream: the events, the way the stream ends, what its end says."""
        for operation, paths in record.targets_by("GET"):
            query = event_stream_switches(self.contract, operation)
            if query is None:
                continue
            mine = self.instance.send("GET", f"{paths[0]}?{query}")
            theirs = self.oracle.send("GET", f"{paths[1]}?{query}")
            found = compare(self.contract, operation, self.normaliser, mine, theirs)
            if not found and mine.ok:
                found += self._stream_differences(mine, theirs)
            self.outcome.record(operation.label, operation_rule(operation), mine, theirs, found)

    def _stream_differences(self, mine: Exchange, theirs: Exchange) -> list[Difference]:
        ours, oracle = server_sent_events(mine.content), server_sent_events(theirs.content)
        kinds = [deduped([name for name, _ in events]) for events in (ours, oracle)]
        found = []
        if kinds[0] != kinds[1]:
            found.append(Difference("events (in order)", kinds[0], kinds[1]))
        if ours and oracle and ours[-1][0] == oracle[-1][0]:
            last = [
                self._ids_replaced(side, events[-1][1])
                for side, events in (("instance", ours), ("oracle", oracle))
            ]
            if last[0] != last[1]:
                found.append(Difference(f"data of the last event ({ours[-1][0]})", *last))
        return found

    def _ids_replaced(self, side: str, data: str) -> Any:
        try:
            value = json.loads(data)
        except ValueError:
            return data

        def walk(item: Any) -> Any:
            if isinstance(item, dict):
                return {k: walk(v) for k, v in item.items()}
            if isinstance(item, list):
                return [walk(v) for v in item]
            if isinstance(item, str):
                return self.ids.placeholder(side, item) or item
            return item

        return walk(value)

    # -- lists -----------------------------------------------------------------------------

    def _lists(self, creating: Operation, records: list[Resource]) -> None:
        listing = self.contract.find("GET", creating.path)
        rules = self.lists.get(listing.label) if listing is not None else None
        if listing is None or rules is None or rules.identity is None or not records:
            return
        ours = ({r.identity[0] for r in records}, {r.identity[1] for r in records})
        default = self._compare_list(listing, rules, {}, ours)
        for name in rules.filters:
            for value in self._filter_values(listing, name, default):
                self._compare_list(listing, rules, {name: value}, ours)
        if rules.sort_param is not None:
            schema = self.contract.resolve(
                listing.query_parameters()[rules.sort_param].get("schema", {})
            )
            for order in schema.get("enum", []):
                self._compare_list(listing, rules, {rules.sort_param: order}, ours)
        self._compare_pages(listing, rules, ours)

    def _filter_values(
        self, listing: Operation, name: str, default: list[dict[str, Any]] | None
    ) -> list[Any]:
        """The filter's enum values, and the values the run's own records hold."""
        schema = self.contract.resolve(listing.query_parameters()[name].get("schema", {}))
        values = list(schema.get("enum", []))
        for item in default or []:
            value = item.get(name)
            if isinstance(value, str | int) and value not in values:
                values.append(value)
        return values[:MAX_FILTER_VALUES]

    def _walk(
        self, side: Side, listing: Operation, rules: ListRules, query: Mapping[str, Any]
    ) -> tuple[list[dict[str, Any]], Exchange, bool]:
        """Every item the list holds for `query` (pages of the largest size), the last page,
        and whether the walk reached the end."""
        limit = rules.limit_bounds[1]
        items: list[dict[str, Any]] = []
        for page in range(1, MAX_PAGES + 1):
            exchange = side.send(
                "GET", f"{listing.path}?{urlencode({**query, 'page': page, 'limit': limit})}"
            )
            body = exchange.json()
            data = body.get(rules.data) if isinstance(body, dict) and exchange.ok else None
            if not isinstance(data, list):
                return items, exchange, True
            items += [item for item in data if isinstance(item, dict)]
            if len(data) < limit:
                return items, exchange, True
        return items, exchange, False

    def _compare_list(
        self,
        listing: Operation,
        rules: ListRules,
        query: Mapping[str, Any],
        ours: tuple[set[str], set[str]],
    ) -> list[dict[str, Any]] | None:
        """The run's own records as the list shows them on both sides: the same ones, in the
        same order (ties of the sort key apart), the same fields. Returns the oracle's."""
        rule = parameter_rule(listing, query)
        mine, mine_last, complete = self._walk(self.instance, listing, rules, query)
        theirs, theirs_last, _ = self._walk(self.oracle, listing, rules, query)
        if mine_last.status != theirs_last.status:
            found = [Difference("status", mine_last.status, theirs_last.status)]
            self.outcome.record(listing.label, rule, mine_last, theirs_last, found)
            return None
        if not complete:
            self.outcome.inconclusive.append(
                f"{listing.label} {urlencode(query)}: more than {MAX_PAGES} pages on the instance"
            )
            return None
        identity = rules.identity or "id"
        oracle_items = [item for item in theirs if item.get(identity) in ours[1]]
        found = self._list_differences(
            rules, query, self._own(mine, identity, ours[0]), oracle_items
        )
        if found:
            # Another client may have moved items between pages meanwhile: judge only what
            # the instance shows twice.
            again, _, _ = self._walk(self.instance, listing, rules, query)
            if self._order(self._own(again, identity, ours[0]), "instance", identity) != (
                self._order(self._own(mine, identity, ours[0]), "instance", identity)
            ):
                self.outcome.inconclusive.append(
                    f"{listing.label} {urlencode(query)}: the list changed between two reads"
                )
                return oracle_items
        self.outcome.record(listing.label, rule, mine_last, theirs_last, found)
        return oracle_items

    @staticmethod
    def _own(items: list[dict[str, Any]], identity: str, ours: set[str]) -> list[dict[str, Any]]:
        return [item for item in items if item.get(identity) in ours]

    def _order(self, items: list[dict[str, Any]], side: str, identity: str) -> list[str]:
        return [self.ids.placeholder(side, str(item.get(identity))) or "?" for item in items]

    def _list_differences(
        self,
        rules: ListRules,
        query: Mapping[str, Any],
        mine: list[dict[str, Any]],
        theirs: list[dict[str, Any]],
    ) -> list[Difference]:
        identity = rules.identity or "id"
        order = (self._order(mine, "instance", identity), self._order(theirs, "oracle", identity))
        if sorted(order[0]) != sorted(order[1]):
            return [Difference("the run's records listed", order[0], order[1])]
        schema = {"type": "object", "properties": dict(rules.items)}
        prints = (
            [self.normaliser.fingerprint("instance", item, schema) for item in mine],
            [self.normaliser.fingerprint("oracle", item, schema) for item in theirs],
        )
        if order[0] != order[1]:
            sort = SORT_ORDER.match(
                str(query.get(rules.sort_param or "", rules.sort_default or ""))
            )
            key = sort["field"] if sort else None
            keys = [[p.get(key) for p in side] for side in prints] if key else [[1], [2]]
            if keys[0] != keys[1]:
                return [Difference("order of the run's records", order[0], order[1])]
            # The same sort keys in the same order: only ties differ, broken by ids that differ
            # by construction between the two sides.
            by_id = {o: p for o, p in zip(order[1], prints[1], strict=True)}
            prints = (prints[0], [by_id[o] for o in order[0]])
        found: list[Difference] = []
        for placeholder, left, right in zip(order[0], *prints, strict=True):
            found += diff(left, right, f"item {placeholder} ")
        return found

    def _compare_pages(
        self, listing: Operation, rules: ListRules, ours: tuple[set[str], set[str]]
    ) -> None:
        """Single-item pages: page N holds the item at position N of the whole list."""
        identity = rules.identity or "id"
        walks = {}
        for side in (self.instance, self.oracle):
            items, _, complete = self._walk(side, listing, rules, {})
            if not complete:
                return
            walks[side.name] = [str(item.get(identity)) for item in items]
        for mine_id in sorted(ours[0]):
            theirs_id = self.ids.oracle_id(mine_id)
            if mine_id not in walks["instance"] or theirs_id not in walks["oracle"]:
                continue
            query = {"page": walks["instance"].index(mine_id) + 1, "limit": 1}
            oracle_query = {"page": walks["oracle"].index(theirs_id) + 1, "limit": 1}
            mine = self.instance.send("GET", f"{listing.path}?{urlencode(query)}")
            theirs = self.oracle.send("GET", f"{listing.path}?{urlencode(oracle_query)}")
            shown = [
                [str(i.get(identity)) for i in (e.json() or {}).get(rules.data, [])]
                for e in (mine, theirs)
            ]
            found = []
            if mine.status != theirs.status:
                found.append(Difference("status", mine.status, theirs.status))
            elif shown[1] == [theirs_id] and shown[0] != [mine_id]:
                again, _, _ = self._walk(self.instance, listing, rules, {})
                if [str(i.get(identity)) for i in again] != walks["instance"]:
                    self.outcome.inconclusive.append(
                        f"{listing.label} page {query['page']}: the list changed meanwhile"
                    )
                    continue
                expected = self.ids.placeholder("instance", mine_id)
                found.append(
                    Difference(
                        f"items of page {query['page']} (limit 1)",
                        [
                            self.ids.placeholder("instance", i) or "(another record)"
                            for i in shown[0]
                        ],
                        [expected],
                    )
                )
            self.outcome.record(listing.label, parameter_rule(listing, query), mine, theirs, found)

    # -- plumbing --------------------------------------------------------------------------

    def _pair(
        self, operation: Operation, paths: Paths, body: Any = None
    ) -> tuple[Exchange, Exchange]:
        """One step on both sides (the instance first: when it cannot answer, neither moves)."""
        if body is not None:
            self.normaliser.remember_sent(body)
        mine = self.instance.send(operation.method, paths[0], body)
        if body is not None and mine.status in REFUSED_FOR_ITS_DATA:
            # The example names data the instance may not hold (an environment), or that it
            # already holds: its data, not a rule. The oracle is not asked, so both stay alike.
            raise Inconclusive(
                f"{operation.method} {paths[0]} answered {mine.status} to the spec's example "
                "(the instance's own data may differ from the mock's)"
            )
        theirs = self.oracle.send(operation.method, paths[1], body)
        found = compare(self.contract, operation, self.normaliser, mine, theirs)
        schema = self._schema(operation, theirs.status)
        self.outcome.record(
            operation.label, self._rule(operation, schema, found), mine, theirs, found
        )
        return mine, theirs

    def _rule(self, operation: Operation, schema: Any, found: list[Difference]) -> str:
        """The words of the spec for the first field that differs, else the operation's."""
        fields = [
            next((t for t in difference.where.split(" ") if t.startswith("/")), None)
            for difference in found
        ]
        named = [f for f in fields if f is not None]
        # A lifecycle's own words (an enum's description) say the most; else the first field.
        with_enum = [f for f in named if "enum" in (schema_at(self.contract, schema, f) or {})]
        for field_path in [*with_enum, *named][:1]:
            return field_rule(self.contract, operation, schema, field_path)
        return operation_rule(operation)

    def _schema(self, operation: Operation, status: int) -> Any:
        return self.contract.json_schema(self.contract.responses(operation).get(str(status)))

    def _fill(self, template: str, values: Mapping[str, Paths]) -> Paths | None:
        mine = fill_path(template, {k: v[0] for k, v in values.items()})
        theirs = fill_path(template, {k: v[1] for k, v in values.items()})
        return (mine, theirs) if mine is not None and theirs is not None else None

    def _link_values(self, record: Resource, operation: Operation) -> dict[str, Paths]:
        """The path parameters a link of `record` gives `operation` (its paths, read back)."""
        for target, paths in record.targets:
            if target is operation:
                return {
                    name: values for name, values in _path_parameters(operation.path, paths).items()
                }
        return {}


def _path_parameters(template: str, paths: Paths) -> dict[str, Paths]:
    """Which value each side put in each `{parameter}` of `template`."""
    names = [part[1:-1] for part in template.split("/") if part.startswith("{")]
    values: dict[str, Paths] = {}
    parts = [p.split("/") for p in paths]
    for index, part in enumerate(template.split("/")):
        if part.startswith("{") and index < len(parts[0]) and index < len(parts[1]):
            values[part[1:-1]] = (parts[0][index], parts[1][index])
    return {name: values[name] for name in names if name in values}


def _pointed(body: Any, pointer: str) -> Any:
    try:
        return get_pointer(body, pointer)
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def _course_text(course: Course, where: str) -> str:
    values = course.values(where)
    return " → ".join(map(str, values)) if len(values) > 1 else ""
