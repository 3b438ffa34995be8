"""ext2_e2e.py - the ext2 suite's checks (tests/suites/ext2.py CHECKS),
each one boot of Tiny OS with disk images the host made or checks:

  read-BS     an image made by Linux's mke2fs -d (block size BS) from a
              tree the host builds (files of 0 B to 5 MiB, a sparse 5 GiB
              one, 2000 names in a directory e2fsck -D turned into an
              htree, a deep tree, fast and slow symlinks, hard links, a
              FIFO, odd modes and times): Tiny OS mounts it read-only and
              lists every file with a hash of its data; the same program
              run on the host over the source tree must print the same
              lines. Then read-only changes are EROFS, and a read-write
              mount adds names to the htree directory: e2fsck -fn clean.
  write-BS    a fresh image: the write workload of user/tests/ext2_test
              (sizes up to a sparse 5 GiB, 2000 names, storms of renames,
              unlinks and truncates, links, attributes), a remount, and
              everything read back, read-only and read-write again by
              remount; then on the host e2fsck -fn clean,
              debugfs reads the files byte for byte, and dumpe2fs -h's free
              counts equal what statfs said.
  enospc      a 2 MiB image: write(2) fails with ENOSPC, creating files
              runs out of inodes, everything freed again; a remount
              read-only at the end (no umount) leaves the state clean;
              e2fsck clean.
  corrupt     four images at once (vda..vdd): files with block pointers
              past the end, a garbage indirect block, a bad mode, a bad
              directory size, a directory entry with rec_len 0 and one
              naming an inode past the count (EUCLEAN or EIO for each and
              a kernel log line, other files fine); a bad magic number
              and an unknown INCOMPAT feature (mount fails, EINVAL); an
              unknown RO_COMPAT feature (mounted read-only); a second
              mount (EBUSY), a regular file (ENOTBLK), a node of no disk
              (ENXIO).
"""
import os
import re
import subprocess

import disk_e2e
from disk_e2e import e2fs, fsck, guest_lines, log_tail, pattern, workdir

SPARSE_SIZE = (5 << 30) + 1


def prog(build):
    return os.path.join(build, "user", "tests", "ext2_test")


def boot(build, name, disks, args):
    """One tinyos-run boot of ext2_test with the images as vda, vdb...:
    (exit status, output, kernel log path)."""
    wd = workdir(build)
    log = os.path.join(wd, f"ext2-{name}.klog")
    code, out = run_with_disks(build, disks, prog(build), args, log)
    with open(os.path.join(wd, f"ext2-{name}.out"), "w") as f:
        f.write(out)
    return code, out, log


def run_with_disks(build, disks, program, args, log, timeout=disk_e2e.BOOT_TIMEOUT):
    import sys
    cmd = [sys.executable, os.path.join(disk_e2e.ROOT, "tools", "tinyos-run"), "--timeout", str(timeout),
           "--kernel", os.path.join(build, "tinyos.elf"), "--kernel-log", log, "--memory", "256M"]
    for d in disks:
        cmd += ["--disk", d]
    cmd += [program, " ".join(args)]  # one word: the kernel command line takes 32
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout + 60, start_new_session=True)
    except subprocess.TimeoutExpired:
        return "hung", ""
    return p.returncode, p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")


def results_of(name, code, out, log):
    res = [(f"{name}/{n}", ok, why) for n, ok, why in guest_lines(out)]
    res.append((f"{name}/exit", code == 0,
                f"exit status {code}\n    output: {out[-1500:]}\n    kernel log:\n      {log_tail(log)}"))
    klog = open(log, errors="replace").read() if os.path.exists(log) else ""
    res.append((f"{name}/no-panic", "PANIC" not in klog.upper(), log_tail(log, 30)))
    return res


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=True, **kw)


def mkimage(path, size, block_size, src=None, extra=()):
    if os.path.exists(path):
        os.unlink(path)
    with open(path, "wb") as f:
        f.truncate(size)
    cmd = [e2fs("mke2fs"), "-q", "-F", "-t", "ext2", "-b", str(block_size)] + list(extra)
    if src:
        cmd += ["-d", src]
    run(cmd + [path])


# --- read-BS -------------------------------------------------------------

