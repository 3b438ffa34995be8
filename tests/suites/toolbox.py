"""toolbox.py - the toolbox of the root file system: Debian's busybox-static
as /usr/bin/busybox with a link for each applet we do not provide (Makefile,
rootfs rules), beside our own programs in /bin.

busybox-applets runs tests/data/applets.sh (sed, awk, find, xargs, diff,
cmp, tar, gzip/gunzip, od, dd, sort, head/tail, expr, du, df, tty, stty,
md5sum ...) with the same busybox on Tiny OS and on the host: one boot.
busybox sh runs its own applets in-process (Debian builds it "standalone"),
so this exercises the applets on our kernel; toolbox-path checks that the
links are there and that PATH /bin:/sbin:/usr/bin finds ours first.

Our own programs' options, differential: ls-options runs under our sh on
Tiny OS (our ls) and on the host, where PATH finds GNU coreutils;
grep-options under busybox sh calling /bin/grep (ours there, GNU grep
here). ps has no common oracle inside the guest: ps-aux-ef checks its
shapes on Tiny OS, tests/tools/test_ps.py compares it with procps on the
host. Boots: vi-less-top-serial (serial console) and the CHECKS
vga-vi-less (VGA screen, PS/2 keyboard) and readme-session (make run).
"""
import os

import readme_session
import vga_console

HERE = os.path.dirname(os.path.abspath(__file__))


def data(name):
    with open(os.path.join(HERE, "..", "data", name)) as f:
        return f.read()


APPLETS = data("applets.sh").encode()

# Ours stay ours (ls, sort, df, mount: /bin); the others are BusyBox's.
PATH_SCRIPT = ("which ls sort df mount sed awk vi less top find; readlink /usr/bin/vi;"
               " [ -L /usr/bin/ls ] || [ -e /usr/bin/ls ] || echo no /usr/bin/ls;"
               " [ -x /usr/bin/busybox ] && echo busybox ok")

USER_TESTS = [
    dict(name="busybox-applets", path="/bin/busybox", args=["sh", "-s"], stdin=APPLETS, rootfs=True,
         status=0, differential=True, timeout=60),
    dict(name="toolbox-path", bin="sh", args=["-c", PATH_SCRIPT], rootfs=True, status=0,
         stdout="/bin/ls\n/bin/sort\n/bin/df\n/bin/mount\n/usr/bin/sed\n/usr/bin/awk\n/usr/bin/vi\n"
                "/usr/bin/less\n/usr/bin/top\n/usr/bin/find\nbusybox\nno /usr/bin/ls\nbusybox ok\n"),
]
USER_TESTS += [
    dict(name="ls-options", bin="sh", args=["-c", data("ls-options.sh")], rootfs=True, status=0, differential=True),
]
# busybox sh (functions, pipes into sort) runs the grep script; it calls
# /bin/grep by path: ours on Tiny OS, GNU grep on the host.
USER_TESTS += [
    dict(name="grep-options", path="/bin/busybox", args=["sh", "-s"], stdin=data("grep-options.sh").encode(),
         rootfs=True, status=0, differential=True),
]
# ps aux / ps -ef on Tiny OS: procps-ng's headers, and rows of the shell
# (PID 1, a session leader) and of ps itself in procps's column shapes.
# tests/tools/test_ps.py compares the same binary with procps on the host.
PS_SCRIPT = r"""ps aux | head -1; ps -ef | head -1
ps aux | grep -cE '^root +1 +[0-9.]+ +[0-9]+\.[0-9] +[0-9]+ +[0-9]+ \? +S[<NLsl+]* +[0-9]{2}:[0-9]{2} +[0-9]+:[0-9]{2} /bin/sh -c ps aux'
ps aux | grep -cE '^root +[0-9]+ +[0-9.]+ +[0-9]+\.[0-9] +[0-9]+ +[0-9]+ \? +R +[0-9]{2}:[0-9]{2} +0:00 ps aux$'
ps -ef | grep -cE '^root +[0-9]+ +1 +[0-9]+ [0-9]{2}:[0-9]{2} \? +00:00:00 ps -ef$'
"""
USER_TESTS += [
    dict(name="ps-aux-ef", bin="sh", args=["-c", PS_SCRIPT], rootfs=True, status=0,
         stdout="USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n"
                "UID        PID  PPID  C STIME TTY          TIME CMD\n1\n1\n1\n"),
]

# vi, less and top (BusyBox's) on the serial console, at the shell's
# prompt, in one boot: vi opens a file, a line is added, :wq writes it;
# less pages a 100-line file, /row-77 searches forward, q quits; top
# shows its header and process list, q quits.
ROWS = "awk 'BEGIN { for (i = 1; i <= 100; i++) print \"row-\" i }' > n"
BOOTS = [
    dict(name="vi-less-top-serial", rootfs=True, timeout=60, exit="stopped", stop_when="top-done",
         script=[("tinyos:/$ ", "cd /tmp && printf 'line one\\nline two\\n' > f && vi f\r"),
                 # ESC, then ':' only once vi is back in command mode: keys
                 # that follow ESC within 50 ms are read as an escape
                 # sequence (BusyBox's read_key), as on Linux.
                 ("- f 1/2 50%", "Goinserted text\x1b"),
                 ("- f [Modified] 3/3", ":wq\r"),
                 ("tinyos:/tmp$ ", f"cat f; {ROWS}; less n; echo less-\"exit\"\r"),
                 ("row-20", "/row-77\r"),
                 ("row-90", "q"),
                 ("less-exit", "top; echo top-\"done\"\r"),
                 ("Load average", "q")],
         expect=[r"(?m)^line one\nline two\ninserted text$", r"row-77", r"less-exit\ntinyos:/tmp\$ top",
                 r"PID +PPID +USER +STAT +VSZ", r"top-done"],
         reject=[r"row-10[1-9]"]),
]

# vi and less on the VGA console, typed on the PS/2 keyboard and read back
# from the screen's memory (tests/vga_console.py): one boot of ~10 s.
# README.md's session as `make run` prints it (tests/readme_session.py):
# one boot from a fresh disk image, ~20 s.
CHECKS = [
    dict(name="vga-vi-less", run=vga_console.check_vi_less),
    dict(name="readme-session", run=readme_session.check_session),
]
