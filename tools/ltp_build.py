#!/usr/bin/env python3
"""ltp_build: build the Linux Test Project's system-call tests (the build
half of `make ltp`) and describe them in a manifest for a runner.

  tools/ltp_build.py [--static] [--src DIR] [--out DIR] [-j N] [--force]

The LTP source is $LTP_SRC, or --src, or ../shared/ltp beside the
repository (a pinned checkout holding testcases/kernel/syscalls and what it
needs). It is never built in place: it is copied to OUT/src (default OUT:
build/ltp, or build/ltp-static with --static) and built there. A clone
without OUT gets a link to a per-user cache instead (~/.cache/tinyos/ltp,
or $TINYOS_LTP_CACHE; ltp-static beside it): configuring LTP and building
its library take minutes, so every clone shares one build, and make test's
regression list costs that once per user.

Steps, each timed and each skipped when its inputs did not change:
  deps       sh tools/setup-deps.sh ltp  (autoconf, automake, m4, pkg-config)
  copy       only when the source's fingerprint (a hash of every file's
             path, size and mtime) differs from OUT/src-fingerprint; then
             only the files that changed are copied (and given the current
             time, so make rebuilds just what depends on them), vanished
             ones are deleted
  autotools  what `make autotools` does less the absent Open POSIX suite:
             m4/ltp-version.m4 from VERSION, aclocal -I m4, autoconf,
             autoheader, automake -c -a
  configure  ./configure (dynamically linked against Debian's glibc), or
             ./configure LDFLAGS=-static with --static
  build      make -j N -C lib (LTP's library: must build), then with -k
             (one broken test does not stop the rest): libs (the helper
             libraries some tests link), tools/apicmds (tst_resm & co. for
             shell tests), testcases/lib (tst_checkpoint & co.), then
             every directory of testcases/kernel/syscalls through
             OUT/syscalls.mk (make -k -j N -f OUT/syscalls.mk: LTP's own
             trunk makefile stops at the first broken directory); the
             output goes to OUT/build.log, whose failed targets and error
             lines are recorded
  manifest   OUT/manifest.json (below)

A step's stamp (OUT/stamps/STEP) holds a hash of its inputs; when nothing
changed a run does no work but the dependency check. --force redoes all.

OUT/manifest.json:
  {"format": 1, "linking": "dynamic" | "static", "source": ..., "src": ...,
   "path": [directories to put on PATH: tools/apicmds, testcases/lib],
   "counts": {...}, "build_failures": [{"target", "dir", "errors"}],
   "tests": [{"name", "argv", "binary" (absolute, or null), "kind":
              "elf" | "script" | "missing", "interpreter" (scripts),
              "reason" (missing), "datafiles" (every file or directory a
              runner puts beside the binary: the union of what follows),
              "resources" ({"name", "path"} of the files the test copies
              into its temporary directory: its .resource_files),
              "helpers" (other programs built in the binary's directory
              that no runtest entry names and that the test's source or
              the directory's headers name: children it execs; for a
              script, such programs and LTP's shell commands, tst_resm &
              co., that the script names)}]}
The datafiles also hold a datafiles/ directory beside the binary and the
files the directory's Makefile installs (INSTALL_TARGETS), when present.
One entry per line of runtest/syscalls (NAME COMMAND...; # comments and
blank lines skipped), argv split as a shell would (shlex). A binary is
found by name under testcases/kernel/syscalls, else anywhere under
testcases/. Where LTP looks: tst_get_path() finds a child program on
$PATH, to which a test appends the directory it was started in; a
resource is copied from $LTPROOT/testcases/data/TEST, else
$LTPROOT/testcases/bin, else that start directory. So a runner puts the
datafiles beside the binary and either starts the test there, or puts
that directory on $PATH and makes it $LTPROOT/testcases/bin.

Exit status 0 when LTP's library built and the manifest was written (some
tests may have failed to build: see the summary), 1 otherwise.
"""
import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_SRC = os.path.normpath(os.path.join(ROOT, "..", "shared", "ltp"))
SYSCALLS = "testcases/kernel/syscalls"
# Built with -k after lib/: a failure here is recorded, not fatal.
KEEP_GOING_DIRS = ["libs", "tools/apicmds", "testcases/lib", SYSCALLS]
PATH_DIRS = ["tools/apicmds", "testcases/lib"]
MANIFEST_FORMAT = 1
BUILD_RECIPE = 2   # bump when the build step's commands change: rebuilds


