"""elfdeps: the host files a dynamically linked program needs, found as
glibc's dynamic linker would find them, by reading the ELF files (never
by running anything).

  elfdeps.needed(paths) -> sorted list of host paths: each ELF's
  interpreter (PT_INTERP) and, transitively, the shared libraries its
  DT_NEEDED entries name, searched in the object's DT_RPATH (when it has
  no DT_RUNPATH), then its DT_RUNPATH, then the directories of
  /etc/ld.so.conf (and the files it includes), then the multiarch and
  default directories. $ORIGIN, $LIB and $PLATFORM are expanded. A
  library that cannot be found is left out: ld.so reports it at run time,
  as on Linux.

  elfdeps.host_closure(host_files, progs) -> the host paths to bring for
  host files or trees and programs: the host files themselves, what every
  ELF file among them (or inside the trees) and progs need, and the
  dynamic linker's cache.

Used by tools/tinyos-run (PROG and --host-file) and tools/mkinitrd
(--host-deps, which `make run HOST_FILES=...` uses).
"""
import glob
import os
import struct

PT_INTERP, PT_DYNAMIC, PT_LOAD = 3, 2, 1
DT_NULL, DT_NEEDED, DT_STRTAB, DT_RPATH, DT_RUNPATH = 0, 1, 5, 15, 29
DEFAULT_DIRS = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"]


class Elf:
    """What the loader reads of an ELF64 little-endian x86-64 file."""

    def __init__(self, path):
        self.path = path
        self.interp = None
        self.needed = []
        self.rpath = []
        self.runpath = []
        with open(path, "rb") as f:
            data = f.read()
        if len(data) < 64 or data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise ValueError("not an ELF64 little-endian file")
        (phoff,) = struct.unpack_from("<Q", data, 32)
        phentsize, phnum = struct.unpack_from("<HH", data, 54)
        loads, dynamic = [], None
        for i in range(phnum):
            off = phoff + i * phentsize
            if off + 56 > len(data):
                break
            p_type, _flags, p_offset, p_vaddr, _paddr, p_filesz = struct.unpack_from("<IIQQQQ", data, off)
            if p_type == PT_INTERP:
                self.interp = data[p_offset:p_offset + p_filesz].split(b"\0")[0].decode()
            elif p_type == PT_LOAD:
                loads.append((p_vaddr, p_offset, p_filesz))
            elif p_type == PT_DYNAMIC:
                dynamic = (p_offset, p_filesz)
        if not dynamic:
            return

        def file_offset(vaddr):
            for v, o, sz in loads:
                if v <= vaddr < v + sz:
                    return o + vaddr - v
            return None

        entries = []
        off, end = dynamic[0], dynamic[0] + dynamic[1]
        while off + 16 <= min(end, len(data)):
            tag, val = struct.unpack_from("<qQ", data, off)
            if tag == DT_NULL:
                break
            entries.append((tag, val))
            off += 16
        strtab = next((file_offset(v) for t, v in entries if t == DT_STRTAB), None)
        if strtab is None:
            return

        def string(i):
            start = strtab + i
            return data[start:data.index(b"\0", start)].decode()

        origin = os.path.dirname(os.path.realpath(path))
        for tag, val in entries:
            if tag == DT_NEEDED:
                self.needed.append(string(val))
            elif tag in (DT_RPATH, DT_RUNPATH):
                dirs = [expand(d, origin) for d in string(val).split(":") if d]
                (self.rpath if tag == DT_RPATH else self.runpath).extend(dirs)


def expand(d, origin):
    for key in ("$ORIGIN", "${ORIGIN}"):
        d = d.replace(key, origin)
    for key in ("$LIB", "${LIB}"):
        d = d.replace(key, "lib/x86_64-linux-gnu")
    for key in ("$PLATFORM", "${PLATFORM}"):
        d = d.replace(key, "x86_64")
    return d


def ld_so_conf(path="/etc/ld.so.conf", seen=None):
    """The directories /etc/ld.so.conf lists, includes followed."""
    seen = seen if seen is not None else set()
    if path in seen or not os.path.isfile(path):
        return []
    seen.add(path)
    dirs = []
    with open(path, errors="replace") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if not line:
                continue
            if line.startswith("include "):
                for inc in sorted(glob.glob(os.path.join(os.path.dirname(path), line[8:].strip()))):
                    dirs += ld_so_conf(inc, seen)
            else:
                dirs.append(line)
    return dirs


def is_elf(path):
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def needed(paths):
    """The interpreters and libraries the ELF files among paths need,
    transitively (the paths themselves are not included)."""
    conf = ld_so_conf()
    found, todo, done = set(), [(p, []) for p in paths if is_elf(p)], set()
    while todo:
        path, parent_rpath = todo.pop()
        real = os.path.realpath(path)
        if real in done:
            continue
        done.add(real)
        try:
            elf = Elf(path)
        except (OSError, ValueError):
            continue
        if elf.interp and os.path.exists(elf.interp):
            found.add(elf.interp)
            todo.append((elf.interp, []))
        # DT_RPATH applies to this object and what it loads, unless it has
        # DT_RUNPATH (then only DT_RUNPATH, for its own needs).
        rpath = [] if elf.runpath else elf.rpath + parent_rpath
        for lib in elf.needed:
            if "/" in lib:
                candidates = [lib]
            else:
                dirs = rpath + elf.runpath + conf + DEFAULT_DIRS
                candidates = [os.path.join(d, lib) for d in dirs]
            for c in candidates:
                if os.path.isfile(c) and is_elf(c):
                    found.add(c)
                    todo.append((c, rpath))
                    break
    return sorted(found)


def host_closure(host_files, progs=()):
    elfs = list(progs)
    for path in host_files:
        if os.path.isdir(path):
            for d, _, files in os.walk(path):
                elfs += [os.path.join(d, f) for f in files]
        else:
            elfs.append(path)
    deps = needed(sorted({os.path.realpath(p) for p in elfs if os.path.isfile(p)}))
    paths = [os.path.abspath(p) for p in host_files] + deps
    if deps and os.path.isfile("/etc/ld.so.cache"):
        paths.append("/etc/ld.so.cache")
    return paths
