"""The webhook scenario: register a webhook to the run's receiver, make the instance emit
events, wait for the deliveries, judge them, and remove the webhook again.

Events are triggered the way a client would, read from the spec: each creating operation whose
resource the contract can delete is called with its documented example, then the operations
its answer links to (updates and deploys with their examples, the delete last). Which events
that emits is the instance's business; the ones it delivers are judged, and its own list of
deliveries says which are still due. A delivery that is still due when the wait ends is not a
finding: a slow instance is not a wrong one.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from miso_contract import LIMIT_PARAMETER, PAGE_PARAMETER, Contract, Operation
from openapi_schema_validator import OAS30Validator, oas30_format_checker

from ._cleanup import ResourceTracker
from ._deliveries import Breach, DeliveryJudge
from ._http import UNANSWERED, Client, Reply, Unreachable
from ._verdicts import Verdicts, curl
from ._webhook_receiver import WebhookReceiver
from ._webhook_spec import (
    NEXT_ATTEMPT_FIELD,
    Linked,
    NotDescribed,
    WebhookSpec,
    linked_operations,
    read_webhook_spec,
)

# For the refused delivery's next attempt (the spec's backoff starts at a second), then for
# the deliveries the instance lists to be final.
RETRY_WAIT_SECONDS = 30.0
SETTLE_WAIT_SECONDS = 30.0
POLL_SECONDS = 1.0
MAX_LISTED_PAGES = 5


class ReceiverUnavailable(Exception):
    """The receiver cannot listen on the address it was given."""


@dataclass(frozen=True)
class Sent:
    method: str
    path: str
    body: Any
    status: int | None


class WebhookScenario:
    """One registration, its triggers and the verdicts on what arrived."""

    def __init__(
        self,
        contract: Contract,
        client: Client,
        token: Callable[[], str],
        tracker: ResourceTracker,
        base_url: str,
        budget_spent: Callable[[], bool],
        selected: Callable[[Operation], bool] = lambda operation: True,
    ) -> None:
        self.contract = contract
        self.selected = selected
        self.client = client
        self.token = token
        self.tracker = tracker
        self.base_url = base_url
        self.budget_spent = budget_spent
        self.sent: list[Sent] = []

    def run(self, address: tuple[str, int]) -> Verdicts:
        verdicts = Verdicts()
        try:
            spec = read_webhook_spec(self.contract)
        except NotDescribed as exc:
            verdicts.cannot_judge(f"webhook deliveries: not checked: {exc}")
            return verdicts
        if not any(True for _ in self._lifecycles(spec.register)):
            verdicts.cannot_judge(
                "webhook deliveries: not checked: no selected operation creates something that "
                "emits events (select a creating operation too, e.g. with --include-operation)"
            )
            return verdicts
        low, high = spec.secret_length
        length = max(low, min(high, 32))
        secret = secrets.token_hex(length)[:length]
        try:
            receiver = WebhookReceiver(*address)
        except OSError as exc:
            where = f"{address[0]}:{address[1]}"
            raise ReceiverUnavailable(
                f"the webhook receiver cannot listen on {where}: {exc}"
            ) from exc
        with receiver:
            judge = DeliveryJudge(self.contract, spec, secret)
            receiver.identity = judge.identity
            self._scenario(spec, judge, receiver, secret, verdicts)
        return verdicts

    # -- the scenario ------------------------------------------------------------------------

    def _scenario(
        self,
        spec: WebhookSpec,
        judge: DeliveryJudge,
        receiver: WebhookReceiver,
        secret: str,
        verdicts: Verdicts,
    ) -> None:
        registered = self._send("POST", spec.register.path, spec.body(receiver.url, secret))
        if registered is None or not 200 <= registered.status < 300:
            status = registered.status if registered else "no answer"
            verdicts.cannot_judge(f"webhook deliveries: registering a webhook answered {status}")
            return
        self.tracker.note_created("POST", spec.register.path, registered.body)
        webhook = _json(registered)
        try:
            finals = self._trigger(spec)
            # Time for the refused delivery's retry, and for events that follow on their own
            # (a deployment finishing), before the resources go.
            self._settle(
                spec,
                webhook,
                judge,
                receiver,
                RETRY_WAIT_SECONDS,
                lambda: _retried(judge, receiver.probe, receiver.arrivals),
            )
            for method, path, body in finals:
                self._send(method, path, body)
            listed = self._settle(spec, webhook, judge, receiver, SETTLE_WAIT_SECONDS)
        finally:
            if spec.delete is not None and (own := spec.delete.path(webhook)):
                self._send("DELETE", own, None, record=False)
        self._judge(spec, judge, receiver, listed, verdicts, receiver.url)

    def _trigger(self, spec: WebhookSpec) -> list[tuple[str, str, Any]]:
        """Create, change and deploy what the contract lets a client create and delete again;
        the deletes are returned to be sent later."""
        finals: list[tuple[str, str, Any]] = []
        for create, body, links in self._lifecycles(spec.register):
            reply = self._create(create, body)
            if reply is None:
                continue
            answer = _json(reply)
            order = {"PUT": 0, "PATCH": 0, "POST": 1}
            for link in sorted(links, key=lambda link: order.get(link.operation.method, 2)):
                path = link.path(answer)
                method = link.operation.method
                if path is None or method in ("GET", "HEAD", "OPTIONS"):
                    continue
                if method == "DELETE":
                    finals.append((method, path, None))
                    continue
                example = self.contract.request_example(link.operation)
                reply = self._send(method, path, example)
                if method == "POST" and reply is not None and 200 <= reply.status < 300:
                    self.tracker.note_created(method, link.operation.path, reply.body)
        return finals

    def _lifecycles(self, register: Operation) -> Iterator[tuple[Operation, Any, list[Linked]]]:
        """Creating operations (a POST on a path without parameters, with an example) whose
        answer links to a DELETE, other than the registration itself, among those the run
        may call (`--include-operation` limits what it writes with)."""
        for operation in self.contract.operations:
            if operation.method != "POST" or "{" in operation.path or operation == register:
                continue
            if not self.selected(operation):
                continue
            body = self.contract.request_example(operation)
            links = linked_operations(self.contract, operation)
            if body is not None and any(link.operation.method == "DELETE" for link in links):
                yield operation, body, links

    def _create(self, operation: Operation, body: Any) -> Reply | None:
        """The documented example, once more with its conflicting fields made unique if the
        instance answers 409 naming them (the example's name may be taken already)."""
        reply = self._send("POST", operation.path, body)
        if reply is not None and reply.status == 409 and isinstance(body, Mapping):
            fields = _conflicting_fields(reply)
            suffix = secrets.token_hex(3)
            varied = {
                k: f"{v}-{suffix}" if k in fields and isinstance(v, str) else v
                for k, v in body.items()
            }
            schema = self.contract.inline(self.contract.json_schema(operation.request_body))
            if varied != body and not list(
                OAS30Validator(schema, format_checker=oas30_format_checker).iter_errors(varied)
            ):
                reply = self._send("POST", operation.path, varied)
        if reply is None or not 200 <= reply.status < 300:
            return None
        self.tracker.note_created("POST", operation.path, reply.body)
        return reply

    def _settle(
        self,
        spec: WebhookSpec,
        webhook: Any,
        judge: DeliveryJudge,
        receiver: WebhookReceiver,
        seconds: float,
        enough: Callable[[], bool] = lambda: False,
    ) -> dict[str, Mapping[str, Any]] | None:
        """Poll the instance's list of deliveries until those it listed first (and the refused
        one) are final, `enough()` holds, or `seconds` pass; the last list read (None if none
        could be). An empty list is no reason to stop: the instance may not have got to it."""
        deadline = time.monotonic() + seconds
        awaited: set[str] | None = None
        listed: dict[str, Mapping[str, Any]] | None = None
        while not enough():
            now_listed = self._list(spec, webhook)
            if now_listed is not None:
                listed = now_listed
            if now_listed:
                if awaited is None:
                    awaited = set(now_listed)
                probe = receiver.probe
                if probe is not None and not _retried(judge, probe, receiver.arrivals):
                    awaited.add(probe)
                due = [
                    i
                    for i in awaited
                    if i in now_listed and now_listed[i].get(NEXT_ATTEMPT_FIELD) is not None
                ]
                if not due:
                    break
            if time.monotonic() >= deadline or self.budget_spent():
                break
            receiver.wait(lambda arrivals: enough(), POLL_SECONDS)
        return listed

    def _list(self, spec: WebhookSpec, webhook: Any) -> dict[str, Mapping[str, Any]] | None:
        listing = spec.listing
        path = listing.linked.path(webhook) if listing else None
        if listing is None or path is None:
            return None
        found: dict[str, Mapping[str, Any]] = {}
        for page in range(1, MAX_LISTED_PAGES + 1):
            query = f"?{PAGE_PARAMETER}={page}"
            query += f"&{LIMIT_PARAMETER}={listing.limit}" if listing.limit else ""
            reply = self._send("GET", path + query, None, record=False)
            if reply is None or reply.status != 200:
                return None
            items = _json(reply).get(listing.items) if isinstance(_json(reply), Mapping) else None
            if not isinstance(items, list):
                return None
            for item in items:
                if isinstance(item, Mapping) and listing.identity in item:
                    found[str(item[listing.identity])] = item
            if not items or (listing.limit and len(items) < listing.limit):
                break
        return found

    # -- verdicts ----------------------------------------------------------------------------

    def _judge(
        self,
        spec: WebhookSpec,
        judge: DeliveryJudge,
        receiver: WebhookReceiver,
        listed: dict[str, Mapping[str, Any]] | None,
        verdicts: Verdicts,
        url: str,
    ) -> None:
        arrivals = receiver.arrivals
        label = spec.callback.label
        reproduce = self._reproduction()
        for arrival in arrivals:
            verdicts.examined += 1
            for breach in judge.arrival(arrival):
                self._report(verdicts, label, breach, reproduce)
        if not arrivals:
            verdicts.cannot_judge(_nothing_arrived(url, listed))
            return
        probe = receiver.probe
        if probe is not None:
            verdicts.examined += 1
            record = (
                listed.get(probe)
                if listed is not None and spec.listing and spec.listing.verdicts
                else None
            )
            outcome = judge.retry(arrivals, probe, record)
            if isinstance(outcome, Breach):
                self._report(verdicts, label, outcome, reproduce)
            elif isinstance(outcome, str):
                verdicts.cannot_judge(f"webhook retry: {outcome}")
        if listed is not None and spec.listing is not None and spec.listing.verdicts:
            verdicts.examined += 1
            for breach in judge.listed_not_received(listed, arrivals):
                self._report(verdicts, spec.listing.linked.operation.label, breach, reproduce)

    def _report(self, verdicts: Verdicts, label: str, breach: Breach, reproduce: str) -> None:
        verdicts.breach(
            label,
            breach.kind,
            breach.title,
            breach.message,
            curl=reproduce,
            response=breach.exchange,
        )

    def _reproduction(self) -> str:
        """The registration and the triggers, in the order the run sent them."""
        return "\n".join(curl(self.base_url, s.method, s.path, s.body) for s in self.sent)

    # -- requests ----------------------------------------------------------------------------

    def _send(self, method: str, path: str, body: Any, *, record: bool = True) -> Reply | None:
        if self.budget_spent():
            return None
        try:
            reply = self.client.request(
                method, path, json_body=body, headers={"Authorization": f"Bearer {self.token()}"}
            )
        except Unreachable:
            reply = None
        if record:
            self.sent.append(Sent(method, path, body, reply.status if reply else None))
        return reply if reply is None or reply.status not in UNANSWERED else None


def _retried(judge: DeliveryJudge, probe: str | None, arrivals: list[Any]) -> bool:
    return probe is not None and sum(1 for a in arrivals if judge.identity(a) == probe) > 1


def _json(reply: Reply) -> Any:
    try:
        return reply.json()
    except ValueError:
        return None


def _conflicting_fields(reply: Reply) -> set[str]:
    """The fields a 409's error details name (the Miso envelope's field errors)."""
    body = _json(reply)
    error = body.get("error") if isinstance(body, Mapping) else None
    details = error.get("details") if isinstance(error, Mapping) else None
    if not isinstance(details, list):
        return set()
    return {str(d["field"]) for d in details if isinstance(d, Mapping) and "field" in d}


def _nothing_arrived(url: str, listed: Mapping[str, Mapping[str, Any]] | None) -> str:
    if not listed:
        return (
            f"webhook deliveries: none reached the receiver at {url} within the wait, and the "
            "instance listed none (the events the run triggered may not be delivered yet)"
        )
    errors = sorted({str(r.get("last_error")) for r in listed.values() if r.get("last_error")})
    said = f"; the instance says: {'; '.join(errors)[:300]}" if errors else ""
    return (
        f"webhook deliveries: {len(listed)} listed, none reached the receiver at {url}{said}. "
        "Give --webhook-receiver an address the instance can reach and may deliver to"
    )