def die(msg):
    print(f"ltp_build: {msg}", file=sys.stderr)
    sys.exit(1)


def log(msg):
    print(f"ltp_build: {msg}", flush=True)


def sha(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
        h.update(b"\0")
    return h.hexdigest()


class Stamps:
    """OUT/stamps/STEP holds the hash of the inputs the step last ran on."""

    def __init__(self, out, force):
        self.dir = os.path.join(out, "stamps")
        self.force = force
        os.makedirs(self.dir, exist_ok=True)

    def fresh(self, step, key):
        if self.force:
            return False
        try:
            with open(os.path.join(self.dir, step)) as f:
                return f.read().strip() == key
        except OSError:
            return False

    def set(self, step, key):
        with open(os.path.join(self.dir, step), "w") as f:
            f.write(key + "\n")

    def clear(self, *steps):
        for step in steps:
            try:
                os.unlink(os.path.join(self.dir, step))
            except FileNotFoundError:
                pass


def run(cmd, cwd, logf=None, check=True):
    """Run cmd (a list, or a string for sh -c) in cwd; print it first."""
    shown = cmd if isinstance(cmd, str) else " ".join(shlex.quote(c) for c in cmd)
    log(f"  (cd {cwd} && {shown})")
    if logf is not None:
        logf.write(f"$ {shown}\n")
        logf.flush()
    r = subprocess.run(cmd, cwd=cwd, shell=isinstance(cmd, str),
                       stdout=logf if logf is not None else None,
                       stderr=subprocess.STDOUT if logf is not None else None)
    if check and r.returncode != 0:
        die(f"failed ({r.returncode}): {shown}" +
            (f"; see {logf.name}" if logf is not None else ""))
    return r.returncode


# --- copy ---------------------------------------------------------------

def source_files(src):
    """{relative path: [size, mtime_ns, mode]} of every file and symlink."""
    files = {}
    for d, dirs, names in os.walk(src):
        dirs[:] = [x for x in dirs if x != ".git"]
        for n in names:
            p = os.path.join(d, n)
            st = os.lstat(p)
            files[os.path.relpath(p, src)] = [st.st_size, st.st_mtime_ns, st.st_mode]
    return files


def fingerprint(files):
    return sha(json.dumps(sorted(files.items())))


def sync(src, dst, files, old):
    """Make dst hold src's files: copy those new or changed since the last
    copy (old, the last list), delete those gone from src. Files made by
    the build are not touched. Returns (copied, deleted)."""
    copied = deleted = 0
    for rel in sorted(set(old) - set(files)):
        p = os.path.join(dst, rel)
        if os.path.lexists(p) and not os.path.isdir(p):
            os.unlink(p)
            deleted += 1
    for rel, meta in sorted(files.items()):
        s, d = os.path.join(src, rel), os.path.join(dst, rel)
        if old.get(rel) == meta and os.path.lexists(d):
            continue
        os.makedirs(os.path.dirname(d), exist_ok=True)
        if os.path.lexists(d) or os.path.isdir(d):
            if os.path.isdir(d) and not os.path.islink(d):
                shutil.rmtree(d)
            else:
                os.unlink(d)
        if stat.S_ISLNK(meta[2]):
            os.symlink(os.readlink(s), d)
        else:
            shutil.copy2(s, d)
            # shared/ may come without write bits; the build writes here.
            os.chmod(d, stat.S_IMODE(meta[2]) | stat.S_IWUSR)
            if old:
                # Changed since the last build: newer than what was built
                # from it, even if its own mtime went back (a revert).
                os.utime(d)
        copied += 1
    for d, dirs, _ in os.walk(dst):
        for x in dirs:
            p = os.path.join(d, x)
            if not os.path.islink(p):
                os.chmod(p, os.stat(p).st_mode | stat.S_IWUSR)
    return copied, deleted


def test_dirs(src, names):
    """The directories of testcases/kernel/syscalls that build the given
    runtest entries (found by their command's source, NAME.c)."""
    entries = dict(parse_runtest(os.path.join(src, "runtest", "syscalls")))
    top = os.path.join(src, SYSCALLS)
    dirs = set()
    for name in names:
        if name not in entries:
            die(f"{name}: not in runtest/syscalls")
        prog = entries[name][0]
        found = [d for d in os.listdir(top) if os.path.isfile(os.path.join(top, d, prog + ".c"))]
        if not found:
            die(f"{name}: no source {prog}.c under {SYSCALLS}")
        dirs.update(found)
    return sorted(dirs)


def write_leaves_makefile(out, src, trunk, only=None):
    """LTP's trunk makefile runs its directories one after another in a
    `set -e` shell loop, so the first directory with a broken test stops
    all that follow, -k or not. This makefile has one target per directory
    (each a leaf: LTP's library and libs/ are built by then), so make -k
    goes on past a broken one and -j runs directories side by side."""
    top = os.path.join(src, trunk)
    dirs = only or sorted(d for d in os.listdir(top) if os.path.isfile(os.path.join(top, d, "Makefile")))
    path = os.path.join(out, "syscalls.mk")
    with open(path, "w") as f:
        f.write("# Written by tools/ltp_build.py: every directory of %s, made -k.\n" % trunk)
        f.write("TOP := %s\nDIRS := %s\n" % (top, " ".join(dirs)))
        f.write(".PHONY: all $(DIRS)\nall: $(DIRS)\n$(DIRS):\n"
                "\t+@$(MAKE) --no-print-directory -C $(TOP)/$@ -f $(TOP)/$@/Makefile all\n")
    return path


# --- build log ----------------------------------------------------------

MAKE_ERR = re.compile(r"^make(?:\[\d+\])?: \*\*\* \[(?:(.+?):\d+: )?(.+?)\] Error \d+")
DIR_LINE = re.compile(r"^make(?:\[\d+\])?: (Entering|Leaving) directory '(.+)'")
CC_ERR = re.compile(r"(?:^|\s)(?:fatal )?error: |undefined reference to |^collect2: ")


def build_failures(logpath, src):
    """Targets make reported failing (not the directories and 'all' that
    fail because something in them did), each with its directory and the
    compiler or linker error lines that name it. LTP's recursive makes
    print no directory lines, so a target's directory is where its
    source is."""
    failures, errors, cur = [], [], [src]
    with open(logpath, errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            m = DIR_LINE.match(line)
            if m:
                if m.group(1) == "Entering":
                    cur.append(m.group(2))
                elif len(cur) > 1:
                    cur.pop()
                continue
            m = MAKE_ERR.match(line)
            if m:
                target = m.group(2)
                if target == "all" or target.endswith("-all") or \
                        (m.group(1) or "").endswith("syscalls.mk") or \
                        os.path.isdir(os.path.join(cur[-1], target)):
                    continue
                failures.append((target, os.path.relpath(cur[-1], src)))
            elif CC_ERR.search(line):
                errors.append(line.strip())
    sources = {}
    for top in ("lib", "libs", "tools", "testcases"):
        for d, _, names in os.walk(os.path.join(src, top)):
            for n in names:
                if n.endswith(".c"):
                    sources.setdefault(n[:-2], os.path.relpath(d, src))
    out, seen = [], set()
    for target, d in failures:
        stem = os.path.splitext(os.path.basename(target))[0]
        base = re.sub(r"_(64|16)$", "", stem)
        d = sources.get(stem) or sources.get(base) or d
        if (d, target) in seen:
            continue
        seen.add((d, target))
        pat = re.compile(r"(^|[\s/(])(%s|%s)(\.[co])?[:(]" % (re.escape(stem), re.escape(base)))
        mine = [e for e in errors if pat.search(e)]
        out.append({"target": target, "dir": d, "errors": mine[:5]})
    return out


# --- manifest -----------------------------------------------------------

def is_elf(path):
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def executables(top):
    """{name: [absolute paths]} of the executable files (not .o) under top."""
    found = {}
    for d, dirs, names in os.walk(top):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(d, n)
            if n.endswith((".o", ".a", ".so", ".c", ".h")) or os.path.islink(p):
                continue
            try:
                st = os.stat(p)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode) and st.st_mode & 0o111:
                found.setdefault(n, []).append(p)
    return found


def parse_runtest(path):
    entries = []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            parts = s.split(None, 1)
            cmd = parts[1] if len(parts) > 1 else ""
            try:
                argv = shlex.split(cmd)
            except ValueError as e:
                argv = cmd.split()
                print(f"ltp_build: runtest line {lineno}: {e}", file=sys.stderr)
            entries.append((parts[0], argv))
    return entries


STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
DEFINE = re.compile(r'^\s*#\s*define\s+(\w+)\s+"([^"]*)"', re.M)
RES_INLINE = re.compile(r"\.resource_files\s*=\s*\([^)]*\)\s*\{(.*?)\}", re.S)
RES_NAMED = re.compile(r"\.resource_files\s*=\s*(\w+)")


def resource_names(bindir, name):
    """The file names the test's .resource_files lists (macros resolved
    from #defines in the directory's .c and .h files)."""
    source = test_source(bindir, name)
    if source is None:
        return []
    with open(source, errors="replace") as f:
        text = f.read()
    if "resource_files" not in text:
        return []
    bodies = [m.group(1) for m in RES_INLINE.finditer(text)]
    for m in RES_NAMED.finditer(text):
        arr = re.search(r"\b" + re.escape(m.group(1)) + r"\s*\[\s*\]\s*=\s*\{(.*?)\}", text, re.S)
        if arr:
            bodies.append(arr.group(1))
    defines = {}
    for fn in sorted(os.listdir(bindir)):
        if fn.endswith((".c", ".h")):
            with open(os.path.join(bindir, fn), errors="replace") as f:
                for k, v in DEFINE.findall(f.read()):
                    defines.setdefault(k, v)
    for k, v in DEFINE.findall(text):
        defines[k] = v
    names = []
    for body in bodies:
        body = STRING.sub(lambda m: " \"%s\" " % m.group(1), body)
        for tok in re.findall(r'"[^"]*"|\w+', body):
            if tok.startswith('"'):
                names.append(tok.strip('"'))
            elif tok in defines:
                names.append(defines[tok])
    return list(dict.fromkeys(n for n in names if n))


def test_source(bindir, name):
    """The .c file a test program is built from (fcntl34_64: fcntl34.c)."""
    for c in (name, re.sub(r"_(64|16)$", "", name)):
        p = os.path.join(bindir, c + ".c")
        if os.path.isfile(p):
            return p
    return None


def test_sources(bindir, name):
    """The test's .c file and the directory's headers."""
    src = test_source(bindir, name)
    return ([src] if src else []) + sorted(
        os.path.join(bindir, n) for n in os.listdir(bindir) if n.endswith(".h"))


def words_of(paths):
    words = set()
    for p in paths:
        with open(p, errors="replace") as f:
            words.update(re.findall(r"[\w.-]+", f.read()))
    return words


def install_targets(bindir):
    """Files a directory's Makefile installs beside its tests (INSTALL_TARGETS)."""
    mk = os.path.join(bindir, "Makefile")
    out = []
    try:
        with open(mk, errors="replace") as f:
            for line in f:
                m = re.match(r"^\s*INSTALL_TARGETS\s*[:+]?=\s*(.*)$", line)
                if m:
                    out += m.group(1).split()
    except OSError:
        pass
    return out


def write_manifest(args, src, out, failures):
    runtest = os.path.join(src, "runtest", "syscalls")
    if not os.path.isfile(runtest):
        die(f"{runtest} is missing")
    entries = parse_runtest(runtest)
    sys_exes = executables(os.path.join(src, SYSCALLS))
    all_exes = executables(os.path.join(src, "testcases"))
    used = {argv[0] for _, argv in entries if argv}
    failed_targets = {}
    for fl in failures:
        failed_targets.setdefault(os.path.basename(fl["target"]), fl)
    source_names = set()
    for d, _, names in os.walk(os.path.join(src, "testcases")):
        for n in names:
            if n.endswith(".c"):
                source_names.add(n[:-2])
    dir_cache = {}
    path_exes = {}
    for d in PATH_DIRS:
        for n, ps in executables(os.path.join(src, d)).items():
            path_exes.setdefault(n, ps[0])

    def dir_info(bindir):
        if bindir not in dir_cache:
            helpers = sorted(
                os.path.join(bindir, n) for n in os.listdir(bindir)
                if n not in used and is_exe(os.path.join(bindir, n)))
            data = []
            dd = os.path.join(bindir, "datafiles")
            if os.path.isdir(dd):
                data.append(dd)
            for t in install_targets(bindir):
                p = os.path.join(bindir, t)
                if t not in used and os.path.exists(p) and p not in data:
                    data.append(p)
            dir_cache[bindir] = (helpers, data)
        return dir_cache[bindir]

    tests, counts = [], {"elf": 0, "script": 0, "missing": 0}
    for name, argv in entries:
        t = {"name": name, "argv": argv, "binary": None}
        prog = argv[0] if argv else ""
        paths = sys_exes.get(prog) or all_exes.get(prog) or []
        if prog in failed_targets:
            # A binary left from an earlier build is stale: not used.
            fl = failed_targets[prog]
            t["kind"] = "missing"
            t["reason"] = "build failed: " + (fl["errors"][0] if fl["errors"] else fl["dir"])
        elif not paths:
            t["kind"] = "missing"
            if prog not in source_names:
                t["reason"] = f"no source for {prog!r} in this LTP checkout"
            else:
                t["reason"] = "not built"
        else:
            binary = paths[0]
            bindir = os.path.dirname(binary)
            t["binary"] = binary
            if is_elf(binary):
                t["kind"] = "elf"
            else:
                t["kind"] = "script"
                with open(binary, "rb") as f:
                    first = f.readline().decode(errors="replace").strip()
                t["interpreter"] = first[2:].strip() if first.startswith("#!") else "/bin/sh"
            res = []
            for r in resource_names(bindir, os.path.basename(binary)):
                p = os.path.join(bindir, r)
                if not os.path.exists(p):
                    p = (all_exes.get(r) or [None])[0]
                res.append({"name": r, "path": p})
            helpers, data = dir_info(bindir)
            helpers = [h for h in helpers if h != binary]
            if t["kind"] == "script":
                words = words_of([binary])
                helpers += [p for p in path_exes.values() if os.path.basename(p) in words]
            else:
                words = words_of(test_sources(bindir, os.path.basename(binary)))
            helpers = [h for h in helpers if os.path.basename(h) in words]
            t["resources"] = res
            t["helpers"] = helpers
            t["datafiles"] = list(dict.fromkeys(
                data + [r["path"] for r in res if r["path"]] + helpers))
        counts[t["kind"]] += 1
        tests.append(t)

    built = sum(1 for n, ps in sys_exes.items() for p in ps
                if is_elf(p) and n not in failed_targets)
    manifest = {
        "format": MANIFEST_FORMAT,
        "linking": "static" if args.static else "dynamic",
        "source": args.src,
        "src": src,
        "runtest": runtest,
        "path": [os.path.join(src, d) for d in PATH_DIRS],
        "counts": {
            "runtest_entries": len(entries),
            "elf_binaries_built": built,
            "entries_elf": counts["elf"],
            "entries_script": counts["script"],
            "entries_missing": counts["missing"],
            "build_failures": len(failures),
        },
        "build_failures": failures,
        "tests": tests,
    }
    tmp = os.path.join(out, "manifest.json.tmp")
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    os.replace(tmp, os.path.join(out, "manifest.json"))
    return manifest


def is_exe(p):
    try:
        st = os.stat(p)
    except OSError:
        return False
    return (stat.S_ISREG(st.st_mode) and st.st_mode & 0o111 and
            not p.endswith((".o", ".a", ".so")))


# --- main ---------------------------------------------------------------

def tool_versions():
    out = []
    for cmd in (["autoconf", "--version"], ["automake", "--version"], ["gcc", "-dumpfullversion"]):
        try:
            out.append(subprocess.run(cmd, capture_output=True, text=True).stdout.split("\n")[0])
        except OSError:
            out.append("none")
    return out


def cache_dir(name):
    """The per-user build cache: $TINYOS_LTP_CACHE (for ltp), else
    ~/.cache/tinyos/NAME."""
    if name == "ltp" and os.environ.get("TINYOS_LTP_CACHE"):
        return os.environ["TINYOS_LTP_CACHE"]
    return os.path.join(os.environ.get("HOME") or "/var/tmp", ".cache", "tinyos", name)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--static", action="store_true",
                    help="link the tests statically (./configure LDFLAGS=-static)")
    ap.add_argument("--src", default=os.environ.get("LTP_SRC") or DEFAULT_SRC,
                    help="LTP checkout (default: $LTP_SRC or ../shared/ltp)")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"),
                    help="the build directory: the output goes to BUILD/ltp (BUILD/ltp-static)")
    ap.add_argument("--out", help="output directory (default: BUILD/ltp or BUILD/ltp-static)")
    ap.add_argument("--only", nargs="+", metavar="TEST",
                    help="build LTP's library and only these tests' directories (make test's regression list)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="make -j (default 2)")
    ap.add_argument("--force", action="store_true", help="ignore the stamps, redo every step")
    args = ap.parse_args()
    args.src = os.path.abspath(args.src)
    out = os.path.abspath(args.out or os.path.join(args.build, "ltp-static" if args.static else "ltp"))
    src = os.path.join(out, "src")
    if not os.path.isfile(os.path.join(args.src, "configure.ac")):
        die(f"{args.src} is not an LTP checkout (no configure.ac); set LTP_SRC or --src")
    if not args.out and not os.path.lexists(out):
        # A clone's first build: BUILD/ltp becomes a link to the per-user
        # cache, so every clone (and make test's regression list) shares
        # one configured LTP and rebuilds only what changed.
        cache = cache_dir("ltp-static" if args.static else "ltp")
        os.makedirs(cache, exist_ok=True)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        os.symlink(cache, out)
    os.makedirs(out, exist_ok=True)
    stamps = Stamps(out, args.force)
    times = []
    t_all = time.monotonic()

    def phase(name, t0, what):
        times.append((name, time.monotonic() - t0, what))

    # deps
    t0 = time.monotonic()
    r = subprocess.run(["sh", os.path.join(HERE, "setup-deps.sh"), "ltp"])
    if r.returncode != 0:
        die("missing dependencies (see above)")
    phase("deps", t0, "present (or installed)")

    # copy
    t0 = time.monotonic()
    files = source_files(args.src)
    fp = fingerprint(files)
    fp_path = os.path.join(out, "src-fingerprint")
    list_path = os.path.join(out, "src-files.json")
    old_fp = None
    if os.path.isfile(fp_path) and os.path.isdir(src):
        with open(fp_path) as f:
            old_fp = f.read().strip()
    if old_fp == fp and not args.force:
        phase("copy", t0, "unchanged")
    else:
        old = {}
        if os.path.isfile(list_path) and os.path.isdir(src) and not args.force:
            with open(list_path) as f:
                old = json.load(f)
        else:
            shutil.rmtree(src, ignore_errors=True)
        copied, deleted = sync(args.src, src, files, old)
        with open(list_path, "w") as f:
            json.dump(files, f)
        with open(fp_path, "w") as f:
            f.write(fp + "\n")
        phase("copy", t0, f"{copied} files copied, {deleted} deleted")

    # autotools
    t0 = time.monotonic()
    ac_inputs = sorted(r for r in files if r in ("configure.ac", "VERSION") or
                       (r.startswith("m4/") and r.endswith((".m4", ".am")) and r != "m4/ltp-version.m4") or
                       (r.startswith("include/mk/") and r.endswith(".in")) or r == "lib/ltp.pc.in")
    ac_key = sha(*[f"{r}:{files[r][:2]}" for r in ac_inputs], *tool_versions())
    if stamps.fresh("autotools", ac_key) and os.path.isfile(os.path.join(src, "configure")):
        phase("autotools", t0, "cached")
    else:
        stamps.clear("autotools", "configure", "build", "manifest")
        # make autotools would also make the absent Open POSIX suite.
        run("sed -n '1{s:LTP-:m4_define([LTP_VERSION],[:;s:$:]):;p;q}' VERSION > m4/ltp-version.m4", src)
        for cmd in (["aclocal", "-I", "m4"], ["autoconf"], ["autoheader"], ["automake", "-c", "-a"]):
            run(cmd, src)
        stamps.set("autotools", ac_key)
        phase("autotools", t0, "ran")

    # configure
    t0 = time.monotonic()
    conf_cmd = ["./configure"] + (["LDFLAGS=-static"] if args.static else [])
    conf_key = sha(ac_key, conf_cmd, os.environ.get("CC", ""), os.environ.get("CFLAGS", ""))
    if stamps.fresh("configure", conf_key) and os.path.isfile(os.path.join(src, "include/mk/config.mk")):
        phase("configure", t0, "cached")
    else:
        stamps.clear("configure", "build", "manifest")
        with open(os.path.join(out, "configure.log"), "w") as lf:
            run(conf_cmd, src, lf)
        stamps.set("configure", conf_key)
        phase("configure", t0, "ran")

    # build
    t0 = time.monotonic()
    build_key = sha(fp, conf_key, args.jobs, KEEP_GOING_DIRS, BUILD_RECIPE)
    logpath = os.path.join(out, "build.log")
    if stamps.fresh("build", build_key) and os.path.isfile(os.path.join(src, "lib/libltp.a")) \
            and os.path.isfile(logpath):
        phase("build", t0, "cached")
    elif args.only:
        # Some tests: the library and their directories, no stamp (a later
        # full build still runs, reusing what this one made).
        stamps.clear("build", "manifest")
        dirs = test_dirs(src, args.only)
        with open(logpath, "w") as lf:
            run(["make", f"-j{args.jobs}", "-C", "lib"], src, lf)
            mk = write_leaves_makefile(out, src, SYSCALLS, dirs)
            rc = run(["make", "-k", f"-j{args.jobs}", "-f", mk], src, lf, check=False)
        phase("build", t0, f"{len(dirs)} directories" + (" (some targets failed)" if rc else ""))
    else:
        stamps.clear("build", "manifest")
        jobs = f"-j{args.jobs}"
        with open(logpath, "w") as lf:
            run(["make", jobs, "-C", "lib"], src, lf)
            rcs = [run(["make", "-k", jobs, "-C", d], src, lf, check=False) for d in KEEP_GOING_DIRS[:-1]]
            mk = write_leaves_makefile(out, src, KEEP_GOING_DIRS[-1])
            rcs.append(run(["make", "-k", jobs, "-f", mk], src, lf, check=False))
        stamps.set("build", build_key)
        phase("build", t0, "ran" + ("" if not any(rcs) else " (some targets failed)"))

    # manifest
    t0 = time.monotonic()
    with open(os.path.abspath(__file__), "rb") as f:
        me = f.read()
    man_key = sha(build_key, me, args.src)
    man_path = os.path.join(out, "manifest.json")
    if stamps.fresh("manifest", man_key) and os.path.isfile(man_path) and not args.only:
        with open(man_path) as f:
            manifest = json.load(f)
        phase("manifest", t0, "cached")
    else:
        manifest = write_manifest(args, src, out, build_failures(logpath, src))
        if not args.only:
            stamps.set("manifest", man_key)
        phase("manifest", t0, "written")

    c = manifest["counts"]
    print(f"ltp_build: {c['runtest_entries']} runtest entries: {c['entries_elf']} programs, "
          f"{c['entries_script']} scripts, {c['entries_missing']} without a binary")
    print(f"ltp_build: {c['elf_binaries_built']} binaries built under {SYSCALLS} "
          f"({manifest['linking']}), {c['build_failures']} targets failed to build")
    groups = {}
    for t in manifest["tests"]:
        if t["kind"] == "missing":
            reason = t["reason"]
            if reason.startswith("build failed"):
                reason = "build failed"
            elif reason.startswith("no source"):
                reason = "no source in this LTP checkout"
            groups.setdefault(reason, []).append(t["name"])
    for reason, names in sorted(groups.items()):
        more = f" and {len(names) - 12} more" if len(names) > 12 else ""
        print(f"ltp_build:   no binary, {reason}: {len(names)}: {' '.join(names[:12])}{more}")
    for fl in manifest["build_failures"][:20]:
        err = fl["errors"][0] if fl["errors"] else "(see build.log)"
        print(f"ltp_build:   failed: {fl['dir']}/{os.path.basename(fl['target'])}: {err}")
    for name, secs, what in times:
        print(f"ltp_build:   {name:<10} {secs:7.1f} s  {what}")
    print(f"ltp_build:   {'total':<10} {time.monotonic() - t_all:7.1f} s  -> {man_path}")


if __name__ == "__main__":
    main()
