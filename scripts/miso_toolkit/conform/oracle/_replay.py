"""The Schemathesis stateful phase's own scenarios, replayed against the oracle.

Each finished stateful scenario is kept as the requests it sent and the answers the instance
gave. Afterwards each is sent again, step by step, to the oracle, with the ids the scenario
created mapped to the oracle's. What is compared is the kind of answer (accepted, not found,
refused, failed), not the body: the instance answered while other workers ran and the
deployments moved on, and the replay comes later. Steps that cannot have changed what the
scenario created are skipped: refused for credentials, rate limit or data, naming a record it
did not create, or not sendable as they were (a body that is not JSON) and refused. A scenario
stops at a server error, or at a write that was accepted but cannot be sent again."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from miso_contract import Contract, Operation, is_safe
from schemathesis.engine import events
from schemathesis.engine.run import PhaseName

from ._compare import Difference
from ._normalise import IdMap, learn_ids
from ._sides import Exchange, Side
from ._steps import Outcome
from ._wording import operation_rule

MAX_SCENARIOS = 300
# Writes refused for what the instance holds (RFC 9110), not for a rule the oracle can judge.
REFUSED_FOR_ITS_DATA = frozenset({409, 422})
# Answers after which nothing changed on the instance and that the oracle cannot be asked the
# same way: the credentials (the replay sends the run's own), the rate limit, the data.
NOT_REPLAYED = frozenset({401, 403, 429}) | REFUSED_FOR_ITS_DATA


@dataclass(frozen=True)
class Recorded:
    """One step of a stateful scenario as it went to the instance."""

    exchange: Exchange
    sendable: bool  # its body (if any) is JSON and it carried the run's credentials


def kind(status: int) -> str:
    if 200 <= status < 300:
        return "accepted"
    if status == 404:
        return "not found"
    if 400 <= status < 500:
        return "refused"
    return "failed"


def _validation_only(instance: int, oracle: int) -> bool:
    """One side refused the request as invalid (400) and the other accepted it."""
    return {kind(instance), kind(oracle)} == {"accepted", "refused"} and 400 in (instance, oracle)


class StatefulRecorder:
    """Keeps the stateful phase's finished scenarios (up to a bound) as they arrive."""

    def __init__(self, base_url: str) -> None:
        self._base_path = urlsplit(base_url).path.rstrip("/")
        self._lock = threading.Lock()
        self.scenarios: list[list[Recorded]] = []

    def on_event(self, event: events.EngineEvent) -> None:
        if not (
            isinstance(event, events.ScenarioFinished)
            and event.phase == PhaseName.STATEFUL_TESTING
            and event.is_test_scenario
        ):
            return
        steps = []
        for case_id in event.recorder.cases:
            interaction = event.recorder.interactions.get(case_id)
            if interaction is None or interaction.response is None:
                break
            steps.append(self._recorded(interaction))
        with self._lock:
            if steps and len(self.scenarios) < MAX_SCENARIOS:
                self.scenarios.append(steps)

    def _recorded(self, interaction: Any) -> Recorded:
        request, response = interaction.request, interaction.response
        url = urlsplit(request.uri)
        path = (
            url.path[len(self._base_path) :] if url.path.startswith(self._base_path) else url.path
        )
        path += f"?{url.query}" if url.query else ""
        body: Any = None
        sendable = any(name.lower() == "authorization" for name in request.headers)
        if request.body:
            # The oracle is sent JSON: a body of another media type cannot be repeated as is.
            media = next(
                (v for k, v in request.headers.items() if k.lower() == "content-type"), [""]
            )
            try:
                body = json.loads(request.body)
            except ValueError:
                sendable = False
            if "json" not in str(media[-1] if isinstance(media, list) else media).lower():
                sendable = False
        headers = {name: values[-1] for name, values in response.headers.items() if values}
        exchange = Exchange(
            request.method.upper(), path, body, response.status_code, headers, response.content
        )
        return Recorded(exchange, sendable)


def _mapped(ids: IdMap, value: Any) -> Any:
    """`value` with every id the scenario created put as the oracle's."""
    if isinstance(value, str):
        return ids.oracle_id(value) or value
    if isinstance(value, Mapping):
        return {key: _mapped(ids, item) for key, item in value.items()}
    if isinstance(value, list):
        return [_mapped(ids, item) for item in value]
    return value


def _oracle_path(ids: IdMap, operation: Operation, path: str) -> str | None:
    """The path with each path parameter mapped; None when one names a record the scenario
    did not create."""
    bare, _, query = path.partition("?")
    parts = bare.split("/")
    template = operation.path.split("/")
    for index, part in enumerate(template):
        if part.startswith("{") and index < len(parts):
            mapped = ids.oracle_id(parts[index])
            if mapped is None:
                return None
            parts[index] = mapped
    # Every pair as it was sent (an empty name or value too: the instance judged exactly
    # this query), only the values that name the scenario's records mapped.
    mapped_query = "&".join(_mapped_pair(ids, pair) for pair in query.split("&"))
    return "/".join(parts) + (f"?{mapped_query}" if query else "")


def _mapped_pair(ids: IdMap, pair: str) -> str:
    name, equals, value = pair.partition("=")
    mapped = ids.oracle_id(value) if value else None
    return f"{name}{equals}{mapped}" if mapped else pair


def replay(
    contract: Contract, scenarios: list[list[Recorded]], oracle: Side, outcome: Outcome
) -> int:
    """Send each scenario to the oracle; record the steps whose kind of answer differs.
    Returns how many steps were replayed."""
    replayed = 0
    for steps in scenarios:
        ids = IdMap()
        for step in steps:
            mine = step.exchange
            route = contract.route(mine.method, mine.path.split("?", 1)[0])
            operation = route.operation if route is not None else None
            path = _oracle_path(ids, operation, mine.path) if operation is not None else None
            if operation is None or path is None or mine.status in NOT_REPLAYED:
                # Nothing the scenario created was touched: an undocumented path, a record
                # of the instance's own (or another scenario's), or a request it refused
                # for its credentials, its load or its data.
                continue
            if mine.status >= 500 or (not step.sendable and mine.ok and not is_safe(mine.method)):
                break  # it may have changed the scenario's records in a way not repeatable
            if not step.sendable:
                continue  # refused, or only read: nothing changed
            theirs = oracle.send(mine.method, path, _mapped(ids, mine.body))
            replayed += 1
            if theirs.status in REFUSED_FOR_ITS_DATA:
                break
            if _validation_only(mine.status, theirs.status):
                # The stateful phase sends schema-violating data too. Whether such a request
                # must be refused is the spec's to say, and Schemathesis' own checks judge it
                # against the spec; the oracle may be stricter (or looser) than the spec there.
                outcome.inconclusive.append(
                    f"{operation.label}: one side refused with 400 what the other accepted "
                    f"(instance {mine.status}, oracle {theirs.status}): a validation choice "
                    "the spec leaves open, judged by the schema checks instead"
                )
                break
            found = []
            if kind(mine.status) != kind(theirs.status):
                found.append(
                    Difference(
                        "kind of answer (replayed from the stateful phase)",
                        f"{mine.status} {kind(mine.status)}",
                        f"{theirs.status} {kind(theirs.status)}",
                    )
                )
            outcome.record(operation.label, operation_rule(operation), mine, theirs, found)
            if found:
                break  # the two sides no longer hold the same records
            if mine.method == "POST" and mine.ok and theirs.ok:
                # Only what the scenario created pairs (a list pairs nothing: its items are
                # each side's own data).
                learn_ids(ids, mine.json(), theirs.json())
    return replayed
