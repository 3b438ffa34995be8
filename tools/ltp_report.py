"""ltp_report: docs/ltp.md from tests/ltp/results.json (tools/ltp report),
and the regression list's run for `make test` (tools/ltp must-pass).

The document gives the totals per system, the share of the tests that
pass on Linux that also pass on Tiny OS, and every test that passes on
Linux but not on Tiny OS, grouped by the cause its first TFAIL, TBROK or
TCONF line points at (a missing system call, a wrong errno, a missing
/proc file ...). The groups are found by the rules in CAUSES, in order.
"""
import os
import re
import subprocess
import sys
import time

RESULT_KINDS = ["pass", "fail", "broken", "conf", "timeout", "panic"]

# (group title, test) in order: the first that matches a test's Tiny OS
# result and line names its group.
CAUSES = [
    ("kernel panic", lambda r, l: r == "panic"),
    ("timeout or hang", lambda r, l: r == "timeout"),
    ("missing system call (ENOSYS)", lambda r, l: "ENOSYS" in l or "not implemented" in l.lower()
     or "syscall not supported" in l.lower() or "not supported by your kernel" in l.lower()),
    ("needs a block device, loop device or disk file system",
     lambda r, l: re.search(r"device|mkfs|loop|ext[234]|xfs|btrfs|vfat|filesystem", l, re.I) is not None),
    ("missing /proc or /sys file", lambda r, l: "/proc/" in l or "/sys/" in l),
    ("missing feature (TCONF on Tiny OS only)", lambda r, l: r == "conf"),
    ("wrong errno", lambda r, l: re.search(r"\bE[A-Z]{2,}\b", l) is not None and
     re.search(r"expect|want|should", l, re.I) is not None),
    ("system call failed unexpectedly (an errno where Linux succeeds)",
     lambda r, l: re.search(r"failed|: E[A-Z]{2,}", l) is not None),
    ("other failures", lambda r, l: True),
]


# Areas Tiny OS does not have yet, by test name (and, for sockets, by the
# failure line): (title, why, name pattern, line pattern). A test that
# fails for another reason than its area's lands in the cause groups
# below, since the area's pattern then does not describe it.
AREAS = [
    ("Internet sockets",
     "Tiny OS has Unix-domain sockets only: AF_INET and AF_INET6 answer EAFNOSUPPORT, as a Linux built without"
     " them does, until the network stack (virtio-net, TCP/IP; a later issue) lands. These tests open one.",
     r"^(socket0[12]|socketpair01|bind02|getsockname01|getsockopt01|setsockopt0[2-4]|sendmmsg02|shutdown02|"
     r"ftruncate03(_64)?|epoll_pwait06|accept01|clone09)$", r"EAFNOSUPPORT|EPROTONOSUPPORT|/proc/sys/net"),
    ("Namespaces",
     "No namespaces yet (mount, UTS, IPC, PID, user, network, time): clone's and unshare's CLONE_NEW* flags are"
     " EINVAL as on a Linux built without them, /proc/PID/ns does not exist, and the tests that ask for"
     " CONFIG_*_NS in the kernel configuration stop (tests/ltp/tinyos.kconfig states what Tiny OS has).",
     r"^(ioctl_ns0[1-7]|setns0[12]|pivot_root01|mount_setattr0[12]|clone11|clone30[1-4]|unshare0[145]|"
     r"pidfd_send_signal03|clock_gettime03|clock_nanosleep03|timerfd04|sendmsg03|sendto03|setsockopt0[579])$", None),
    ("Kernel subsystems not written",
     "Whole subsystems Tiny OS does not have: BPF, fanotify, io_uring, userfaultfd, Landlock, perf events,"
     " seccomp, loadable modules, futex_waitv, BSD process accounting, syslog(2), remap_file_pages, memory-failure"
     " injection, ioperm/iopl (an I/O bitmap per process in the TSS). Each answers ENOSYS or fails a"
     " configuration check; none is faked.",
     r"^(bpf_\w+|fanotify\d+|io_uring\d+|userfaultfd\d+|mremap07|landlock\d+|perf_event_open\d+|seccomp\d+|"
     r"delete_module\d+|futex_waitv\d+|acct0[12]|syslog1[12]|remap_file_pages0[12]|shmctl05|madvise07|"
     r"ioperm0[12]|iopl0[12])$", None),
    ("SIGEV_THREAD notification",
     "mq_notify's SIGEV_THREAD is delivered by C libraries through a netlink socket, which Tiny OS lacks.",
     r"^mq_notify0[13]$", None),
]


