#!/usr/bin/env python3
"""test_ext2_fuzz.py: tests of tools/ext2-fuzz's host half, no QEMU.

The metadata map read from the base image (checked against dumpe2fs and
debugfs), mutants that are reproducible and touch only metadata, the
batch file's layout, and how a boot that panics or hangs is handled:
with the boot replaced by a script, the tool must name the image being
handled, save it, and go on from the next one in a new boot.

Prints `PASS tools/ext2-fuzz.<case>` or `FAIL tools/ext2-fuzz.<case>: why`
per case; exits 1 if any failed.

  python3 tests/tools/test_ext2_fuzz.py
"""
import contextlib
import importlib.machinery
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import traceback
import types

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
loader = importlib.machinery.SourceFileLoader("ext2_fuzz", os.path.join(ROOT, "tools", "ext2-fuzz"))
fuzz = types.ModuleType(loader.name)
fuzz.__file__ = loader.path
loader.exec_module(fuzz)

CASES = []


def case(fn):
    CASES.append(fn)
    return fn


class Fail(Exception):
    pass


def check(cond, why):
    if not cond:
        raise Fail(why)


TMP = tempfile.mkdtemp(prefix="test-ext2-fuzz.")
BASE = os.path.join(TMP, "base.img")
fuzz.make_base(BASE)
IMG = open(BASE, "rb").read()
REGIONS = fuzz.metadata_regions(IMG)


