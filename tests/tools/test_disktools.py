#!/usr/bin/env python3
"""test_disktools.py: our df (build/user/bin/df, built with our C library; it
runs on this Linux host too) against GNU coreutils' df, byte for byte, on
tmpfs mounts of chosen sizes and contents made here (the host run is as
root). Only those mounts are compared: the host's other file systems
change under our feet. Also the mount -> umount-by-source path of our
umount, sync's messages against coreutils', and mount's error messages
(and its ext2 detection and listing) against util-linux's on a loop device.

Prints PASS/FAIL lines (tests/run-tests runs it); a SKIP line when the
host cannot mount a tmpfs or lacks coreutils' df.

  python3 tests/tools/test_disktools.py [--build DIR]
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# (tmpfs size option, bytes of file to write): Use% rounding, -h's one
# decimal below 10 and whole numbers above, the K/M/G boundaries.
CASES = [("1m", 0), ("1m", 100000), ("1m", 1048576 - 4096), ("10m", 1537 * 1024), ("1023k", 5000),
         ("100m", 9 * 1024 * 1024 + 1), ("2g", 0), ("1500m", 12345678), ("64k", 4096)]


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    return p.returncode, p.stdout, p.stderr


def first_line(text):
    """util-linux adds a second line ("dmesg(1) may have more ...")."""
    return text.splitlines()[0] if text else ""


def check_mount(ours, tmp, check):
    """mount's messages against util-linux's, on a loop device holding an
    empty image and then an ext2 one (mkfs'd here). Returns 0: check()
    counts the failures."""
    img, mnt = os.path.join(tmp, "img"), os.path.join(tmp, "mnt")
    os.mkdir(mnt)
    with open(img, "wb") as f:
        f.truncate(8 << 20)
    p = subprocess.run(["losetup", "-f", "--show", img], capture_output=True, text=True)
    if p.returncode:
        print("SKIP tools/disktools.mount: no loop device here")
        return 0
    loop = p.stdout.strip()
    mine = os.path.join(ours, "mount")
    try:
        for k, args in enumerate((["-t", "ext2", loop, mnt], ["-t", "ext2", "/dev/null", mnt],
                                  ["-t", "ext2", "/nonexistent", mnt], ["-t", "ext2", loop, mnt + "/no"])):
            want, got = run(["mount"] + args), run([mine] + args)
            check(f"mount-error-{k}", want[0] == got[0] and first_line(want[2]) == first_line(got[2]),
                  f"util-linux {want}, ours {got}")
        subprocess.run(["/usr/sbin/mke2fs" if os.path.exists("/usr/sbin/mke2fs") else "mke2fs", "-q", "-t",
                        "ext2", loop], check=True)
        code, _, err = run([mine, "-o", "ro", loop, mnt])  # no -t: the superblock says ext2
        listed = run([mine])[1]
        check("mount-detects-ext2", code == 0 and f"{loop} on {mnt} type ext2 (ro," in listed, f"{err} {listed}")
        want, got = run(["df", "-T", mnt]), run([os.path.join(ours, "df"), "-T", mnt])
        check("df-ext2", want[:2] == got[:2], f"\n{want[1]}{got[1]}")
        code, _, err = run([os.path.join(ours, "umount"), loop])
        check("umount-ext2-by-device", code == 0 and not os.path.ismount(mnt), err)
    finally:
        if os.path.ismount(mnt):
            subprocess.run(["umount", mnt])
        subprocess.run(["losetup", "-d", loop])
    return 0


def main():
    build = sys.argv[sys.argv.index("--build") + 1] if "--build" in sys.argv else os.path.join(ROOT, "build")
    ours = os.path.join(build, "user", "bin")
    if not os.path.exists(os.path.join(ours, "df")) or not shutil.which("df"):
        print("SKIP tools/disktools: build/user/bin/df or the host's df is missing")
        return 0
    tmp = tempfile.mkdtemp(prefix="tinyos-df.")
    failed = 0

    def check(name, ok, why=""):
        nonlocal failed
        print(f"PASS tools/disktools.{name}" if ok else f"FAIL tools/disktools.{name}: {why}")
        failed += not ok

    try:
        for i, (size, fill) in enumerate(CASES):
            mnt = os.path.join(tmp, f"m{i}")
            os.mkdir(mnt)
            if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", f"src{i}", mnt]).returncode:
                print("SKIP tools/disktools: cannot mount a tmpfs here")
                return 0
            try:
                with open(os.path.join(mnt, "f"), "wb") as f:
                    f.write(b"\1" * fill)
                for flags in ([], ["-h"], ["-T"], ["-k"], ["-hT"]):
                    want = run(["df"] + flags + [mnt])
                    got = run([os.path.join(ours, "df")] + flags + [mnt])
                    check(f"{size}-{fill}{''.join(flags)}", want[:2] == got[:2],
                          f"\n--- coreutils\n{want[1]}--- ours\n{got[1]}")
                # umount by source, as util-linux: the mount point is found in /proc/mounts
            finally:
                code, _, err = run([os.path.join(ours, "umount"), f"src{i}"])
                check(f"umount-by-source-{i}", code == 0 and not os.path.ismount(mnt), err)
                if os.path.ismount(mnt):
                    subprocess.run(["umount", mnt])
        # Several FILE operands, a missing one: the same table and message.
        a, b = os.path.join(tmp, "m0"), os.path.join(tmp, "nonexistent")
        want, got = run(["df", a, b]), run([os.path.join(ours, "df"), a, b])
        check("missing-operand", want[0] == got[0] and want[2].replace("df:", "") == got[2].replace("df:", ""),
              f"coreutils {want}, ours {got}")
        # sync's messages and statuses.
        for k, args in enumerate((["/nonexistent"], ["-d"], ["-d", "-f", "/"], [tmp], ["-f", tmp])):
            want, got = run(["sync"] + args), run([os.path.join(ours, "sync")] + args)
            check(f"sync-{k}", want[:2] == got[:2] and
                  want[2].split(":", 1)[-1] == got[2].split(":", 1)[-1], f"coreutils {want}, ours {got}")
        failed += check_mount(ours, tmp, check)
    finally:
        for d in os.listdir(tmp):
            if os.path.ismount(os.path.join(tmp, d)):
                subprocess.run(["umount", os.path.join(tmp, d)])
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