def build_tree(root):
    """The host's source tree (deterministic: the same on every run)."""
    if os.path.exists(root):
        subprocess.run(["rm", "-rf", root], check=True)
    os.makedirs(root)
    sizes = {"empty": 0, "one": 1, "page": 4096, "odd": 12345, "mib": 1 << 20, "five-mib": 5 << 20}
    for i, (name, size) in enumerate(sizes.items()):
        with open(os.path.join(root, name), "wb") as f:
            f.write(pattern(i + 1, size))
    with open(os.path.join(root, "sparse"), "wb") as f:
        f.write(pattern(20, 3000))
        f.seek((4 << 30) - 100)
        f.write(pattern(21, 5000))
        f.seek(SPARSE_SIZE - 1)
        f.write(b"E")
    many = os.path.join(root, "many")
    os.makedirs(many)
    for i in range(2000):
        with open(os.path.join(many, f"f{i:04d}"), "wb") as f:
            f.write(f"name {i}\n".encode() * (i % 5))
    deep = root
    for i in range(30):
        deep = os.path.join(deep, f"level{i}")
    os.makedirs(deep)
    with open(os.path.join(deep, "bottom"), "wb") as f:
        f.write(pattern(22, 777))
    os.symlink("page", os.path.join(root, "fast-link"))
    os.symlink("/" + "long-component/" * 12 + "end", os.path.join(root, "slow-link"))
    os.link(os.path.join(root, "odd"), os.path.join(root, "odd-link"))
    os.link(os.path.join(root, "odd"), os.path.join(root, "many", "odd-link2"))
    os.mkfifo(os.path.join(root, "fifo"))
    os.chmod(os.path.join(root, "one"), 0o4750)
    os.chmod(os.path.join(root, "page"), 0o600)
    os.chown(os.path.join(root, "page"), 1234, 5678)
    os.utime(os.path.join(root, "mib"), (1500000000, 1600000000))
    # Times last: directories' times change as their entries are made.
    for dirpath, dirnames, filenames in os.walk(root, topdown=False):
        os.utime(dirpath, (1400000000, 1400000000))


def check_read(build, block_size):
    name = f"check/ext2-read-{block_size}"
    wd = workdir(build)
    src = os.path.join(wd, f"ext2-src-{block_size}")
    build_tree(src)
    img = os.path.join(wd, f"ext2-read-{block_size}.img")
    mkimage(img, 96 << 20, block_size, src)
    # e2fsck -D indexes the big directory: an htree Tiny OS reads as plain.
    subprocess.run([e2fs("e2fsck"), "-fyD", img], capture_output=True, timeout=120)
    htree_before = "Flags: 0x1000" in disk_e2e.debugfs_stat(img, "/many")
    expect = subprocess.run([prog(build), "manifest", src], capture_output=True, text=True, timeout=300)
    want = [l for l in expect.stdout.splitlines() if l.startswith("/")]
    code, out, log = boot(build, f"read-{block_size}", [img],
                          ["mount", "/dev/vda", "/mnt", "ro", "manifest", "/mnt", "rocheck", "/mnt", "umount", "/mnt",
                           "mount", "/dev/vda", "/mnt", "htree", "/mnt", "umount", "/mnt"])
    got = [l for l in out.splitlines() if l.startswith("/")]
    res = results_of(name, code, out, log)
    diff = [f"-{w}\n+{g}" for w, g in zip(want, got) if w != g][:5]
    res.append((f"{name}/manifest-matches-host", want == got and len(want) > 2000,
                f"{len(got)} lines, want {len(want)}; first differences:\n" + "\n".join(diff)))
    res.append((f"{name}/htree-made", htree_before, "e2fsck -D did not index /many"))
    res.append((f"{name}/htree-flag-cleared", "Flags: 0x1000" not in disk_e2e.debugfs_stat(img, "/many"),
                "EXT2_INDEX_FL still set after Tiny OS changed the directory"))
    rc, text = fsck(img)
    res.append((f"{name}/e2fsck-clean", rc == 0, f"e2fsck -fn status {rc}:\n{text[-1500:]}"))
    return res


# --- write-BS --------------------------------------------------------------

WRITTEN = [("/f0", 1, 0), ("/f1", 2, 1), ("/f4k", 3, 4096), ("/f1m", 4, 1 << 20), ("/fbig", 5, 5 << 20),
           ("/hl2", 40, 5000), ("/hdir/hl3", 40, 5000),
           ("/" + "/".join(["d"] * 40) + "/leaf", 9, 3000)]


