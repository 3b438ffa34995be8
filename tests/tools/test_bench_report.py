#!/usr/bin/env python3
"""test_bench_report.py: tools/bench-report turns benchmark JSON into the
table and docs/performance.md without inventing numbers.

Feeds it the committed bench/results/latest.json and an edited copy (one
benchmark made slower than its target, one missing on Linux) and checks
that the numbers, ratios and verdicts in the output follow the JSON.

Prints `PASS tools/bench-report.<case>` or `FAIL tools/bench-report.<case>: why`;
exits 1 if any case failed.
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REPORT = os.path.join(ROOT, "tools", "bench-report")
LATEST = os.path.join(ROOT, "bench", "results", "latest.json")


def run(data, tmp, name):
    path = os.path.join(tmp, name + ".json")
    with open(path, "w") as f:
        json.dump(data, f)
    doc = os.path.join(tmp, name + ".md")
    p = subprocess.run([sys.executable, REPORT, path, "--doc", doc], capture_output=True, text=True, timeout=60)
    text = open(doc).read() if os.path.exists(doc) else ""
    return p, text


def row(text, name):
    for line in text.splitlines():
        if line.startswith(f"| {name} |"):
            return [c.strip() for c in line.strip("|").split("|")]
    return None


def tinyos_linux(data, name):
    """(Tiny OS, Linux) ticks of one benchmark in the JSON."""
    b = data["benchmarks"]
    entry = b[name] if isinstance(b, dict) else next(x for x in b if x.get("name") == name)
    return entry


def main():
    results = []
    data = json.load(open(LATEST))
    with tempfile.TemporaryDirectory() as tmp:
        p, doc = run(data, tmp, "latest")
        results.append(("runs-on-the-committed-json", p.returncode == 0 and "| getpid |" in p.stdout,
                        p.stderr[-500:]))
        committed = open(os.path.join(ROOT, "docs", "performance.md")).read()
        # Without --chart the doc has no image line; otherwise it must be
        # exactly what is committed.
        committed = "".join(line for line in committed.splitlines(keepends=True)
                            if not line.startswith("![Tiny OS / Linux ratios"))
        committed = committed.replace("\n\n\n", "\n\n")
        results.append(("committed-doc-is-generated-from-the-json", doc == committed,
                        "docs/performance.md differs from what bench-report makes of latest.json"))

        # Make getpid 4x slower on Tiny OS: its ratio and verdict must follow.
        slow = copy.deepcopy(data)
        entry = tinyos_linux(slow, "getpid")
        text = json.dumps(entry)
        before = row(doc, "getpid")
        entry["tinyos"]["per_op"] *= 4
        entry["tinyos"]["ticks"] *= 4
        changed = json.dumps(entry) != text
        p, doc2 = run(slow, tmp, "slow")
        after = row(doc2, "getpid")
        results.append(("a-slower-tinyos-changes-ratio-and-verdict",
                        changed and before is not None and after is not None and any("missed" in c for c in after)
                        and before != after, f"before {before}, after {after}, json entry {text}"))
    failed = 0
    for name, ok, why in results:
        print(f"PASS tools/bench-report.{name}" if ok else f"FAIL tools/bench-report.{name}: {why}")
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
