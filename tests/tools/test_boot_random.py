#!/usr/bin/env python3
"""test_boot_random.py: two boots of Tiny OS never share a random seed.

Boots the same program twice as PID 1 (random_test's `at-random` mode,
which prints its 16 AT_RANDOM bytes) with the guest clock pinned to the
same second, so the RTC cannot tell the boots apart: what differs must
come from the seed's timer jitter (docs/random.md). A generator seeded
from the clock alone, or not at all, fails. (Under -icount with a fixed
clock the seed is the same on purpose: `make bench`'s determinism.)

Prints `PASS tools/boot-random.<case>` or `FAIL ...: why`; exits 1 on a
failure.

  python3 tests/tools/test_boot_random.py [--build DIR]
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def boot(build):
    prog = os.path.join(build, "user", "tests", "random_test")
    cmd = [sys.executable, os.path.join(ROOT, "tools", "tinyos-run"), "--bare", "--timeout", "60",
           "--kernel", os.path.join(build, "tinyos.elf"), "--rtc", "2024-01-01T00:00:00", prog, "at-random"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout.strip()


def main():
    build = sys.argv[sys.argv.index("--build") + 1] if "--build" in sys.argv else os.path.join(ROOT, "build")
    outs = []
    for _ in range(2):
        rc, out = boot(build)
        if rc != 0 or not re.fullmatch(r"[0-9a-f]{32}", out):
            print(f"FAIL tools/boot-random.at-random-printed: exit {rc}, output {out[-200:]!r}")
            return 1
        outs.append(out)
    print("PASS tools/boot-random.at-random-printed")
    if outs[0] == outs[1]:
        print(f"FAIL tools/boot-random.two-boots-differ: both boots gave {outs[0]}")
        return 1
    print("PASS tools/boot-random.two-boots-differ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