def area_of(name, line):
    for title, why, name_re, line_re in AREAS:
        if re.match(name_re, name) or (line_re and re.search(line_re, line)):
            return title
    return None


def totals(tests, system):
    counts = {k: 0 for k in RESULT_KINDS}
    for t in tests.values():
        r = t.get(system, {}).get("result")
        if r in counts:
            counts[r] += 1
    return counts


def groups(tests):
    out = {title: [] for title, _, _, _ in AREAS}
    out.update({title: [] for title, _ in CAUSES})
    for name, t in tests.items():
        if t.get("linux", {}).get("result") != "pass":
            continue
        tiny = t.get("tinyos", {})
        if tiny.get("result") == "pass" or "result" not in tiny:
            continue
        area = area_of(name, tiny.get("line", ""))
        if area:
            out[area].append((name, tiny["result"], tiny.get("line", "")))
            continue
        for title, rule in CAUSES:
            if rule(tiny["result"], tiny.get("line", "")):
                out[title].append((name, tiny["result"], tiny.get("line", "")))
                break
    return [(title, items) for title, items in out.items() if items]


def run_of(meta, system):
    m = meta.get(system) or {}
    if not m:
        return "(not run)"
    both = " (with the other system in the same run)" if len(m.get("with", [])) > 1 else ""
    return f"{m.get('date', '?')} in {m.get('seconds', '?')} s{both}"


def write(data, doc):
    tests, meta = data["tests"], data.get("meta", {})
    lin, tiny = totals(tests, "linux"), totals(tests, "tinyos")
    on_linux = [n for n, t in tests.items() if t.get("linux", {}).get("result") == "pass"]
    both = [n for n in on_linux if tests[n].get("tinyos", {}).get("result") == "pass"]
    ratio = len(both) / len(on_linux) if on_linux else 0
    lines = [
        "# The Linux Test Project on Tiny OS",
        "",
        "<!-- Generated by tools/ltp report from tests/ltp/results.json: do not edit by hand;",
        "     `make ltp` remeasures. -->",
        "",
        f"LTP's system-call tests (`runtest/syscalls`, LTP {meta.get('ltp', '?')}) by `make ltp`: every test on"
        " Tiny OS and on Linux (Debian's kernel in the same QEMU), with the same programs (dynamically linked"
        " against Debian's glibc), the same initramfs and the same runner (tests/ltp/runner.c) as PID 1."
        f" Tiny OS ran them on {run_of(meta, 'tinyos')}, Linux on {run_of(meta, 'linux')}"
        " (two boots at a time on two cores, QEMU without KVM).",
        "",
        f"**{len(both)} of the {len(on_linux)} tests that pass on Linux pass on Tiny OS: {100 * ratio:.1f}%.**",
        "",
        "| result | Linux | Tiny OS |",
        "|---|---:|---:|",
    ]
    for k in RESULT_KINDS:
        lines.append(f"| {k} | {lin[k]} | {tiny[k]} |")
    lines.append(f"| tests | {sum(lin.values())} | {sum(tiny.values())} |")
    lines += [
        "",
        "pass: every check passed; fail: a TFAIL; broken: a TBROK, or killed by a signal; conf: the test"
        " found something it needs missing (TCONF) and did not run; timeout: still running after the"
        " runner's limit (or the boot stopped talking); panic: the kernel stopped during the test.",
        "",
        "## Passing on Linux, not on Tiny OS",
        "",
        "First the areas Tiny OS does not have yet (by test name, tools/ltp_report.py's AREAS, each with"
        " why); then the rest grouped by the first TFAIL / TBROK / TCONF line of the Tiny OS run (its CAUSES).",
        "",
    ]
    why = {title: w for title, w, _, _ in AREAS}
    area_titles = [t for t, _, _, _ in AREAS]
    ordered = sorted(groups(tests), key=lambda g: (g[0] not in area_titles, -len(g[1])))
    for title, items in ordered:
        lines.append(f"### {title}: {len(items)}")
        lines.append("")
        if title in why:
            lines += [why[title], ""]
        for name, result, line in sorted(items):
            lines.append(f"- `{name}` ({result}): {line.replace('|', '/') or '(no TFAIL/TBROK line)'}")
        lines.append("")
    with open(doc, "w") as f:
        f.write("\n".join(lines))
    print(f"ltp: {doc}: {len(both)}/{len(on_linux)} = {100 * ratio:.1f}%")
    return 0


