#!/usr/bin/env python3
"""test_mkdisk.py: tools/mkdisk, the maker of `make run`'s disk image.

On a small tree made here (a file owned by another user, a symlink, a
nested directory): the image is ext2 with the block size asked, sparse,
clean by e2fsck -fn; debugfs finds every file with its bytes, owned by
root, and the directories mkdisk adds (/tmp 1777, /proc, /sys, /dev,
/mnt); a failing run (no such tree) leaves the old image as it was.

Prints PASS/FAIL lines (tests/run-tests runs it).

  python3 tests/tools/test_mkdisk.py
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MKDISK = os.path.join(ROOT, "tools", "mkdisk")


def tool(name):
    return shutil.which(name, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")


def debugfs(img, request):
    return subprocess.run([tool("debugfs"), "-R", request, img], capture_output=True, timeout=60).stdout


def main():
    if not tool("mke2fs") or not tool("debugfs"):
        print("SKIP tools/mkdisk: e2fsprogs is not installed")
        return 0
    tmp = tempfile.mkdtemp(prefix="tinyos-mkdisk.")
    failed = 0

    def check(name, ok, why=""):
        nonlocal failed
        print(f"PASS tools/mkdisk.{name}" if ok else f"FAIL tools/mkdisk.{name}: {why}")
        failed += not ok

    try:
        tree = os.path.join(tmp, "tree")
        os.makedirs(os.path.join(tree, "bin"))
        os.makedirs(os.path.join(tree, "etc", "deep"))
        data = bytes(range(256)) * 300
        with open(os.path.join(tree, "bin", "prog"), "wb") as f:
            f.write(data)
        os.chmod(os.path.join(tree, "bin", "prog"), 0o755)
        with open(os.path.join(tree, "etc", "deep", "conf"), "w") as f:
            f.write("x=1\n")
        os.symlink("prog", os.path.join(tree, "bin", "alias"))
        if os.getuid() == 0:
            os.chown(os.path.join(tree, "etc", "deep", "conf"), 1234, 5678)
        # The owners file beside the tree (TREE.owners, as build/rootfs.owners).
        os.makedirs(os.path.join(tree, "home", "user"))
        with open(tree + ".owners", "w") as f:
            f.write("# who\n/home/user 1000:1001\n")
        for bs in (1024, 4096):
            img = os.path.join(tmp, f"disk-{bs}.img")
            p = subprocess.run([sys.executable, MKDISK, "--size", "32M", "--block-size", str(bs), tree, img],
                               capture_output=True, text=True, timeout=120)
            check(f"{bs}.makes-the-image", p.returncode == 0 and os.path.isfile(img), p.stderr)
            if p.returncode:
                continue
            st = os.stat(img)
            check(f"{bs}.size-and-sparse", st.st_size == 32 << 20 and st.st_blocks * 512 < 8 << 20,
                  f"size {st.st_size}, {st.st_blocks * 512} bytes used")
            fsck = subprocess.run([tool("e2fsck"), "-fn", img], capture_output=True, text=True)
            check(f"{bs}.e2fsck-clean", fsck.returncode == 0, fsck.stdout[-800:])
            dump = subprocess.run([tool("dumpe2fs"), "-h", img], capture_output=True, text=True).stdout
            check(f"{bs}.ext2-with-block-size", re.search(rf"^Block size:\s+{bs}$", dump, re.M) is not None
                  and "has_journal" not in dump, dump[:400])
            check(f"{bs}.file-bytes", debugfs(img, "cat /bin/prog") == data)
            check(f"{bs}.nested-file", debugfs(img, "cat /etc/deep/conf") == b"x=1\n")
            check(f"{bs}.symlink", b"Fast link dest: \"prog\"" in debugfs(img, "stat /bin/alias"))
            conf = debugfs(img, "stat /etc/deep/conf").decode()
            check(f"{bs}.owned-by-root", re.search(r"User:\s+0\s+Group:\s+0\b", conf) is not None, conf[:300])
            home = debugfs(img, "stat /home/user").decode()
            check(f"{bs}.owners-file", re.search(r"User:\s+1000\s+Group:\s+1001\b", home) is not None, home[:300])
            for d, mode in (("tmp", "01777"), ("proc", "0555"), ("sys", "0555"), ("dev", "0755"), ("mnt", "0755")):
                st_ = debugfs(img, f"stat /{d}").decode()
                check(f"{bs}.dir-{d}", "Type: directory" in st_ and f"Mode:  {mode}" in st_, st_[:200])
        # A failure (no such tree) leaves the old image alone.
        img = os.path.join(tmp, "disk-4096.img")
        before = open(img, "rb").read() if os.path.exists(img) else None
        p = subprocess.run([sys.executable, MKDISK, os.path.join(tmp, "nonexistent"), img], capture_output=True,
                           text=True, timeout=60)
        after = open(img, "rb").read() if os.path.exists(img) else None
        check("failure-keeps-the-old-image", p.returncode != 0 and before is not None and before == after,
              p.stderr)
        check("no-leftovers", not [n for n in os.listdir(tmp) if n.startswith(".mkdisk.")], os.listdir(tmp))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
