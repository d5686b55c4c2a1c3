"""One comparison run: the oracle started, the scripted scenarios and the stateful phase's
replayed against it and the instance, the differences turned into findings."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from miso_contract import Contract

from .._auth import Credentials, TokenSource
from .._http import Client, HttpClient
from .._redact import Redactor
from .._results import Finding
from ..rules import ListRules
from ._findings import findings
from ._replay import Recorded, replay
from ._scenarios import OnCreated, Scenarios
from ._server import serving
from ._settings import OracleSettings
from ._sides import Side


@dataclass(frozen=True)
class OracleOutcome:
    findings: tuple[Finding, ...]
    notes: tuple[str, ...]
    compared: int


def compare_with_oracle(
    contract: Contract,
    lists: Mapping[str, ListRules],
    client: Client,
    token: Callable[[], str],
    base_url: str,
    settings: OracleSettings,
    *,
    on_created: OnCreated,
    budget_spent: Callable[[], bool],
    redact: Redactor,
    recorded: Sequence[list[Recorded]] = (),
) -> OracleOutcome:
    """Run the oracle's scenarios on the instance (through the run's paced client and token)
    and on a fresh mock; return the differences as findings."""
    with serving(settings) as oracle:
        oracle_client = HttpClient(oracle.base_url)
        try:
            source = TokenSource(
                oracle_client,
                redact,
                credentials=Credentials(oracle.client_id, oracle.client_secret),
            )
            oracle_side = Side("oracle", oracle_client, source.token, oracle.base_url)
            scenarios = Scenarios(
                contract,
                lists,
                Side("instance", client, token, base_url, budget_spent=budget_spent),
                oracle_side,
                settings,
                oracle.step_seconds,
                on_created,
            )
            outcome = scenarios.run()
            replayed = replay(contract, list(recorded), oracle_side, outcome)
        finally:
            oracle_client.close()
    notes = [
        f"oracle: {outcome.compared} steps compared with the mock, "
        f"{len(outcome.steps)} differed, {len(outcome.inconclusive)} inconclusive "
        f"({replayed} of them replayed from {len(recorded)} stateful-phase scenarios)"
    ]
    notes += [redact(f"oracle inconclusive: {text}") for text in outcome.inconclusive]
    return OracleOutcome(
        tuple(findings(outcome.steps, base_url, redact)), tuple(notes), outcome.compared
    )