def must_pass_names(list_path):
    with open(list_path) as f:
        names = [l.split("#")[0].strip() for l in f]
    return [n for n in names if n]


def must_pass_build(build, list_path):
    """Builds what the regression list needs (in build/ltp, which
    tools/ltp_build.py links to the per-user cache); None when done, else
    why not."""
    here = os.path.dirname(os.path.abspath(__file__))
    r = subprocess.run([sys.executable, os.path.join(here, "ltp_build.py"), "--build", build, "--only"]
                       + must_pass_names(list_path), capture_output=True, text=True)
    if r.returncode != 0:
        return f"tools/ltp_build.py failed:\n{r.stdout[-1500:]}{r.stderr[-1500:]}"
    return None


def ltp_source():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    return os.environ.get("LTP_SRC") or os.path.join(os.path.dirname(root), "shared", "ltp")


def must_pass(a, load_manifest, run_batch, list_path, HOST_PROGRAMS=()):
    """Runs the regression list on Tiny OS; PASS/FAIL lines for run-tests.
    Skips (one SKIP line) when LTP's source is not there. a.jobs boots at
    a time (run-tests asks for one: its other boots use the other core);
    a.build_only: build, run nothing."""
    here = os.path.dirname(os.path.abspath(__file__))
    src = ltp_source()
    if not os.path.isdir(src):
        print(f"SKIP ltp: LTP's source is not at {src} (set LTP_SRC): the regression list did not run")
        return 0
    names = must_pass_names(list_path)
    build = os.path.abspath(a.build)
    t0 = time.monotonic()
    why = must_pass_build(build, list_path)
    if why:
        print(f"FAIL ltp/build: {why}")
        return 1
    if getattr(a, "build_only", False):
        print(f"(LTP's regression list built in {time.monotonic() - t0:.1f} s)")
        return 0
    tests = [t for t in load_manifest(build) if t["name"] in set(names)]
    sys.path.insert(0, here)
    import elfdeps
    os.makedirs(os.path.join(build, "ltp", "logs"), exist_ok=True)
    libs = elfdeps.host_closure(HOST_PROGRAMS, sorted({t["binary"] for t in tests}))
    jobs = max(1, getattr(a, "jobs", 2))
    size = (len(tests) + jobs - 1) // jobs
    import concurrent.futures
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        parts = list(pool.map(lambda i: run_batch(build, "tinyos", tests[i * size:(i + 1) * size], libs,
                                                  f"must-{i}"), range(jobs)))
    results = {k: v for p in parts for k, v in p.items()}
    failed = 0
    for n in names:
        r = results.get(n)
        if r and r["result"] == "pass":
            print(f"PASS ltp/{n}")
        else:
            failed += 1
            why = f"{r['result']}: {r['line']}" if r else "not built or not run"
            print(f"FAIL ltp/{n}: {why}")
    print(f"(LTP's regression list: {len(names)} tests in {time.monotonic() - t0:.1f} s)")
    return 1 if failed else 0
