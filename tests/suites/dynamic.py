"""dynamic.py - Debian's own dynamically linked programs on Tiny OS (issue
11): glibc's ld.so loads them and Debian's shared libraries, brought by
tools/tinyos-run at their host paths. Every entry is differential: the
same program runs on this host, and stdout and exit status must match.
Scripts run under Debian's dash with Debian's tools named by full path
(/bin is Tiny OS's own userland there).
"""

L = "/usr/lib/x86_64-linux-gnu"
I = "/usr/include"
GCC = "/usr/lib/gcc/x86_64-linux-gnu/12"
COREUTILS = ["/usr/bin/" + p for p in ("touch", "ls", "sort", "wc", "md5sum", "seq", "date", "rm", "mkdir", "cat")]
# What tcc and gcc open to build a hello world (found with strace on the host).
HEADERS = [f"{I}/{h}" for h in ("features-time64.h", "features.h", "stdc-predef.h", "stdio.h", "string.h",
                                "strings.h")] + [f"{I}/x86_64-linux-gnu"]
LIBC_DEV = [f"{L}/{f}" for f in ("crti.o", "crtn.o", "libc.so", "libc_nonshared.a")]
HELLO_C = ("printf '%s\\n' '#include <stdio.h>' '#include <string.h>'"
           " 'int main(void) { char b[16]; snprintf(b, sizeof b, \"%d\", 6 * 7);'"
           " '  printf(\"hello %s %zu\\\\n\", b, strlen(b)); return 3; }' > /tmp/hello.c")
PY = """
import json, re, hashlib, os, threading, subprocess, sys
r = []
t = threading.Thread(target=lambda: r.append(sum(range(1000))))
t.start(); t.join()
print("thread", r)
p = subprocess.run(["/usr/bin/seq", "3"], capture_output=True, text=True)
print("subprocess", repr(p.stdout), p.returncode)
print(json.dumps({"k": [1, 2, {"x": None}]}, sort_keys=True))
print(re.findall(r"\\d+", "a1b22c333"))
print(hashlib.sha256(b"tiny").hexdigest())
print(sorted(os.listdir("/usr/lib/python3.11/json")))
sys.stdout.flush()
raise ValueError("boom")
"""
SQL = ("CREATE TABLE t(a INTEGER, b TEXT); BEGIN; WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c"
       " WHERE x < 10000) INSERT INTO t SELECT x, 'row' || x FROM c; COMMIT;"
       " SELECT count(*), sum(a), max(b), min(length(b)) FROM t;")
GIT_ENV = ("export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t"
           " GIT_AUTHOR_DATE='1000000000 +0000' GIT_COMMITTER_DATE='1000000000 +0000'")

