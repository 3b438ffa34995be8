#!/usr/bin/env python3
"""test_profile.py: tools/profile charges a program's instructions to
kernel functions.

Profiles build/user/tests/hello (one write, one exit) with --kernel-only
(QEMU logs kernel blocks only: a third less log) and checks that the
table names the system-call entry and the write handler, that the
program's own output still comes through, and that --annotate breaks the
write handler down by source line. Prints `PASS tools/profile.<case>`
or `FAIL tools/profile.<case>: why`; exits 1 if any case failed.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    hello = os.path.join(ROOT, "build", "user", "tests", "hello")
    p = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "profile"), "--kernel-only", "--top", "400",
                        "--annotate", "sys_write", hello],
                       capture_output=True, text=True, timeout=170)  # a busy machine: the log is ~700 MB
    out = p.stdout
    cases = [
        ("exits-0", p.returncode == 0, f"status {p.returncode}: {p.stderr[-300:]}"),
        ("relays-the-program-output", "Hello from Ring 3!" in out, out[:300]),
        ("charges-the-syscall-entry", re.search(r"^\s*[\d,]+\s+[\d.]+%\s+[\d,]+\s+syscall_entry$", out, re.M),
         out[-600:]),
        ("charges-the-write-handler", re.search(r"\bsys_write\b", out), out[-600:]),
        ("kernel-only-logs-no-user-blocks", "<user>" not in out, out[-600:]),
        # --annotate: sys_write's instructions per source line, in its own file.
        ("annotates-a-function-by-source-line",
         "(sys_write, total" in out and re.search(r"^\s*[\d,]+\s+[\d.]+%\s+kernel/syscall/\S+\.c:\d+", out, re.M),
         out[-600:]),
    ]
    failed = 0
    for name, ok, why in cases:
        print(f"PASS tools/profile.{name}" if ok else f"FAIL tools/profile.{name}: {why}")
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