def dumpe2fs_counts(img):
    p = subprocess.run([e2fs("dumpe2fs"), "-h", img], capture_output=True, text=True, timeout=60)
    get = lambda key: int(re.search(rf"^{key}:\s+(\d+)", p.stdout, re.M).group(1))  # noqa: E731
    return get("Free blocks"), get("Free inodes"), get("Reserved block count"), p.stdout


def check_write(build, block_size):
    name = f"check/ext2-write-{block_size}"
    wd = workdir(build)
    img = os.path.join(wd, f"ext2-write-{block_size}.img")
    mkimage(img, 64 << 20, block_size)
    code, out, log = boot(build, f"write-{block_size}", [img],
                          ["mount", "/dev/vda", "/mnt", "write", "/mnt", "statfs", "/mnt", "umount", "/mnt",
                           "mount", "/dev/vda", "/mnt", "verify", "/mnt", "remount", "/mnt", "ro", "rocheck", "/mnt",
                           "remount", "/mnt", "rw", "verify", "/mnt", "umount", "/mnt"])
    res = results_of(name, code, out, log)
    rc, text = fsck(img)
    res.append((f"{name}/e2fsck-clean", rc == 0, f"e2fsck -fn status {rc}:\n{text[-1500:]}"))
    for path, seed, size in WRITTEN:
        got = disk_e2e.debugfs_cat(img, path)
        want = pattern(seed, size)
        res.append((f"{name}/debugfs{path[:40]}", got == want,
                    "missing" if got is None else f"{len(got)} bytes, want {len(want)}"))
    got = disk_e2e.debugfs_cat(img, "/trunc")
    res.append((f"{name}/debugfs/trunc", got == b"0123456789", repr(got)[:100]))
    st = disk_e2e.debugfs_stat(img, "/sparse")
    res.append((f"{name}/debugfs-sparse-size", f"Size: {SPARSE_SIZE}" in st, st[:400]))
    st = disk_e2e.debugfs_stat(img, "/sl_slow")
    res.append((f"{name}/debugfs-slow-symlink", "Type: symlink" in st and "Links: 1" in st, st[:300]))
    ls = subprocess.run([e2fs("debugfs"), "-R", "ls /moved", img], capture_output=True, text=True, timeout=60).stdout
    res.append((f"{name}/debugfs-moved-names", len(re.findall(r"file-\d{4}", ls)) == 667, ls[:300]))
    m = re.search(r"^statfs bsize=(\d+) blocks=(\d+) bfree=(\d+) bavail=(\d+) files=(\d+) ffree=(\d+)$", out, re.M)
    if m:
        bfree, ffree, reserved, text = dumpe2fs_counts(img)
        res.append((f"{name}/statfs-equals-dumpe2fs",
                    (int(m.group(3)), int(m.group(6)), int(m.group(3)) - int(m.group(4))) == (bfree, ffree, reserved)
                    and int(m.group(1)) == block_size,
                    f"statfs {m.group(0)}; dumpe2fs free blocks {bfree}, inodes {ffree}, reserved {reserved}"))
        res.append((f"{name}/clean-state", re.search(r"^Filesystem state:\s+clean$", text, re.M) is not None,
                    text[:600]))
    else:
        res.append((f"{name}/statfs-equals-dumpe2fs", False, "no statfs line"))
    return res


# --- enospc and corrupt ------------------------------------------------------

def check_enospc(build):
    name = "check/ext2-enospc"
    img = os.path.join(workdir(build), "ext2-enospc.img")
    mkimage(img, 2 << 20, 1024, extra=["-N", "64"])
    # No umount: remount,ro (init's shutdown) must leave the state clean.
    code, out, log = boot(build, "enospc", [img], ["mount", "/dev/vda", "/mnt", "enospc", "/mnt", "remount", "/mnt", "ro"])
    res = results_of(name, code, out, log)
    text = dumpe2fs_counts(img)[3]
    res.append((f"{name}/remount-ro-leaves-it-clean",
                re.search(r"^Filesystem state:\s+clean$", text, re.M) is not None, text[:600]))
    rc, text = fsck(img)
    res.append((f"{name}/e2fsck-clean", rc == 0, f"e2fsck -fn status {rc}:\n{text[-1500:]}"))
    return res


def debugfs_w(img, *cmds):
    for c in cmds:
        subprocess.run([e2fs("debugfs"), "-w", "-R", c, img], capture_output=True, timeout=60, check=True)


