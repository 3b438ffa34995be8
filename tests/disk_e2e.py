"""disk_e2e.py - end-to-end tests of the disk, several boots each (the
CHECKS of tests/suites/disk.py; tests/run-tests runs them):

  persist-BS      two tinyos-run boots on one fresh ext2 image (block size
                  BS): user/tests/disk_persist_test writes, then verifies;
                  e2fsck -fn clean after each boot, debugfs reads what the
                  first boot wrote byte for byte.
  make-run        `make run-now` twice on one disk image, as a user types:
                  a file written in the shell, poweroff, the next boot
                  reads it; e2fsck -fn clean after each.
  crash-BS-N      user/tests/fsync_storm writes and fsyncs files until QEMU
                  is killed (SIGKILL) under it; e2fsck -fy repairs the
                  image, e2fsck -fn then finds it clean, and every file
                  whose "synced" line came out reads back intact, through
                  debugfs and through a second Tiny OS boot. Four rounds
                  (CRASH_ROUNDS): 4 KiB and 1 KiB blocks, the kill at
                  two different points each after the 12th synced file.

Every step has a hard timeout and nothing asserts a duration: a busy host
only makes the tests slower. Images and logs are in BUILD/test-logs/disk/.
"""
import os
import pty
import queue
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

BOOT_TIMEOUT = 240       # one tinyos-run boot (TCG on a busy 2-core host)
KILL_AFTER_SYNCED = 12   # the crash comes once this many files are synced
STORM_DEADLINE = 400     # ... or the test fails if they do not come by then


# --- the data the guest programs write (same formulas as their C) -------

_ROWS = [bytes((c + 7 * k) & 0xff for k in range(256)) for c in range(256)]


def pattern(seed, size):
    """Bytes 0..size-1 of (seed*131 + j*7 + (j>>8)) & 0xff. In block b of
    256 bytes, 7*j = 7*256*b + 7*k and 7*256 is 0 mod 256, so each block
    is one row: (seed*131 + b + 7k) & 0xff."""
    blocks = (size + 255) // 256
    return b"".join(_ROWS[(seed * 131 + b) & 0xff] for b in range(blocks))[:size]


def storm_size(i):
    if i % 11 == 3:
        return 0
    return (i * 7919) % 50000 + (200000 if i % 7 == 0 else 0) + 1


# --- host tools -----------------------------------------------------------

def e2fs(name):
    path = shutil.which(name, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    if not path:
        raise RuntimeError(f"{name} not found: install e2fsprogs (make deps)")
    return path


def make_image(path, size_mib, block_size):
    if os.path.exists(path):
        os.unlink(path)
    with open(path, "wb") as f:
        f.truncate(size_mib << 20)
    subprocess.run([e2fs("mke2fs"), "-q", "-F", "-t", "ext2", "-b", str(block_size), path], check=True,
                   capture_output=True, timeout=60)


def fsck(img, repair=False):
    """(exit status, output) of e2fsck -fn (or -fy)."""
    p = subprocess.run([e2fs("e2fsck"), "-fy" if repair else "-fn", img], capture_output=True, text=True,
                       timeout=120)
    return p.returncode, p.stdout + p.stderr


def debugfs_cat(img, path):
    """The file's bytes as debugfs reads them, or None if it has no such file."""
    p = subprocess.run([e2fs("debugfs"), "-R", f"cat {path}", img], capture_output=True, timeout=120)
    if b"File not found" in p.stderr or p.returncode:
        return None
    return p.stdout


def fs_state(img):
    """The superblock's state as dumpe2fs -h says it: "clean", "not clean"..."""
    p = subprocess.run([e2fs("dumpe2fs"), "-h", img], capture_output=True, text=True, timeout=60)
    m = re.search(r"^Filesystem state:\s+(.*)$", p.stdout, re.M)
    return m.group(1).strip() if m else "(no state)"


def debugfs_stat(img, path):
    p = subprocess.run([e2fs("debugfs"), "-R", f"stat {path}", img], capture_output=True, text=True, timeout=60)
    return p.stdout


def tinyos_run(build, img, prog, args, log, timeout=BOOT_TIMEOUT):
    """Boots prog as PID 1 with img as /dev/vda. Returns (status, stdout)."""
    cmd = [sys.executable, os.path.join(ROOT, "tools", "tinyos-run"), "--timeout", str(timeout),
           "--kernel", os.path.join(build, "tinyos.elf"), "--kernel-log", log, "--disk", img,
           prog] + list(args)
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout + 60, start_new_session=True)
    except subprocess.TimeoutExpired:
        return "hung", ""
    return p.returncode, p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")


