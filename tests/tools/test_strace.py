#!/usr/bin/env python3
"""test_strace.py: the kernel's strace option (`tools/tinyos-run --strace`).

One boot of build/user/tests/strace_demo (a fixed sequence of raw system
calls) with --strace: its trace must come out on tinyos-run's stderr, not
its stdout, decoded as strace(1) decodes it (names, flag sets, strings cut
at 32 bytes, a bad pointer as an address, errors by name with their
message, exit_group's "= ?"). When the host has strace, the same binary
traced by it must give the same lines (addresses aside). Also checks the
decoding table (kernel/debug/strace_table.c) against its sources: a row
for every Linux call (uapi/syscall_nr.h) and, for every implemented one,
no more arguments than its handler takes (kernel/syscall/syscall.h).

Prints `PASS tools/strace.<case>` or `FAIL ...: why`; exits 1 if any failed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("TINYOS_BUILD", os.path.join(ROOT, "build"))
DEMO = os.path.join(BUILD, "user", "tests", "strace_demo")

# What strace 6.1 prints for the demo (its lines, result columns aligned).
EXPECTED = r'''arch_prctl(ARCH_SET_FS, ADDR) = 0
set_tid_address(ADDR) = PID
openat(AT_FDCWD, "/tmp/strace-demo", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3
write(3, "root:x:0:0:root:/root:/bin/sh\nus"..., 67) = 67
close(3) = 0
openat(AT_FDCWD, "/tmp/strace-demo", O_RDONLY|O_CLOEXEC) = 3
read(3, "root:x:0:0:root:/root:/bin/sh\nus"..., 4096) = 67
lseek(3, 0, SEEK_SET) = 0
fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)
close(3) = 0
openat(AT_FDCWD, "/nonexistent/file", O_RDONLY) = -1 ENOENT (No such file or directory)
close(-1) = -1 EBADF (Bad file descriptor)
faccessat(AT_FDCWD, "/tmp/strace-demo", R_OK|W_OK) = 0
mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = ADDR
mprotect(ADDR, 4096, PROT_READ) = 0
munmap(ADDR, 8192) = 0
kill(0, 0) = 0
rt_sigprocmask(SIG_BLOCK, NULL, NULL, 8) = 0
write(1, "01234567890123456789012345678901"..., 41) = 41
write(1, "tab\tquote\"nul\0007\n\0", 17) = 17
unlinkat(AT_FDCWD, "/tmp/strace-demo", 0) = 0
write(1, 0x8, 1) = -1 EFAULT (Bad address)
exit_group(0) = ?'''.splitlines()


def normalize(line):
    """Addresses and the pid set_tid_address returns vary; the column the
    result is aligned at is checked separately."""
    line = re.sub(r"0x[0-9a-f]{5,}", "ADDR", line)
    line = re.sub(r"\)\s+= ", ") = ", line, count=1)
    return re.sub(r"^(set_tid_address\(ADDR\)) = \d+$", r"\1 = PID", line)


def table_cases():
    results = []
    nums = re.findall(r"^#define SYS_(\w+) \d+$", open(os.path.join(ROOT, "include/uapi/syscall_nr.h")).read(),
                      re.M)
    rows = {}
    for m in re.finditer(r"^\s+SC0?\((\w+), (R_\w+)((?:, K_\w+)*)\),$",
                         open(os.path.join(ROOT, "kernel/debug/strace_table.c")).read(), re.M):
        rows[m.group(1)] = m.group(3).count("K_")
    missing = [n for n in nums if n not in rows]
    results.append(("table-has-every-linux-call", not missing and len(rows) == len(nums),
                    f"no row: {missing[:10]}; {len(rows)} rows for {len(nums)} names"))
    handlers = dict(re.findall(r"ENTRY\(SYS_(\w+),\s*(\w+)\)",
                               open(os.path.join(ROOT, "kernel/syscall/syscall_table.c")).read()))
    protos = {}
    for fn, params in re.findall(r"^long (sys_\w+)\(([^)]*)\);",
                                 open(os.path.join(ROOT, "kernel/syscall/syscall.h")).read(), re.M):
        protos[fn] = 0 if params.strip() == "void" else params.count(",") + 1
    wrong = [f"{n}: {rows[n]} > {protos[h]}" for n, h in handlers.items() if h in protos and rows[n] > protos[h]]
    wrong += [f"{n}: none shown" for n, h in handlers.items() if h in protos and protos[h] and not rows[n]]
    results.append(("table-args-match-the-handlers", not wrong, "; ".join(wrong[:10])))
    return results


def main():
    results = table_cases()
    if not os.path.exists(DEMO):
        results.append(("demo-built", False, f"{DEMO} missing (make user-tests)"))
    else:
        p = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "tinyos-run"), "--kernel",
                            os.path.join(BUILD, "tinyos.elf"), "--strace", DEMO],
                           capture_output=True, text=True, timeout=120)
        out_ok = p.stdout == "0123456789012345678901234567890123456789\ntab\tquote\"nul\x007\n\x00" and p.returncode == 0
        results.append(("program-output-apart-from-the-trace", out_ok, f"exit {p.returncode}, stdout {p.stdout!r}"))
        got = [normalize(x) for x in p.stderr.splitlines()]
        results.append(("demo-trace-decoded-as-strace-does", got == EXPECTED,
                        "\n".join(f"  want {w!r}\n  got  {g!r}" for w, g in zip(EXPECTED + [""] * 99, got + [""] * 99)
                                  if w != g)[:2000]))
        aligned = [x for x in p.stderr.splitlines() if len(x.split(" = ")[0]) < 39 and x.find("= ") != 40]
        results.append(("results-aligned-at-column-40", not aligned, f"{aligned[:3]}"))
        if shutil.which("strace"):
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "trace")
                h = subprocess.run(["strace", "-o", out, DEMO], capture_output=True, timeout=60)
                host = open(out).read().splitlines() if os.path.exists(out) else []
                host = [normalize(x) for x in host if not x.startswith(("execve(", "+++"))]
                if h.returncode == 0 and host:
                    results.append(("same-as-the-hosts-strace", host == got,
                                    "\n".join(f"  host {w!r}\n  ours {g!r}" for w, g in zip(host, got) if w != g)[:2000]))
    failed = 0
    for name, ok, why in results:
        print(f"{'PASS' if ok else 'FAIL'} tools/strace.{name}" + ("" if ok else f": {why}"))
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
