#!/usr/bin/env python3
"""test_mkinitrd.py: tests of tools/mkinitrd against the system's GNU cpio.

Runs tools/mkinitrd on temporary trees and checks that the archives read
back (with `cpio -i --list` and `cpio -idv`) to the same tree, that the
header fields are the documented deterministic ones, and that what newc
cannot (or we will not) represent is rejected with exit status 1, a
message, and no output file.

Prints one line per case, `PASS tools/mkinitrd.<case>` or
`FAIL tools/mkinitrd.<case>: why`; exits 1 if any case failed.

  python3 tests/tools/test_mkinitrd.py
"""
import os
import socket
import stat
import subprocess
import sys
import tempfile
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MKINITRD = os.path.join(ROOT, "tools", "mkinitrd")

CASES = []


def case(fn):
    CASES.append(fn)
    return fn


class Fail(Exception):
    pass


def check(cond, why):
    if not cond:
        raise Fail(why)


def mkinitrd(*args):
    try:
        # A timeout, because a mkinitrd that opened a FIFO would block forever.
        return subprocess.run([sys.executable, MKINITRD, *args], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        raise Fail(f"mkinitrd {' '.join(args)} did not finish in 60 s")


def build(*args):
    p = mkinitrd(*args)
    check(p.returncode == 0, f"mkinitrd {' '.join(args)} failed ({p.returncode}): {p.stderr.strip()}")
    return p


def write(path, data, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)


def parse_newc(data):
    """A small independent reader: list of dicts, the trailer excluded."""
    entries, off = [], 0
    names = ("ino", "mode", "uid", "gid", "nlink", "mtime", "filesize", "devmajor", "devminor",
             "rdevmajor", "rdevminor", "namesize", "check")
    while True:
        check(off + 110 <= len(data), f"truncated header at {off}")
        magic = data[off:off + 6]
        check(magic == b"070701", f"magic {magic!r} at {off}")
        h = {n: int(data[off + 6 + 8 * i:off + 14 + 8 * i], 16) for i, n in enumerate(names)}
        name_end = off + 110 + h["namesize"]
        check(data[name_end - 1] == 0, f"name not NUL-terminated at {off}")
        h["name"] = data[off + 110:name_end - 1]
        start = (name_end + 3) & ~3
        h["data"] = data[start:start + h["filesize"]]
        check(len(h["data"]) == h["filesize"], f"short data at {off}")
        for pad in (data[name_end:start], data[start + h["filesize"]:(start + h["filesize"] + 3) & ~3]):
            check(pad == b"\0" * len(pad), f"non-zero padding at {off}")
        off = (start + h["filesize"] + 3) & ~3
        if h["name"] == b"TRAILER!!!":
            check(off == len(data), f"{len(data) - off} bytes after the trailer")
            return entries
        entries.append(h)


def snapshot(top):
    """rel path -> (kind, permission bits, content or link target)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(top):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            rel = os.path.relpath(p, top)
            st = os.lstat(p)
            if stat.S_ISLNK(st.st_mode):
                out[rel] = ("link", None, os.readlink(p))
            elif stat.S_ISDIR(st.st_mode):
                out[rel] = ("dir", stat.S_IMODE(st.st_mode), None)
            else:
                with open(p, "rb") as f:
                    out[rel] = ("file", stat.S_IMODE(st.st_mode), f.read())
    return out


def sample_tree(top):
    """Directories (one empty), files of several sizes and modes, names of
    odd lengths, spaces and UTF-8, symlinks (one dangling), a hard link."""
    os.makedirs(os.path.join(top, "bin"))
    os.makedirs(os.path.join(top, "etc", "empty.d"))
    os.makedirs(os.path.join(top, "usr", "share", "deep", "er"))
    write(os.path.join(top, "bin", "sh"), b"\x7fELF" + bytes(range(256)) * 9, 0o755)
    write(os.path.join(top, "etc", "motd"), b"hello, world\n")
    write(os.path.join(top, "etc", "shadow"), b"root::0:\n", 0o600)
    write(os.path.join(top, "empty"), b"")
    for n in range(1, 9):
        write(os.path.join(top, "usr", "share", "deep", "er", "x" * n), b"y" * n)
    write(os.path.join(top, "usr", "share", "with space \u00e9"), b"\xff\x00\xfe")
    os.symlink("sh", os.path.join(top, "bin", "ash"))
    os.symlink("../nowhere", os.path.join(top, "bin", "dangling"))
    os.link(os.path.join(top, "etc", "motd"), os.path.join(top, "etc", "motd.hardlink"))
    os.chmod(os.path.join(top, "etc", "empty.d"), 0o700)


def cpio_list(archive):
    with open(archive, "rb") as f:
        p = subprocess.run(["cpio", "-i", "--list", "--quiet"], stdin=f, capture_output=True)
    check(p.returncode == 0, f"cpio --list failed: {p.stderr.decode(errors='replace')}")
    return [os.fsdecode(line) for line in p.stdout.splitlines()]


def cpio_extract(archive, dest):
    os.makedirs(dest)
    with open(archive, "rb") as f:
        p = subprocess.run(["cpio", "-idv", "--no-absolute-filenames"], stdin=f, cwd=dest, capture_output=True)
    check(p.returncode == 0, f"cpio -idv failed: {p.stderr.decode(errors='replace')}")
    warnings = [line for line in p.stderr.decode(errors="replace").splitlines()
                if "cpio:" in line]
    check(not warnings, f"cpio warned: {warnings}")


# --- round trips ---------------------------------------------------------

@case
def roundtrip_list_and_extract(t):
    src = os.path.join(t, "root")
    sample_tree(src)
    out = os.path.join(t, "out.cpio")
    build("-o", out, src)
    want = snapshot(src)
    listed = cpio_list(out)
    check(sorted(listed) == sorted(want), f"cpio --list gave {sorted(set(listed) ^ set(want))} extra/missing")
    check(len(listed) == len(set(listed)), "a name is listed twice")
    cpio_extract(out, os.path.join(t, "x"))
    got = snapshot(os.path.join(t, "x"))
    diff = sorted(k for k in set(want) | set(got) if want.get(k) != got.get(k))
    check(not diff, f"extracted tree differs at {diff[:5]}")


@case
def header_fields_deterministic(t):
    src = os.path.join(t, "root")
    sample_tree(src)
    out = os.path.join(t, "out.cpio")
    build("-o", out, src)
    with open(out, "rb") as f:
        entries = parse_newc(f.read())
    seen = set()
    for i, e in enumerate(entries, start=1):
        name = e["name"].decode()
        check(not name.startswith(("/", "./")) and name != ".", f"name {name!r} is not relative")
        check(e["ino"] == i, f"{name}: ino {e['ino']}, expected {i}")
        check(e["uid"] == 0 and e["gid"] == 0, f"{name}: uid/gid not 0")
        want_mtime = int(os.lstat(os.path.join(src, name)).st_mtime)
        check(e["mtime"] == want_mtime, f"{name}: mtime {e['mtime']}, the host file's is {want_mtime}")
        want_nlink = 2 if stat.S_ISDIR(e["mode"]) else 1
        check(e["nlink"] == want_nlink, f"{name}: nlink {e['nlink']}")
        check(e["devmajor"] == e["devminor"] == e["rdevmajor"] == e["rdevminor"] == e["check"] == 0,
              f"{name}: device or check fields not 0")
        parent = os.path.dirname(name)
        check(not parent or parent in seen, f"{name} comes before its directory {parent}")
        seen.add(name)
        if stat.S_ISLNK(e["mode"]):
            check(e["data"] == os.readlink(os.path.join(src, name)).encode(), f"{name}: wrong target")
        if stat.S_ISDIR(e["mode"]):
            check(e["filesize"] == 0, f"{name}: directory with data")


@case
def owners_file(t):
    """--owners gives the named entries other owners, and only them; a
    path the archive lacks, or a malformed line, is an error."""
    src = os.path.join(t, "root")
    sample_tree(src)
    owners = os.path.join(t, "owners")
    with open(owners, "w") as f:
        f.write("# comment\n/etc/empty.d 1000:1001\n\n/bin/sh  65534:65534  # trailing\n")
    out = os.path.join(t, "out.cpio")
    build("-o", out, src, "--owners", owners)
    with open(out, "rb") as f:
        got = {e["name"].decode(): (e["uid"], e["gid"]) for e in parse_newc(f.read())}
    want = {"etc/empty.d": (1000, 1001), "bin/sh": (65534, 65534)}
    for name, ids in got.items():
        check(ids == want.get(name, (0, 0)), f"{name}: uid/gid {ids}, expected {want.get(name, (0, 0))}")
    for bad, why in (("/nowhere 1:1\n", "not in the archive"), ("/bin/sh 1\n", "want")):
        with open(owners, "w") as f:
            f.write(bad)
        p = mkinitrd("-o", os.path.join(t, "bad.cpio"), src, "--owners", owners)
        check(p.returncode == 1 and why in p.stderr, f"{bad.strip()!r}: status {p.returncode}, {p.stderr.strip()!r}")
        check(not os.path.exists(os.path.join(t, "bad.cpio")), f"{bad.strip()!r} left an archive")


@case
def determinism(t):
    src = os.path.join(t, "root")
    sample_tree(src)
    a, b = os.path.join(t, "a.cpio"), os.path.join(t, "b.cpio")
    extra = ["--file", os.path.join(src, "etc", "motd") + ":/sbin/init:755"]
    build("-o", a, src, *extra, "--mtime", "0")
    # With --mtime, different mtimes and a fresh copy of the tree (other
    # inode numbers and directory order) must not change a byte.
    os.utime(os.path.join(src, "etc", "motd"), (1, 1))
    src2 = os.path.join(t, "copy")
    subprocess.run(["cp", "-a", src, src2], check=True)
    os.utime(os.path.join(src2, "bin", "sh"), (123456, 123456))
    build("-o", b, src2, "--file", os.path.join(src2, "etc", "motd") + ":/sbin/init:755", "--mtime", "0")
    with open(a, "rb") as fa, open(b, "rb") as fb:
        check(fa.read() == fb.read(), "two runs gave different archives")
    # Without it, the same tree twice is the same archive too.
    c, d = os.path.join(t, "c.cpio"), os.path.join(t, "d.cpio")
    build("-o", c, src2)
    build("-o", d, src2)
    with open(c, "rb") as fc, open(d, "rb") as fd:
        check(fc.read() == fd.read(), "two runs over the same tree gave different archives")


@case
def mtimes(t):
    """Host mtimes are kept (ls -l on Tiny OS shows when a file was made);
    a directory made for --file's DEST takes the newest one; --mtime N sets
    every entry's; a bad --mtime is an error."""
    src = os.path.join(t, "root")
    write(os.path.join(src, "etc", "old"), b"x")
    write(os.path.join(src, "etc", "new"), b"y")
    os.utime(os.path.join(src, "etc", "old"), (1000, 1000))
    os.utime(os.path.join(src, "etc", "new"), (1800000000, 1800000000))
    os.utime(os.path.join(src, "etc"), (5000, 5000))
    os.symlink("old", os.path.join(src, "link"))
    os.utime(os.path.join(src, "link"), (7000, 7000), follow_symlinks=False)
    out = os.path.join(t, "out.cpio")
    build("-o", out, src, "--file", os.path.join(src, "etc", "old") + ":/made/up/f")
    with open(out, "rb") as f:
        got = {e["name"].decode(): e["mtime"] for e in parse_newc(f.read())}
    want = {"etc": 5000, "etc/old": 1000, "etc/new": 1800000000, "link": 7000,
            "made": 1800000000, "made/up": 1800000000, "made/up/f": 1000}
    check(got == want, f"mtimes {got}, expected {want}")
    build("-o", out, src, "--mtime", "42")
    with open(out, "rb") as f:
        check({e["mtime"] for e in parse_newc(f.read())} == {42}, "--mtime 42 not applied to every entry")
    for bad in ("-1", "x", str(1 << 32)):
        p = mkinitrd("-o", os.path.join(t, "bad.cpio"), src, "--mtime", bad)
        check(p.returncode == 1 and "--mtime" in p.stderr, f"--mtime {bad}: status {p.returncode}")


@case
def hard_links_stored_as_copies(t):
    src = os.path.join(t, "root")
    write(os.path.join(src, "a"), b"same")
    os.link(os.path.join(src, "a"), os.path.join(src, "b"))
    out = os.path.join(t, "out.cpio")
    build("-o", out, src)
    with open(out, "rb") as f:
        entries = parse_newc(f.read())
    check([(e["name"], e["data"], e["nlink"]) for e in entries] == [(b"a", b"same", 1), (b"b", b"same", 1)],
          f"entries {[(e['name'], e['data'], e['nlink']) for e in entries]}")


# --- --file and overriding ------------------------------------------------

@case
def file_adds_parent_dirs(t):
    init = os.path.join(t, "init")
    write(init, b"#!init\n", 0o644)
    out = os.path.join(t, "out.cpio")
    build("-o", out, "--file", init + ":/sbin/deep/init:750")
    with open(out, "rb") as f:
        entries = parse_newc(f.read())
    got = [(e["name"].decode(), e["mode"]) for e in entries]
    want = [("sbin", stat.S_IFDIR | 0o755), ("sbin/deep", stat.S_IFDIR | 0o755),
            ("sbin/deep/init", stat.S_IFREG | 0o750)]
    check(got == want, f"entries {[(n, oct(m)) for n, m in got]}")
    cpio_extract(out, os.path.join(t, "x"))
    with open(os.path.join(t, "x", "sbin", "deep", "init"), "rb") as f:
        check(f.read() == b"#!init\n", "wrong content")


@case
def later_sources_override(t):
    one, two = os.path.join(t, "one"), os.path.join(t, "two")
    write(os.path.join(one, "etc", "motd"), b"one\n")
    write(os.path.join(one, "etc", "only-one"), b"1\n")
    write(os.path.join(one, "lib", "old"), b"gone\n")
    write(os.path.join(two, "etc", "motd"), b"two\n")
    os.symlink("usr/lib", os.path.join(two, "lib"))  # replaces directory lib/ and its contents
    f = os.path.join(t, "f")
    write(f, b"file\n")
    out = os.path.join(t, "out.cpio")
    build("-o", out, one, two, "--file", f + ":/etc/only-one")
    with open(out, "rb") as fh:
        entries = {e["name"].decode(): e for e in parse_newc(fh.read())}
    check(sorted(entries) == ["etc", "etc/motd", "etc/only-one", "lib"], f"names {sorted(entries)}")
    check(entries["etc/motd"]["data"] == b"two\n", "DIR two did not override DIR one")
    check(entries["etc/only-one"]["data"] == b"file\n", "--file did not override the DIR")
    check(stat.S_ISLNK(entries["lib"]["mode"]) and entries["lib"]["data"] == b"usr/lib", "lib is not the symlink")


# --- rejections -------------------------------------------------------------

def expect_reject(t, args, *words):
    out = os.path.join(t, "rejected.cpio")
    p = mkinitrd("-o", out, *args)
    check(p.returncode == 1, f"exit status {p.returncode}, expected 1 (stderr: {p.stderr.strip()!r})")
    for w in words:
        check(w in p.stderr, f"message {p.stderr.strip()!r} does not mention {w!r}")
    check(not os.path.exists(out), "an output file was written")
    leftovers = [n for n in os.listdir(t) if n.startswith(".mkinitrd-")]
    check(not leftovers, f"temporary files left behind: {leftovers}")


@case
def rejects_fifo(t):
    src = os.path.join(t, "root")
    write(os.path.join(src, "ok"), b"ok")
    os.mkfifo(os.path.join(src, "pipe"))
    expect_reject(t, [src], "cannot represent FIFO", os.path.join(src, "pipe"))


@case
def rejects_socket(t):
    src = os.path.join(t, "root")
    os.makedirs(src)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.bind(os.path.join(src, "sock"))
        expect_reject(t, [src], "cannot represent socket")
    finally:
        s.close()


@case
def rejects_device(t):
    expect_reject(t, ["--file", "/dev/null:/dev/null"], "cannot represent character device /dev/null")


@case
def rejects_relative_dest(t):
    f = os.path.join(t, "f")
    write(f, b"x")
    expect_reject(t, ["--file", f + ":sbin/init"], "not an absolute path")


@case
def rejects_missing_src(t):
    expect_reject(t, ["--file", os.path.join(t, "missing") + ":/sbin/init"], "missing", "No such file")


@case
def rejects_missing_dir(t):
    expect_reject(t, [os.path.join(t, "nodir")], "nodir", "No such file")


@case
def rejects_newline_in_name(t):
    src = os.path.join(t, "root")
    write(os.path.join(src, "a\nb"), b"x")
    expect_reject(t, [src], "newline")


@case
def rejects_long_name(t):
    f = os.path.join(t, "f")
    write(f, b"x")
    dest = "/" + "/".join(["d" * 200] * 21)  # 4220 bytes
    expect_reject(t, ["--file", f + ":" + dest], "longer than 4095 bytes")
    # 4095 bytes exactly is fine.
    dest = "/" + "/".join(["d" * 200] * 20) + "/" + "e" * (4095 - 201 * 20)
    out = os.path.join(t, "ok.cpio")
    build("-o", out, "--file", f + ":" + dest)
    with open(out, "rb") as fh:
        names = [e["name"] for e in parse_newc(fh.read())]
    check(len(names[-1]) == 4095, f"longest name has {len(names[-1])} bytes")


@case
def rejects_4gib_file(t):
    big = os.path.join(t, "big")
    with open(big, "wb") as f:
        f.truncate(1 << 32)  # sparse: costs no disk space
    expect_reject(t, ["--file", big + ":/big"], "32-bit")


@case
def failure_keeps_old_output(t):
    out = os.path.join(t, "out.cpio")
    write(out, b"previous")
    p = mkinitrd("-o", out, "--file", os.path.join(t, "missing") + ":/x")
    check(p.returncode == 1, f"exit status {p.returncode}")
    with open(out, "rb") as f:
        check(f.read() == b"previous", "the old output was touched")


def main():
    failed = 0
    for fn in CASES:
        name = f"tools/mkinitrd.{fn.__name__}"
        with tempfile.TemporaryDirectory(prefix="test_mkinitrd.") as t:
            try:
                fn(t)
                print(f"PASS {name}", flush=True)
            except Fail as e:
                failed += 1
                print(f"FAIL {name}: {e}", flush=True)
            except Exception as e:  # a bug in the test itself still counts
                failed += 1
                where = traceback.extract_tb(e.__traceback__)[-1]
                print(f"FAIL {name}: {type(e).__name__}: {e} (line {where.lineno})", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