def log_tail(path, n=10):
    try:
        return "\n      ".join(open(path, errors="replace").read().strip().splitlines()[-n:])
    except OSError:
        return "(no log)"


def workdir(build):
    d = os.path.join(build, "test-logs", "disk")
    os.makedirs(d, exist_ok=True)
    return d


def guest_lines(out):
    """The ok / not ok lines of a guest program as (name, ok, why)."""
    return [(m.group(2), m.group(1) == "ok", m.group(0)) for m in re.finditer(r"^(ok|not ok) - (.*)$", out, re.M)]


# --- persist-BS: two tinyos-run boots ------------------------------------

HOST_FILES = [  # (path in the image, expected bytes) the host checks after boot 1
    ("/persist/empty", b""), ("/persist/one", b"x"), ("/persist/page", pattern(3, 4096)),
    ("/persist/mib", pattern(4, 1 << 20)), ("/persist/mib.hard", pattern(4, 1 << 20)),
    ("/persist/shrunk", pattern(5, 5000)), ("/persist/to/moved", b"moved\n"),
    ("/persist/" + "/".join(f"d{i}" for i in range(20)) + "/leaf", b"deep\n"),
]


def check_persist(build, block_size):
    name = f"check/disk-persist-{block_size}"
    wd = workdir(build)
    img = os.path.join(wd, f"persist-{block_size}.img")
    prog = os.path.join(build, "user", "tests", "disk_persist_test")
    make_image(img, 64, block_size)
    results = []
    for step in ("write", "verify"):
        log = os.path.join(wd, f"persist-{block_size}-{step}.klog")
        code, out = tinyos_run(build, img, prog, [step], log)
        with open(os.path.join(wd, f"persist-{block_size}-{step}.out"), "w") as f:
            f.write(out)
        results += [(f"{name}/{step}/{n}", ok, why) for n, ok, why in guest_lines(out)]
        results.append((f"{name}/{step}", code == 0,
                        f"exit status {code}\n    output: {out[-800:]}\n    kernel log:\n      {log_tail(log)}"))
        rc, text = fsck(img)
        results.append((f"{name}/{step}/e2fsck-clean", rc == 0, f"e2fsck -fn status {rc}:\n{text[-1500:]}"))
        if step == "write":
            for path, want in HOST_FILES:
                got = debugfs_cat(img, path)
                results.append((f"{name}/debugfs{path[:60]}", got == want,
                                "missing" if got is None else f"{len(got)} bytes, want {len(want)}"
                                if len(got) != len(want) else "different bytes"))
            sparse = debugfs_cat(img, "/persist/sparse")
            results.append((f"{name}/debugfs/persist/sparse", sparse is not None and len(sparse) == 10 * 2**20 + 1
                            and sparse[-1:] == b"S" and not sparse[:-1].strip(b"\0"), "wrong sparse file"))
            st = debugfs_stat(img, "/persist/mib")
            results.append((f"{name}/debugfs-links-count", re.search(r"Links: 2\b", st) is not None, st[:300]))
            st = debugfs_stat(img, "/persist/slow-link")
            results.append((f"{name}/debugfs-slow-symlink", "Type: symlink" in st, st[:300]))
        if code != 0 and step == "write":
            break
    return results + check_df_like_linux(build, img, name)


