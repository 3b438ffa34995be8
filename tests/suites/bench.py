"""bench.py - smoke test of the benchmark program (bench/bench.c).

`make bench` boots Linux and takes minutes; this only checks, on Tiny OS
and in a second or two, that every benchmark runs: `bench --smoke cpu`
runs each one with a hundredth of its iterations and prints
"ok - NAME" (one test each) or "not ok - NAME"; its exit status counts
the failures. No timing is checked.

The disk rows need a disk: bench-smoke-disk makes a fresh ext2 image as
tools/bench does, runs `bench --smoke disk` with it as /dev/vda, and
then has the host's e2fsck -fn check what Tiny OS left on it.
"""
import os
import shutil
import subprocess

USER_TESTS = [
    # prog is relative to BUILD/user/tests: this is BUILD/bench/bench.
    # BUILD/bench/root holds /bin/tiny, the program fork-exec-wait runs.
    # Debian's /usr/bin/true and python3 (with their libraries) for the
    # dynamic rows.
    dict(name="bench-smoke", prog="../../bench/bench", args=["--smoke", "cpu"], extra="bench/root", status=0,
         host_files=["/usr/bin/true", "/usr/bin/python3", "/usr/lib/python3.11"], memory="256M", timeout=90),
]


def make_disk(path):
    """A fresh ext2 file system, 4 KiB blocks, as tools/bench makes for the disk rows."""
    subprocess.run([e2fs("mke2fs"), "-q", "-F", "-t", "ext2", "-b", "4096", path, "64M"], check=True,
                   capture_output=True)


def fsck_clean(paths):
    """What Tiny OS left on the disk: e2fsck -fn must find it clean."""
    r = subprocess.run([e2fs("e2fsck"), "-fn", paths[0]], capture_output=True, text=True)
    return "" if r.returncode == 0 else f"e2fsck -fn exit status {r.returncode}:\n{r.stdout[-1500:]}"


def e2fs(name):
    return shutil.which(name, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin") or name


USER_TESTS += [
    dict(name="bench-smoke-disk", prog="../../bench/bench", args=["--smoke", "disk"], status=0, memory="256M",
         timeout=90, disks=[dict(make=make_disk)], check_disks=fsck_clean),
]
