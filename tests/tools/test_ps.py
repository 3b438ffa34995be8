#!/usr/bin/env python3
"""test_ps.py: our ps (build/user/bin/ps, a static Linux program) run on
this host beside procps-ng's ps: `ps aux` and `ps -ef` must print the
same header and, for every process both saw, the same columns (those
that cannot move between the two snapshots: USER/UID, PID, PPID, TTY,
START/STIME; a busy process changes its STAT, a kernel worker its name),
and for a sleep started here the whole line but RSS.

Prints `PASS tools/ps.<case>` or `FAIL tools/ps.<case>: why` per case.
"""
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OURS = os.path.join(ROOT, "build", "user", "bin", "ps")
PROCPS = "/usr/bin/ps"  # tools/setup-deps.sh installs procps


def rows(text, nfields):
    """{pid: (fields, line)} of a ps listing, the header apart."""
    lines = text.splitlines()
    out = {}
    for line in lines[1:]:
        f = line.split(None, nfields - 1)
        out[f[1]] = (f, line)
    return lines[0], out


def compare(args, nfields, stable, sleeper, mask):
    """stable: indexes of the fields compared for every process; mask:
    the field index blanked in the sleeper's whole-line comparison."""
    theirs = subprocess.run([PROCPS] + args, capture_output=True, text=True, check=True).stdout
    ours = subprocess.run([OURS] + args, capture_output=True, text=True, check=True).stdout
    th, tr = rows(theirs, nfields)
    oh, orows = rows(ours, nfields)
    if th != oh:
        return f"header {oh!r}, procps {th!r}"
    common = set(tr) & set(orows)
    if len(common) < 2:
        return f"only {len(common)} processes in both listings"
    for pid in sorted(common, key=int):
        a, b = tr[pid][0], orows[pid][0]
        for k in stable:
            if a[k] != b[k]:
                return f"pid {pid}: field {k} is {b[k]!r}, procps {a[k]!r}\n  ours:   {orows[pid][1]}\n  procps: {tr[pid][1]}"
    pid = str(sleeper.pid)
    if pid not in common:
        return "the sleep started here is missing"
    a, b = tr[pid][1], orows[pid][1]
    fa, fb = tr[pid][0], orows[pid][0]
    # Blank the field that may move (RSS) at its place in both lines.
    ia, ib = a.index(" " + fa[mask] + " "), b.index(" " + fb[mask] + " ")
    a = a[:ia] + " " * (len(fa[mask]) + 2) + a[ia + len(fa[mask]) + 2:]
    b = b[:ib] + " " * (len(fb[mask]) + 2) + b[ib + len(fb[mask]) + 2:]
    if a != b:
        return f"the sleep's line:\n  ours:   {b}\n  procps: {a}"
    return ""


def main():
    if not os.path.isfile(OURS):
        print(f"FAIL tools/ps.built: {OURS} was not built (make userland)")
        return 1
    sleeper = subprocess.Popen(["sleep", "60"])
    time.sleep(0.2)
    failed = 0
    try:
        cases = [
            # USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND
            ("aux", ["aux"], 11, (0, 1, 6, 8), 5),
            # UID PID PPID C STIME TTY TIME CMD
            ("ef", ["-ef"], 8, (0, 1, 2, 4, 5), 3),
        ]
        for name, args, nfields, stable, mask in cases:
            why = compare(args, nfields, stable, sleeper, mask)
            print(f"FAIL tools/ps.{name}: {why}" if why else f"PASS tools/ps.{name}")
            failed += bool(why)
    finally:
        sleeper.kill()
        sleeper.wait()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
