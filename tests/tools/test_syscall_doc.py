#!/usr/bin/env python3
"""test_syscall_doc.py: docs/syscalls.md is what tools/gen-syscall-doc makes
of kernel/syscall/syscall_table.c and include/uapi/syscall_nr.h.

Checks that the committed doc is not stale, that every Linux x86_64 call
appears with its number (implemented or ENOSYS), that the table the doc is
made from is the one the kernel is built from (a handler added to the
table shows up; a removed one turns into ENOSYS), and that a malformed
note is refused rather than dropped.

Prints `PASS tools/gen-syscall-doc.<case>` or `FAIL ...: why`; exits 1 if
any case failed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GEN = os.path.join(ROOT, "tools", "gen-syscall-doc")


def gen(root):
    out = os.path.join(root, "out.md")
    p = subprocess.run([sys.executable, GEN, "--root", root, "-o", out], capture_output=True, text=True,
                       timeout=60)
    return p, (open(out).read() if os.path.exists(out) else "")


def copy_tree(tmp):
    """The generator's inputs, copied so they can be edited."""
    for d in ("kernel/syscall", "include/uapi"):
        shutil.copytree(os.path.join(ROOT, d), os.path.join(tmp, d))
    return tmp


def row(doc, name):
    m = re.search(rf"^\| (\d+) \| {re.escape(name)} \| ([^|]*)\|", doc, re.M)
    return (int(m.group(1)), m.group(2).strip()) if m else None


def main():
    results = []
    p = subprocess.run([sys.executable, GEN, "--check"], capture_output=True, text=True, timeout=60)
    results.append(("committed-doc-is-not-stale", p.returncode == 0, (p.stdout + p.stderr)[-800:]))

    doc = open(os.path.join(ROOT, "docs", "syscalls.md")).read()
    nums = dict(re.findall(r"^#define SYS_(\w+) (\d+)$",
                           open(os.path.join(ROOT, "include/uapi/syscall_nr.h")).read(), re.M))
    table = open(os.path.join(ROOT, "kernel/syscall/syscall_table.c")).read()
    impl = set(re.findall(r"ENTRY\(SYS_(\w+),", table))
    missing = [n for n in nums if row(doc, n) is None or row(doc, n)[0] != int(nums[n])]
    results.append(("every-linux-call-listed-with-its-number", len(nums) > 370 and not missing,
                    f"{len(nums)} names; missing or misnumbered: {missing[:10]}"))
    wrong = [n for n in nums if row(doc, n) and (row(doc, n)[1] == "ENOSYS") == (n in impl)]
    results.append(("implemented-iff-in-the-table", not wrong, f"wrong status: {wrong[:10]}"))
    # The calls the issue found missing from the hand-written doc, and
    # the claims it found false.
    named = [n for n in ("setrlimit", "getpriority", "setpriority", "link", "socket", "sendmsg", "prlimit64")
             if not row(doc, n) or row(doc, n)[1] == "ENOSYS"]
    results.append(("issue-15-calls-present", not named, f"not listed as implemented: {named}"))
    results.append(("prlimit64-can-change-limits", "cannot be changed" not in doc and "but not changed" not in doc
                    and "raising a hard limit needs `CAP_SYS_RESOURCE`" in doc, "prlimit64's detail"))

    with tempfile.TemporaryDirectory() as tmp:
        root = copy_tree(tmp)
        path = os.path.join(root, "kernel/syscall/syscall_table.c")
        src = open(path).read()
        # Drop a handler and add one with a note: the doc follows the table.
        src2 = src.replace("    ENTRY(SYS_getcpu, sys_getcpu),\n", "")
        src2 = src2.replace("    ENTRY(SYS_getpid, sys_getpid),\n",
                            "    ENTRY(SYS_getpid, sys_getpid),\n    //: [note] a test note\n"
                            "    ENTRY(SYS_rseq, sys_getpid),\n")
        src2 = src2.replace("//: [enosys rseq]", "//: [enosys clone3]")
        open(path, "w").write(src2)
        p, out = gen(root)
        ok = p.returncode == 0 and row(out, "getcpu") == (int(nums["getcpu"]), "ENOSYS") and \
            re.search(r"^\| 334 \| rseq \| `sys_getpid` [^|]*\| a test note \|$", out, re.M) is not None
        results.append(("doc-follows-the-table", ok, p.stderr[-400:]))
        # A doc line outside any block is an error, not a silent drop.
        open(path, "w").write(src.replace("    ENTRY(SYS_read, sys_read),\n",
                                          "    //: stray text\n    ENTRY(SYS_read, sys_read),\n"))
        p, _ = gen(root)
        results.append(("stray-doc-line-refused", p.returncode == 2 and "must start with" in p.stderr,
                        f"exit {p.returncode}: {p.stderr[-300:]}"))

    failed = 0
    for name, ok, why in results:
        print(f"{'PASS' if ok else 'FAIL'} tools/gen-syscall-doc.{name}" + ("" if ok else f": {why}"))
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
