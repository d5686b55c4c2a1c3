"""The benchmark as Markdown: machine, per-request figures, ratios, start-up, memory, targets.

The checked-in report (`docs/benchmarks.md`) also holds hand-written notes (how to read it, the
profile's findings); a run replaces only the part between the two markers below.
"""

from __future__ import annotations

import json
from pathlib import Path

from ._results import (
    OURS,
    PRISM,
    BenchResult,
    figures,
    median_startup,
    paired_ratio,
    peak_mb,
    ratio,
    targets,
)

START = "<!-- miso bench: results start -->"
END = "<!-- miso bench: results end -->"
DEFAULT_PREAMBLE = "# Benchmarks\n\nProduced by `miso bench` (`make bench`).\n"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _mark(passed: bool) -> str:
    return "met" if passed else "**not met**"


def render_results(result: BenchResult) -> str:
    """The generated part of the report."""
    c = result.config
    kind = "quick smoke run (not representative)" if c.quick else "full run"
    lines = [
        f"Measured {result.started_at}, {kind}: {c.rounds} alternating round(s) of "
        f"{c.duration:g} s per request and server, {c.connections} connections; start-up "
        f"{c.startup_runs} time(s) per server. Figures are medians over rounds; a ratio is the "
        "median of the per-round ratios (each round runs both servers back to back).",
        "",
        "### Machine",
        "",
        *_table(["", ""], [[k, v] for k, v in result.machine.rows()]),
        "",
        "### Requests",
        "",
    ]
    rows: list[list[str]] = []
    for key, by_server in result.runs.items():
        title = result.titles.get(key, key)
        for server, label in ((OURS, "miso mock"), (PRISM, "Prism")):
            if server not in by_server:
                continue
            f = figures(by_server[server])
            rows.append(
                [
                    title,
                    label,
                    f"{f.rps:,.0f}",
                    f"{f.p50_ms:g}",
                    f"{f.p99_ms:g}",
                    f"{f.cpu_ms:.2f}",
                    f"{f.errors} of {f.requests:,}",
                ]
            )
        if OURS in by_server and PRISM in by_server:
            rows.append(
                [
                    title,
                    "**ours / Prism**",
                    f"**{paired_ratio(by_server, lambda r: r.rps):.2f}x**",
                    f"{paired_ratio(by_server, lambda r: r.p50_ms):.2f}x",
                    f"**{paired_ratio(by_server, lambda r: r.p99_ms):.2f}x**",
                    f"{paired_ratio(by_server, lambda r: r.cpu_ms_per_request):.2f}x",
                    "",
                ]
            )
    header = ["request", "server", "requests/s", "p50 ms", "p99 ms", "CPU ms/request", "errors"]
    lines += [*_table(header, rows), ""]
    lines += ["### Start-up and memory", ""]
    rows = []
    if result.startup:
        startup = {s: median_startup(result, s) for s in result.startup}
        rows.append(["start-up to first 200 (s)", *_pair(startup, ".2f")])
    if result.peak_rss_kib:
        rss = {s: peak_mb(result, s) for s in result.peak_rss_kib}
        rows.append(["peak RSS (MB)", *_pair(rss, ".0f")])
    lines += [*_table(["", "miso mock", "Prism", "ours / Prism"], rows), ""]
    if result.extras:
        lines += ["### Other figures", ""]
        rows = [[e.label, e.value, e.note] for e in result.extras]
        lines += [*_table(["figure", "value", "how"], rows), ""]
    lines += ["### Targets", ""]
    rows = [[t.name, t.measured, t.goal, _mark(t.passed)] for t in targets(result)]
    lines += _table(["target", "measured", "goal", ""], rows)
    return "\n".join(lines) + "\n"


def _pair(values: dict[str, float], spec: str) -> list[str]:
    """Ours, Prism and their ratio; a dash for what was not measured."""
    cells = [format(values[s], spec) if s in values else "-" for s in (OURS, PRISM)]
    both = OURS in values and PRISM in values
    return [*cells, f"{ratio(values[OURS], values[PRISM]):.2f}x" if both else "-"]


def splice(document: str, generated: str) -> str:
    """`document` with the text between the markers replaced (appended if it has none)."""
    block = f"{START}\n{generated}{END}"
    if START in document and END in document:
        head, _, rest = document.partition(START)
        _, _, tail = rest.partition(END)
        return f"{head}{block}{tail}"
    return f"{document.rstrip()}\n\n## Results\n\n{block}\n"


def write(result: BenchResult, report: Path, json_path: Path | None = None) -> None:
    """Update `report` (keeping its hand-written parts) and optionally dump the raw runs."""
    document = report.read_text() if report.exists() else DEFAULT_PREAMBLE
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(splice(document, render_results(result)))
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(result.to_json(), indent=2) + "\n")