def sbin(name):
    return shutil.which(name, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")


@case
def regions_match_dumpe2fs():
    out = subprocess.run([sbin("dumpe2fs"), BASE], capture_output=True, text=True).stdout
    bs = int(re.search(r"^Block size:\s+(\d+)", out, re.M).group(1))
    want = set()
    for m in re.finditer(r"Block bitmap at (\d+).*?Inode bitmap at (\d+).*?Inode table at (\d+)-", out, re.S):
        want.update({("block bitmap", int(m.group(1)) * bs), ("inode bitmap", int(m.group(2)) * bs),
                     ("inode table", int(m.group(3)) * bs)})
    got = {(k, off) for k, off, _ in REGIONS if k in ("block bitmap", "inode bitmap", "inode table")}
    check(len(want) == 12, f"dumpe2fs shows {len(want)} group structures, expected 4 groups x 3")
    check(got == want, f"regions {sorted(got)} != dumpe2fs {sorted(want)}")
    check(("superblock", 1024, 264) in REGIONS, "no superblock region at 1024")


@case
def directory_and_indirect_blocks_match_debugfs():
    def blocks(path):
        out = subprocess.run([sbin("debugfs"), "-R", f"blocks {path}", BASE], capture_output=True, text=True).stdout
        return [int(x) for x in out.split()]
    got_dirs = {off // 1024 for k, off, _ in REGIONS if k == "directory block"}
    for d in ("/", "/dir1", "/dir2", "/dir1/sub/deep", "/empty-dir"):
        check(set(blocks(d)) <= got_dirs, f"{d}'s blocks {blocks(d)} not all directory regions")
    check(len(blocks("/dir2")) > 1, "dir2 should span several blocks")
    out = subprocess.run([sbin("debugfs"), "-R", "stat /dir1/indirect.bin", BASE], capture_output=True,
                         text=True).stdout
    ind = re.search(r"\(IND\):(\d+)", out)
    check(ind, f"debugfs shows no indirect block for indirect.bin:\n{out}")
    got_ind = {off // 1024 for k, off, _ in REGIONS if k == "indirect block"}
    check(int(ind.group(1)) in got_ind, f"indirect block {ind.group(1)} not in {sorted(got_ind)}")
    out = subprocess.run([sbin("debugfs"), "-R", "stat /dir1/sparse.bin", BASE], capture_output=True,
                         text=True).stdout
    dind = re.search(r"\(DIND\):(\d+)", out)
    check(dind and int(dind.group(1)) in got_ind, f"double-indirect block of sparse.bin missing:\n{out}")


@case
def mutants_are_reproducible_and_metadata_only():
    check(fuzz.mutate(IMG, REGIONS, 5, 0)[0] == IMG, "mutant 0 (the control) differs from the base")
    spans = [(off, off + n) for _, off, n in REGIONS]
    for i in range(1, 200):
        a, changes = fuzz.mutate(IMG, REGIONS, 5, i)
        b, _ = fuzz.mutate(IMG, REGIONS, 5, i)
        check(a == b, f"mutant {i} of seed 5 is not the same twice")
        check(len(a) == len(IMG), "size changed")
        for at in (k for k in range(len(IMG)) if a[k] != IMG[k]):
            check(any(lo <= at < hi for lo, hi in spans), f"mutant {i} changed byte {at}, outside the metadata")
        check(all(IMG[at] == old and a[at] == new for _, at, old, new in changes) or len(changes) > len(set(
            c[1] for c in changes)), f"mutant {i}'s change list does not match its bytes")
    check(fuzz.mutate(IMG, REGIONS, 5, 7)[0] != fuzz.mutate(IMG, REGIONS, 6, 7)[0], "seed makes no difference")


@case
def batch_file_layout():
    path = os.path.join(TMP, "batch.img")
    imgs = [fuzz.mutate(IMG, REGIONS, 1, i)[0] for i in range(3)]
    fuzz.write_batch(path, imgs, 0)
    data = open(path, "rb").read()
    check(data[:8] == b"TOSFUZZ1", "magic")
    count, size, base = struct.unpack_from("<QQQ", data, 8)
    check((count, size, base) == (3, len(IMG), 0), f"header {(count, size, base)}")
    for i, img in enumerate(imgs):
        off = 4096 + i * len(IMG)
        check(data[off:off + len(IMG)] == img, f"image {i} not at {off}")


def run_with(script, count=6):
    """main() with boot() replaced: script(first) -> the events of one boot."""
    calls = []

    def fake_boot(a, vda, vdb, first):
        calls.append(first)
        yield from script(first)
    old_boot, old_argv = fuzz.boot, sys.argv
    fuzz.boot = fake_boot
    build = os.path.join(TMP, "build")
    for f in ("tinyos.elf", "user/tests/ext2_fuzz"):
        os.makedirs(os.path.dirname(os.path.join(build, f)), exist_ok=True)
        open(os.path.join(build, f), "w").close()
    sys.argv = ["ext2-fuzz", "--build", build, "--count", str(count), "--seed", "3"]
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            rc = fuzz.main()
    finally:
        fuzz.boot, sys.argv = old_boot, old_argv
    return rc, out.getvalue(), calls, build


def img_line(i, outcome="clean"):
    return ("line", f"FUZZ-IMG {i} {outcome} files=1 dirs=1 links=0 bytes=1 errs="
                    + ("none" if outcome == "clean" else "EIO:1"))


@case
def panic_names_the_image_and_the_run_goes_on():
    def script(first):
        for i in range(first, 7):
            yield ("line", f"FUZZ-START {i}")
            if i == 3 and first <= 3:
                yield ("end", "kernel: KERNEL PANIC: page fault", "tail")
                return
            yield img_line(i, "errors" if i % 2 else "clean")
        yield ("end", None, "")
    rc, out, calls, build = run_with(script)
    check(rc == 1, f"exit status {rc} after a panic")
    check(calls == [0, 4], f"boots started at {calls}, expected [0, 4]")
    check("FAIL image 3 (seed 3): kernel: KERNEL PANIC" in out, f"no failure line for image 3:\n{out}")
    check(os.path.exists(os.path.join(build, "ext2-fuzz", "fail-3-3.img")), "image 3 not saved")
    check("--seed 3 --only 3" in out, "no reproduce command")
    check("6 images (seed 3)" in out and "1 failures" in out, f"summary:\n{out}")


@case
def hang_and_control_failures():
    def script(first):
        for i in range(first, 7):
            yield ("line", f"FUZZ-START {i}")
            if i == 5 and first <= 5:
                yield ("end", "hang: no progress for 30 s", "")
                return
            yield img_line(i, "errors" if i == 0 else "clean")
        yield ("end", None, "")
    rc, out, calls, _ = run_with(script)
    check(rc == 1 and calls == [0, 6], f"status {rc}, boots {calls}")
    check("FAIL image 0" in out and "control image" in out, f"control not clean was not a failure:\n{out}")
    check("FAIL image 5 (seed 3): hang" in out, f"no hang failure:\n{out}")


@case
def clean_run_passes():
    def script(first):
        for i in range(first, 7):
            yield ("line", f"FUZZ-START {i}")
            yield img_line(i, "refused" if i == 2 else "clean")
        yield ("end", None, "")
    rc, out, calls, _ = run_with(script)
    check(rc == 0 and calls == [0], f"status {rc}, boots {calls}:\n{out}")
    check("clean 6, errors 0" in out and "refused 1" in out, f"summary:\n{out}")


def main():
    failed = 0
    for fn in CASES:
        name = "tools/ext2-fuzz." + fn.__name__.replace("_", "-")
        try:
            fn()
            print(f"PASS {name}")
        except Fail as e:
            failed += 1
            print(f"FAIL {name}: {e}")
        except Exception:
            failed += 1
            print(f"FAIL {name}: {traceback.format_exc()[-1500:]}")
    shutil.rmtree(TMP, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
