"""bench.py - smoke test of the benchmark program (bench/bench.c).

`make bench` boots Linux and takes minutes; this only checks, on Tiny OS
and in a second or two, that every benchmark runs: `bench --smoke cpu`
runs each one with a hundredth of its iterations and prints
"ok - NAME" (one test each) or "not ok - NAME"; its exit status counts
the failures. No timing is checked.

The disk rows need a disk: a CHECKS entry makes a fresh ext2 image as
tools/bench does, runs `bench --smoke disk` with it as /dev/vda, and
then has the host's e2fsck -fn check what Tiny OS left on it.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

USER_TESTS = [
    # prog is relative to BUILD/user/tests: this is BUILD/bench/bench.
    # BUILD/bench/root holds /bin/tiny, the program fork-exec-wait runs.
    # Debian's /usr/bin/true and python3 (with their libraries) for the
    # dynamic rows.
    dict(name="bench-smoke", prog="../../bench/bench", args=["--smoke", "cpu"], extra="bench/root", status=0,
         host_files=["/usr/bin/true", "/usr/bin/python3", "/usr/lib/python3.11"], memory="256M", timeout=90),
]


def disk_smoke(build, logdir):
    """bench --smoke disk on Tiny OS with a fresh ext2 /dev/vda, then
    e2fsck -fn of the image: one result per benchmark, one for e2fsck."""
    tmp = tempfile.mkdtemp(prefix="bench-disk.")
    try:
        img = os.path.join(tmp, "disk.img")
        mke2fs = shutil.which("mke2fs", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
        e2fsck = shutil.which("e2fsck", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
        if not mke2fs or not e2fsck:
            return [("check/bench-smoke-disk", False, "mke2fs/e2fsck not found (Debian package e2fsprogs)")]
        subprocess.run([mke2fs, "-q", "-F", "-t", "ext2", "-b", "4096", img, "64M"], check=True,
                       capture_output=True)
        cmd = [sys.executable, os.path.join(ROOT, "tools", "tinyos-run"), "--bare", "--timeout", "120",
               "--kernel", os.path.join(build, "tinyos.elf"), "--kernel-log",
               os.path.join(logdir, "bench-smoke-disk.klog"), "--memory", "256M",
               "--qemu-arg=-drive", f"--qemu-arg=file={img},if=virtio,format=raw",
               os.path.join(build, "bench", "bench"), "--smoke", "disk"]
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        except subprocess.TimeoutExpired:
            return [("check/bench-smoke-disk", False, "tinyos-run itself hung")]
        with open(os.path.join(logdir, "bench-smoke-disk.out"), "w") as f:
            f.write(p.stdout + p.stderr)
        out = []
        for m in re.finditer(r"^(ok|not ok) - (\S+)$", p.stdout, re.M):
            fail = re.search(rf"^BENCH-FAIL {re.escape(m.group(2))} (.*)$", p.stdout, re.M)
            out.append((f"check/bench-smoke-disk/{m.group(2)}", m.group(1) == "ok", fail.group(1) if fail else ""))
        if p.returncode != 0 or not out:
            out.append(("check/bench-smoke-disk", False, f"exit status {p.returncode}: {p.stdout[-800:]}"
                        f"{p.stderr[-800:]}"))
        fsck = subprocess.run([e2fsck, "-fn", img], capture_output=True, text=True)
        out.append(("check/bench-smoke-disk/e2fsck-clean", fsck.returncode == 0,
                    f"e2fsck -fn exit status {fsck.returncode}:\n{fsck.stdout[-1500:]}"))
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


CHECKS = [dict(name="bench-smoke-disk", run=disk_smoke)]
