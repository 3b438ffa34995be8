#!/usr/bin/env python3
"""test_make_run.py: `make run` itself, as a user runs it.

Starts `make run-now` (what `make run` does once the packages are there)
on a pseudo-terminal, waits for the shell's prompt, types a command, reads
its output, then leaves QEMU with Ctrl-A X, the key README documents.
Everything has a deadline, so a hang is a failure. The boot is from a
fresh disk image of its own (DISK=..., FRESH=1), never the user's
build/disk.img; tests/disk_e2e.py tests what the disk keeps.

Prints `PASS tools/make-run.<case>` or `FAIL tools/make-run.<case>: why`
lines; exits 1 if any case failed.

  python3 tests/tools/test_make_run.py
"""
import os
import pty
import select
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROMPT = b"tinyos:/$ "


def read_until(fd, want, deadline, buf):
    """Reads from fd into buf until `want` appears after what buf held, or
    the deadline passes. Returns (found, buf)."""
    start = len(buf)
    while time.monotonic() < deadline:
        if want in buf[start:]:
            return True, buf
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                data = os.read(fd, 4096)
            except OSError:  # the pty closed: QEMU is gone
                break
            if not data:
                break
            buf += data
    return want in buf[start:], buf


def main():
    results = []
    master, slave = pty.openpty()
    env = dict(os.environ, DISPLAY="")  # no VGA window even on a desktop
    disk = os.path.join(ROOT, "build", "test-logs", "make-run-tool.img")
    os.makedirs(os.path.dirname(disk), exist_ok=True)
    proc = subprocess.Popen(["make", "--no-print-directory", "-s", "run-now", f"DISK={disk}", "FRESH=1"], cwd=ROOT,
                            stdin=slave,
                            stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    buf = b""
    try:
        ok, buf = read_until(master, PROMPT, time.monotonic() + 120, buf)
        results.append(("reaches-the-shell-prompt", ok))
        if ok:
            os.write(master, b"echo made $((40+2)) | cat\r")
            ok, buf = read_until(master, b"made 42", time.monotonic() + 30, buf)
            results.append(("runs-a-typed-pipeline", ok))
            os.write(master, b"\x01x")  # Ctrl-A X: QEMU quits
            try:
                proc.wait(timeout=30)
                results.append(("ctrl-a-x-leaves-qemu", True))
            except subprocess.TimeoutExpired:
                results.append(("ctrl-a-x-leaves-qemu", False))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(master)
    tail = buf.decode("utf-8", "replace")[-600:].replace("\n", "\n    ")
    failed = 0
    for name, ok in results:
        print(f"PASS tools/make-run.{name}" if ok else f"FAIL tools/make-run.{name}: console tail:\n    {tail}")
        failed += not ok
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