def bmap(img, path, lblock=0):
    p = subprocess.run([e2fs("debugfs"), "-R", f"bmap {path} {lblock}", img], capture_output=True, text=True,
                       timeout=60)
    return int(p.stdout.strip().split()[-1])


def corrupt_images(wd):
    src = os.path.join(wd, "ext2-corrupt-src")
    subprocess.run(["rm", "-rf", src], check=True)
    os.makedirs(os.path.join(src, "baddir"))
    os.makedirs(os.path.join(src, "badsize"))
    os.makedirs(os.path.join(src, "inodir"))
    files = {"badptr": pattern(1, 3000), "badind": pattern(2, 300 << 10), "badmode": b"m\n", "good": pattern(50, 3000),
             "ffblock": b"\xff" * 1024, "baddir/aaa": b"a", "baddir/bbb": b"b", "baddir/zzz": b"z",
             "inodir/badino": b"i"}
    for n, data in files.items():
        with open(os.path.join(src, n), "wb") as f:
            f.write(data)
    a = os.path.join(wd, "ext2-corrupt-a.img")
    mkimage(a, 8 << 20, 1024, src)
    ff = bmap(a, "/ffblock")
    debugfs_w(a, "sif /badptr block[0] 99999999", f"sif /badind block[IND] {ff}", "sif /badmode mode 0170644",
              "sif /badsize size 1000")
    with open(a, "r+b") as f:
        # rec_len 0 in the entry after "." and ".." of baddir's first block.
        blk = bmap(a, "/baddir")
        f.seek(blk * 1024 + 12 + 4)
        dotdot_len = int.from_bytes(f.read(2), "little")
        f.seek(blk * 1024 + 12 + dotdot_len + 4)
        f.write(b"\0\0")
        # The entry "badino" names an inode past the count.
        blk = bmap(a, "/inodir")
        f.seek(blk * 1024)
        data = f.read(1024)
        at = data.index(b"badino") - 8
        f.seek(blk * 1024 + at)
        f.write((0x7ffffff0).to_bytes(4, "little"))
    b = os.path.join(wd, "ext2-corrupt-b.img")
    mkimage(b, 2 << 20, 1024)
    with open(b, "r+b") as f:  # the magic number
        f.seek(1024 + 56)
        f.write(b"\x00\x00")
    c = os.path.join(wd, "ext2-corrupt-c.img")
    mkimage(c, 2 << 20, 1024)
    debugfs_w(c, "ssv feature_incompat 0x10002")  # filetype + an unknown bit
    d = os.path.join(wd, "ext2-corrupt-d.img")
    mkimage(d, 2 << 20, 1024, src)
    debugfs_w(d, "ssv feature_ro_compat 0x8003")  # sparse_super, large_file + an unknown bit
    return [a, b, c, d]


def check_corrupt(build):
    name = "check/ext2-corrupt"
    disks = corrupt_images(workdir(build))
    code, out, log = boot(build, "corrupt", disks,
                          ["mount", "/dev/vda", "/mnt", "corrupt", "/mnt",
                           "mountfail", "/dev/vda", "/mnt2", "16",           # EBUSY
                           "mountfail", "/dev/vdb", "/mnt2", "22",           # EINVAL: bad magic
                           "mountfail", "/dev/vdc", "/mnt2", "22",           # EINVAL: unknown INCOMPAT
                           "mountfail", "/bin/ext2_test", "/mnt2", "15",     # ENOTBLK
                           "mknodblk", "/nodisk", "254", "240", "mountfail", "/nodisk", "/mnt2", "6",  # ENXIO
                           "mount", "/dev/vdd", "/mnt3", "rocheck", "/mnt3", "umount", "/mnt3",
                           "umount", "/mnt"])
    res = results_of(name, code, out, log)
    klog = open(log, errors="replace").read() if os.path.exists(log) else ""
    for what, pat in [("block-pointer", r"ext2: vda: inode \d+: block pointer 99999999 past the end"),
                      ("bad-mode", r"ext2: vda: inode \d+: bad file type"),
                      ("rec-len", r"ext2: vda: inode \d+: directory block 0 offset \d+: rec_len"),
                      ("bad-magic", r"ext2: vdb: no ext2 superblock"),
                      ("incompat", r"ext2: vdc: unsupported incompatible features 0x10000"),
                      ("ro-compat", r"ext2: vdd: unsupported read-only features 0x8000: mounted read-only")]:
        res.append((f"{name}/kernel-log-{what}", re.search(pat, klog) is not None, log_tail(log, 30)))
    return res