def check_df_like_linux(build, img, name):
    """Tiny OS's df (statfs of its ext2) against coreutils' df of Linux's
    ext2 on the same image (a read-only loop mount here): the same
    numbers. The host needs loop devices; without them a SKIP line."""
    wd = workdir(build)
    code, out = tinyos_run(build, img, os.path.join(build, "user", "bin", "sh"),
                           ["-c", "mkdir /mnt && mount -o ro /dev/vda /mnt && df /mnt && df -h /mnt && umount /mnt"],
                           os.path.join(wd, "df-like-linux.klog"))
    loop = subprocess.run(["losetup", "-f", "--show", "-r", img], capture_output=True, text=True)
    if loop.returncode:
        print(f"SKIP {name}/df-like-linux: no loop device on this host")
        return []
    dev, mnt = loop.stdout.strip(), os.path.join(wd, "df-mnt")
    os.makedirs(mnt, exist_ok=True)
    try:
        if subprocess.run(["mount", "-t", "ext2", "-o", "ro", dev, mnt], capture_output=True).returncode:
            print(f"SKIP {name}/df-like-linux: cannot mount ext2 on this host")
            return []
        try:
            want = subprocess.run(["df", mnt], capture_output=True, text=True).stdout + \
                subprocess.run(["df", "-h", mnt], capture_output=True, text=True).stdout
        finally:
            subprocess.run(["umount", mnt])
    finally:
        subprocess.run(["losetup", "-d", dev])
    # The same table but for the names (/dev/loopN on a host directory);
    # the columns' widths may differ with them, so compare word by word.
    want = want.replace(dev, "/dev/vda").replace(mnt, "/mnt")
    got = out.strip() + "\n"
    return [(f"{name}/df-like-linux", code == 0 and got.split() == want.split(),
             f"status {code}\n--- Linux\n{want}\n--- Tiny OS\n{got}")]


# --- make-run: the user's path, twice -------------------------------------

PROMPT = b"tinyos:/$ "