USER_TESTS = [
    dict(name="dyn-coreutils", path="/bin/dash", host_files=COREUTILS, status=0, differential=True, timeout=60,
         args=["-c", "cd /tmp && /usr/bin/mkdir -p dyn && cd dyn && /usr/bin/touch -d @0 a b && /usr/bin/ls -l"
               " && /usr/bin/seq 10 | /usr/bin/sort -r | /usr/bin/wc -l && echo hi | /usr/bin/md5sum"
               " && /usr/bin/date -u -d @0 && /usr/bin/ls -a --color=never . && cd /tmp && /usr/bin/rm -r dyn"]),
    dict(name="dyn-grep-sed-mawk-dash", path="/bin/dash", status=0, differential=True, timeout=60,
         host_files=["/usr/bin/grep", "/usr/bin/sed", "/usr/bin/mawk", "/usr/bin/seq", "/usr/bin/wc"],
         args=["-c", "printf 'a 1\\nb 2\\nc 3\\n' | /usr/bin/grep -v b | /usr/bin/sed s/a/A/"
               " | /usr/bin/mawk '{s+=$2; print} END {print s, NR}'; n=$(/usr/bin/seq 5 | /usr/bin/wc -l);"
               " for i in $(/usr/bin/seq $n); do printf '%s ' $((i * i)); done; echo; f() { echo \"f:$1\"; };"
               " f \"$(echo nested $(echo deep))\"; /usr/bin/grep -c x /nonexistent; echo status $?"]),
    dict(name="dyn-python3", path="/usr/bin/python3", host_files=["/usr/lib/python3.11", "/usr/bin/seq"],
         args=["-c", PY], status=1, differential=True, memory="256M", timeout=90),
    dict(name="dyn-perl", path="/usr/bin/perl", status=0, differential=True, timeout=60,
         args=["-e", 'my %h = (b => 2, a => 1); print join(",", map { "$_=$h{$_}" } sort keys %h), "\\n";'
               ' my $s = "hello world 42"; if ($s =~ /(\\w+) (\\d+)$/) { print "$1 $2\\n" }'
               ' printf "%.3f\\n", 355/113;']),
    dict(name="dyn-sqlite3", path="/bin/dash", host_files=["/usr/bin/sqlite3", "/usr/bin/rm"], status=0,
         differential=True, timeout=90,
         args=["-c", f"/usr/bin/rm -f /tmp/dyn.db; echo \"{SQL}\" | /usr/bin/sqlite3 /tmp/dyn.db;"
               " /usr/bin/sqlite3 /tmp/dyn.db 'SELECT count(*) FROM t WHERE a % 7 = 0'; /usr/bin/rm /tmp/dyn.db"]),
    dict(name="dyn-tcc-compiles-and-runs", path="/bin/dash", status=3, differential=True, timeout=90,
         host_files=["/usr/bin/tcc", f"{L}/tcc", f"{L}/crt1.o", "/usr/bin/rm"] + LIBC_DEV + HEADERS,
         args=["-c", f"cd /tmp && {HELLO_C} && /usr/bin/tcc -o hello hello.c && ./hello;"
               " s=$?; /usr/bin/rm -f hello hello.c; exit $s"]),
    dict(name="dyn-git", path="/bin/dash", status=0, differential=True, timeout=90,
         host_files=["/usr/bin/git", "/usr/lib/git-core", "/usr/share/git-core", "/usr/bin/rm"],
         args=["-c", f"cd /tmp && /usr/bin/rm -rf dyngit && mkdir dyngit && cd dyngit && {GIT_ENV}"
               " && /usr/bin/git init -q -b main . && echo hi > f && /usr/bin/git add f"
               " && /usr/bin/git commit -q -m first && echo more >> f && /usr/bin/git commit -q -am second"
               " && /usr/bin/git log --format='%H %s' && /usr/bin/git status --short && cd /tmp"
               " && /usr/bin/rm -rf dyngit"]),
    dict(name="dyn-gcc-compiles-and-runs", path="/bin/dash", status=3, differential=True, timeout=120,
         memory="256M",
         host_files=["/usr/bin/gcc", "/usr/bin/as", "/usr/bin/ld", "/usr/bin/rm"] +
         [f"{GCC}/{f}" for f in ("cc1", "collect2", "crtbeginS.o", "crtendS.o", "include", "libgcc.a",
                                 "libgcc_s.so", "liblto_plugin.so")] +
         [f"{L}/Scrt1.o", f"{L}/libgcc_s.so.1"] + LIBC_DEV + HEADERS,
         args=["-c", f"cd /tmp && {HELLO_C} && /usr/bin/gcc -o hello hello.c && ./hello;"
               " s=$?; /usr/bin/rm -f hello hello.c; exit $s"]),
    # Ten python3 processes share the pages of python3 and the libraries
    # (Tiny OS only: the figures are printed into the log).
    dict(name="dyn-python3-shares-pages", path="/usr/bin/python3", status=0, memory="256M", timeout=120,
         host_files=["/usr/bin/python3", "/usr/lib/python3.11", "{root}/tests/data/python_sharing.py"],
         args=["{root}/tests/data/python_sharing.py"]),
    # ld.so's own errors: a library nobody has (status 127, its message on stderr).
    dict(name="dyn-missing-library", prog="dyn_needs_lib", status=127, differential=True, stdout=""),
    # A library that is there but cut short: ld.so's "file too short", 127.
    dict(name="dyn-truncated-library", path="/bin/dash", status=0, differential=True,
         host_files=["{build}/user/tests/dyn_needs_lib", "{build}/user/tests/libtinydyn.so", "/usr/bin/head",
                     "/usr/bin/mkdir", "/usr/bin/rm"],
         args=["-c", "/usr/bin/mkdir -p /tmp/tl && /usr/bin/head -c 300 {build}/user/tests/libtinydyn.so"
               " > /tmp/tl/libtinydyn.so && LD_LIBRARY_PATH=/tmp/tl {build}/user/tests/dyn_needs_lib 2>&1;"
               " echo status $?; LD_LIBRARY_PATH={build}/user/tests {build}/user/tests/dyn_needs_lib;"
               " /usr/bin/rm -r /tmp/tl"]),
    # The interpreter itself: good, missing, unreadable, not ELF, another
    # machine's, cut short, a bad PT_INTERP (files made by the test).
    dict(name="elf-interpreter-errors", prog="elf_interp_test", status=0, differential=True),
]