class Console:
    """`make run-now` on a pseudo-terminal, as a user at a terminal has it."""

    def __init__(self, build, img, fresh, log):
        master, slave = pty.openpty()
        env = dict(os.environ, DISPLAY="")
        cmd = ["make", "--no-print-directory", "-s", "run-now", f"BUILD={build}", f"DISK={img}"] + \
            (["FRESH=1"] if fresh else [])
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     start_new_session=True)
        os.close(slave)
        self.fd, self.buf, self.log = master, b"", log

    def wait_for(self, want, seconds):
        start = len(self.buf)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if want in self.buf[start:]:
                return True
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    break
                if not data:
                    break
                self.buf += data
        return want in self.buf[start:]

    def type(self, text):
        os.write(self.fd, text.encode())

    def finish(self, seconds):
        """Waits for QEMU to end by itself; True if it did."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.proc.poll() is None:
            self.wait_for(b"\0never\0", 0.5)
        ended = self.proc.poll() is not None
        if not ended:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.fd)
        with open(self.log, "wb") as f:
            f.write(self.buf)
        return ended

    def tail(self):
        return self.buf.decode("utf-8", "replace")[-700:].replace("\n", "\n      ")


def check_make_run(build, logdir):
    name = "check/disk-make-run"
    wd = workdir(build)
    img = os.path.join(wd, "make-run.img")
    if os.path.exists(img):
        os.unlink(img)
    results = []
    # Boot 1: a fresh disk; write a file in the shell, power off.
    c = Console(build, img, True, os.path.join(wd, "make-run-1.log"))
    ok = c.wait_for(PROMPT, BOOT_TIMEOUT)
    results.append((f"{name}/first-boot-reaches-the-shell", ok, c.tail()))
    if ok:
        c.type("echo kept-$((6*7)) > /root/note && cat /root/note\r")
        results.append((f"{name}/writes-a-file", c.wait_for(b"kept-42", 60), c.tail()))
        c.type("df / | tail -1 | grep -c ' /$'\r")
        results.append((f"{name}/df-shows-the-root", c.wait_for(b"\n1\r", 60), c.tail()))
        c.type("poweroff\r")
        results.append((f"{name}/poweroff-powers-off", c.wait_for(b"reboot: Power down", 120), c.tail()))
    results.append((f"{name}/first-boot-ends", c.finish(120), c.tail()))
    made = b"mkdisk:" in c.buf
    results.append((f"{name}/fresh-makes-the-image", made and os.path.isfile(img), c.tail()))
    if not os.path.isfile(img):
        return results
    rc, text = fsck(img)
    results.append((f"{name}/e2fsck-clean-after-poweroff", rc == 0, text[-1500:]))
    # init remounted / read-only before the power went: marked clean.
    state = fs_state(img)
    results.append((f"{name}/poweroff-leaves-the-state-clean", state == "clean", state))
    got = debugfs_cat(img, "/root/note")
    results.append((f"{name}/debugfs-reads-the-file", got == b"kept-42\n", repr(got)))
    # Boot 2: the same disk, kept: the file is there.
    c = Console(build, img, False, os.path.join(wd, "make-run-2.log"))
    ok = c.wait_for(PROMPT, BOOT_TIMEOUT)
    results.append((f"{name}/second-boot-reaches-the-shell", ok, c.tail()))
    if ok:
        c.type("cat /root/note\r")
        results.append((f"{name}/second-boot-reads-the-file", c.wait_for(b"kept-42", 60), c.tail()))
        c.type("rm /root/note && mkdir /root/two && echo second > /root/two/f && reboot\r")
        results.append((f"{name}/reboot-restarts", c.wait_for(b"reboot: Restarting system", 120), c.tail()))
        # make run lets QEMU reset: the machine boots again from the disk.
        ok = c.wait_for(PROMPT, BOOT_TIMEOUT)
        results.append((f"{name}/reboot-boots-again-from-the-disk", ok, c.tail()))
        if ok:
            c.type("cat /root/two/f; ls /root\r")
            results.append((f"{name}/third-boot-reads-the-second", c.wait_for(b"second", 60), c.tail()))
            c.type("poweroff\r")
            c.wait_for(b"reboot: Power down", 120)
    results.append((f"{name}/second-boot-ends", c.finish(120), c.tail()))
    results.append((f"{name}/no-second-mkdisk", b"mkdisk:" not in c.buf, "the kept disk was made again"))
    rc, text = fsck(img)
    results.append((f"{name}/e2fsck-clean-after-the-second", rc == 0, text[-1500:]))
    state = fs_state(img)
    results.append((f"{name}/reboot-and-poweroff-leave-the-state-clean", state == "clean", state))
    results.append((f"{name}/no-unchecked-warning-at-boot", b"unchecked" not in c.buf, c.tail()))
    results.append((f"{name}/debugfs-reads-the-second", debugfs_cat(img, "/root/two/f") == b"second\n"
                    and debugfs_cat(img, "/root/note") is None, "wrong /root after the second boot"))
    return results


# --- crash-BS: SIGKILL in a write storm ----------------------------------

def children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def qemu_of(pid):
    """The QEMU process tinyos-run started (its child)."""
    for child in children(pid):
        try:
            with open(f"/proc/{child}/comm") as f:
                if f.read().startswith("qemu-system"):
                    return child
        except OSError:
            pass
    return None


def check_crash(build, block_size, round_, extra_delay):
    """One crash: QEMU is killed extra_delay seconds (plus up to half a
    second, at random) after the KILL_AFTER_SYNCED-th "synced" line, so
    the kill lands at a different point of the storm each time: inside
    a churn write, an fsync, between them. Nothing depends on how long
    anything takes: the delay only moves the kill."""
    name = f"check/disk-crash-{block_size}-{round_}"
    wd = workdir(build)
    img = os.path.join(wd, f"crash-{block_size}-{round_}.img")
    log = os.path.join(wd, f"crash-{block_size}-{round_}.klog")
    make_image(img, 128, block_size)
    prog = os.path.join(build, "user", "tests", "fsync_storm")
    cmd = [sys.executable, os.path.join(ROOT, "tools", "tinyos-run"), "--timeout", str(STORM_DEADLINE + 60),
           "--kernel", os.path.join(build, "tinyos.elf"), "--kernel-log", log, "--disk", img, prog]
    err = open(os.path.join(wd, f"crash-{block_size}-{round_}.stderr"), "wb")
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, start_new_session=True)
    lines = queue.Queue()

    def reader():
        for line in p.stdout:
            lines.put(line.decode("utf-8", "replace"))
        lines.put(None)

    threading.Thread(target=reader, daemon=True).start()
    out, synced, killed, eof = [], {}, False, False

    def take(line):
        out.append(line)
        m = re.match(r"synced (storm/f\d{5}) (\d+)$", line.strip())
        if m:
            synced[m.group(1)] = int(m.group(2))

    deadline = time.monotonic() + STORM_DEADLINE
    while not eof and len(synced) < KILL_AFTER_SYNCED and time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        if line is None:
            eof = True
        else:
            take(line)
    # The crash: QEMU dies at once, whatever the guest was doing.
    kill_at = time.monotonic() + extra_delay + random.uniform(0, 0.5)
    while not eof and time.monotonic() < kill_at:
        try:
            line = lines.get(timeout=max(0.01, kill_at - time.monotonic()))
        except queue.Empty:
            continue
        if line is None:
            eof = True
        else:
            take(line)
    q = qemu_of(p.pid)
    if q:
        os.kill(q, signal.SIGKILL)
        killed = True
    try:
        p.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    while not eof:  # what was printed before the kill still counts
        try:
            line = lines.get(timeout=10)
        except queue.Empty:
            break
        if line is None:
            break
        take(line)
    err.close()
    with open(os.path.join(wd, f"crash-{block_size}-{round_}.out"), "w") as f:
        f.writelines(out)
    results = [(f"{name}/storm-synced-{KILL_AFTER_SYNCED}-files-then-was-killed",
                killed and len(synced) >= KILL_AFTER_SYNCED,
                f"killed={killed}, {len(synced)} synced; output tail: {''.join(out[-5:])}\n"
                f"    kernel log:\n      {log_tail(log)}")]
    if not synced:
        return results
    rc, text = fsck(img, repair=True)
    with open(os.path.join(wd, f"crash-{block_size}-{round_}.e2fsck"), "w") as f:
        f.write(text)
    # 0: nothing to fix, 1: errors fixed. 4 and up: left unfixed.
    results.append((f"{name}/e2fsck-fy-repairs", rc in (0, 1), f"e2fsck -fy status {rc}:\n{text[-1500:]}"))
    rc, text = fsck(img)
    results.append((f"{name}/e2fsck-fn-clean-after-repair", rc == 0, f"status {rc}:\n{text[-1500:]}"))
    bad = []
    for path, size in sorted(synced.items()):
        i = int(path[-5:])
        want = pattern(i, storm_size(i))
        if size != len(want):
            bad.append(f"{path}: the guest said {size} bytes, the formula {len(want)}")
            continue
        got = debugfs_cat(img, "/" + path)
        if got != want:
            bad.append(f"{path}: " + ("missing" if got is None else f"{len(got)} bytes, "
                                      f"{'right' if got == want[:len(got)] else 'wrong'} contents"))
    results.append((f"{name}/every-synced-file-intact-by-debugfs", not bad,
                    f"{len(bad)} of {len(synced)} bad: " + "; ".join(bad[:8])))
    # A second boot reads them too, through Tiny OS's ext2.
    n = 1 + max(int(p_[-5:]) for p_ in synced)
    code, out2 = tinyos_run(build, img, prog, ["/dev/vda", "/mnt", "verify", str(n)],
                            os.path.join(wd, f"crash-{block_size}-{round_}-verify.klog"))
    bad_boot = [line for line in out2.splitlines() if line.startswith("not ok")]
    results.append((f"{name}/second-boot-reads-every-synced-file", code == 0 and not bad_boot,
                    f"status {code}; {len(bad_boot)} bad: {' | '.join(bad_boot[:5])}\n    {out2[-500:]}"))
    rc, text = fsck(img)
    results.append((f"{name}/e2fsck-clean-after-the-second-boot", rc == 0, f"status {rc}:\n{text[-1500:]}"))
    return results


def check_persist_all(build, logdir):
    return check_persist(build, 1024) + check_persist(build, 4096)


# Four kills: two points per block size (each moved by up to half a
# second more at random), so every run lands at other moments of the
# storm; six rounds cost the suite twelve seconds more for little more.
CRASH_ROUNDS = [(4096, 0.0), (4096, 1.0), (1024, 0.3), (1024, 1.5)]


def check_crash_all(build, logdir):
    results = []
    for round_, (block_size, delay) in enumerate(CRASH_ROUNDS):
        results += check_crash(build, block_size, round_, delay)
    return results
