"""utils.py - the everyday programs of user/bin, each run as PID 1.

Most entries are differential: the same static binary runs on this Linux
host, which must print the same. Expected texts were checked against GNU
coreutils/grep and util-linux hexdump on the host. Entries that need
several commands (mkdir -p, rm -r, cp/mv into directories) go through our
/bin/sh -c.
"""

import os
import time

MOTD = os.stat(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "user", "rootfs", "etc", "motd"))

TEXT = b"banana\napple\ncherry\napple\n10\n9\n-3\napple\n"

USER_TESTS = [
    dict(name="util-hello", bin="hello", status=0, differential=True, stdout="Hello from Ring 3!\n"),
    dict(name="util-true", bin="true", status=0, differential=True, stdout=""),
    dict(name="util-false", bin="false", status=1, differential=True, stdout=""),
    dict(name="util-echo", bin="echo", args=["hello", "world"], status=0, differential=True,
         stdout="hello world\n"),
    dict(name="util-echo-n-e", bin="echo", args=["-ne", "a\\tb\\x41\\0102\\n-n", "x"], status=0,
         differential=True, stdout="a\tbAB\n-n x"),
    dict(name="util-cat-n", bin="cat", args=["-n", "-"], stdin=b"one\ntwo\n\nthree", status=0,
         differential=True, stdout="     1\tone\n     2\ttwo\n     3\t\n     4\tthree"),
    dict(name="util-cat-missing", bin="cat", args=["/nonexistent"], status=1, differential=True, stdout=""),
    dict(name="util-wc-stdin", bin="wc", stdin=b"a b\nc\n", status=0, differential=True,
         stdout="      2       3       6\n"),
    dict(name="util-wc-l", bin="wc", args=["-l"], stdin=TEXT, status=0, differential=True, stdout="8\n"),
    dict(name="util-wc-missing", bin="wc", args=["/nonexistent"], status=1, differential=True, stdout=""),
    dict(name="util-head-n", bin="head", args=["-n", "2"], stdin=TEXT, status=0, differential=True,
         stdout="banana\napple\n"),
    dict(name="util-head-N", bin="head", args=["-3"], stdin=TEXT, status=0, differential=True,
         stdout="banana\napple\ncherry\n"),
    dict(name="util-tail-n", bin="tail", args=["-n", "2"], stdin=TEXT, status=0, differential=True,
         stdout="-3\napple\n"),
    dict(name="util-tail-plus", bin="tail", args=["-n", "+7"], stdin=TEXT, status=0, differential=True,
         stdout="-3\napple\n"),
    dict(name="util-grep-n", bin="grep", args=["-n", "an"], stdin=TEXT, status=0, differential=True,
         stdout="1:banana\n"),
    dict(name="util-grep-c-regex", bin="grep", args=["-c", "^a.*e$"], stdin=TEXT, status=0,
         differential=True, stdout="3\n"),
    dict(name="util-grep-v-i", bin="grep", args=["-vi", "APPLE"], stdin=TEXT, status=0, differential=True,
         stdout="banana\ncherry\n10\n9\n-3\n"),
    dict(name="util-grep-brackets", bin="grep", args=["[^a-z-]$"], stdin=TEXT, status=0, differential=True,
         stdout="10\n9\n-3\n"),
    dict(name="util-grep-none", bin="grep", args=["zebra"], stdin=TEXT, status=1, differential=True, stdout=""),
    dict(name="util-grep-error", bin="grep", args=["x", "/nonexistent"], status=2, differential=True,
         stdout=""),
    dict(name="util-sort", bin="sort", stdin=TEXT, status=0, differential=True,
         stdout="-3\n10\n9\napple\napple\napple\nbanana\ncherry\n"),
    dict(name="util-sort-n", bin="sort", args=["-n"], stdin=TEXT, status=0, differential=True,
         stdout="-3\napple\napple\napple\nbanana\ncherry\n9\n10\n"),
    dict(name="util-sort-ru", bin="sort", args=["-ru"], stdin=TEXT, status=0, differential=True,
         stdout="cherry\nbanana\napple\n9\n10\n-3\n"),
    dict(name="util-uniq-c", bin="uniq", args=["-c"], stdin=b"a\na\nb\na\nc\nc\nc\n", status=0,
         differential=True, stdout="      2 a\n      1 b\n      1 a\n      3 c\n"),
    dict(name="util-uniq-d", bin="uniq", args=["-d"], stdin=b"a\na\nb\na\nc\nc\nc\n", status=0,
         differential=True, stdout="a\nc\n"),
    dict(name="util-hexdump-C", bin="hexdump", args=["-C"], stdin=b"hello world, this is hexdump\x01\xff\n",
         status=0, differential=True,
         stdout="00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 2c 20 74 68 69  |hello world, thi|\n"
                "00000010  73 20 69 73 20 68 65 78  64 75 6d 70 01 ff 0a     |s is hexdump...|\n"
                "0000001f\n"),
    dict(name="util-hexdump-squeeze", bin="hexdump", args=["-C"], stdin=bytes(40), status=0, differential=True,
         stdout="00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
                "*\n"
                "00000020  00 00 00 00 00 00 00 00                           |........|\n"
                "00000028\n"),
    dict(name="util-ls-missing", bin="ls", args=["/nonexistent"], status=2, differential=True, stdout=""),
    # The initramfs keeps the host file's mtime (tools/mkinitrd; the Makefile
    # copies user/rootfs with its timestamps): ls -l shows it, not 1970. The
    # guest's clock is a day later, so the date is in the recent format.
    dict(name="util-ls-l", bin="ls", args=["-l", "/etc/motd"], rootfs=True, status=0,
         rtc=time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(MOTD.st_mtime + 86400)),
         stdout=f"-rw-r--r-- 1 root root {MOTD.st_size} {time.strftime('%b %e %H:%M', time.gmtime(MOTD.st_mtime))}"
                " /etc/motd\n"),
    dict(name="util-ls-dirs", bin="ls", args=["-d", "/etc", "/sbin/init", "/bin/ls"], rootfs=True, status=0,
         stdout="/bin/ls\n/etc\n/sbin/init\n"),
    dict(name="util-rmdir-busy", bin="rmdir", args=["/etc"], rootfs=True, status=1, stdout=""),
    dict(name="util-kill-l", bin="kill", args=["-l", "9"], status=0, differential=True, stdout="KILL\n"),
    dict(name="util-kill-nosuch", bin="kill", args=["-s", "TERM", "99999"], status=1, differential=True,
         stdout=""),
    dict(name="util-sleep", bin="sleep", args=["0.2"], status=0, differential=True, stdout=""),
    dict(name="util-sleep-bad", bin="sleep", args=["1x"], status=1, differential=True, stdout=""),
    dict(name="util-uname", bin="uname", args=["-s"], status=0, differential=True, stdout="Linux\n"),
    dict(name="util-env", bin="env", status=0, differential=True, stdout="HOME=/\nPATH=/bin:/sbin:/usr/bin\nTERM=linux\n"),
    dict(name="util-env-cmd", bin="env", args=["-i", "A=1", "/bin/env"], rootfs=True, status=0, stdout="A=1\n"),
    dict(name="util-env-missing", bin="env", args=["/nonexistent"], status=127, differential=True, stdout=""),
    dict(name="util-printf", bin="printf", args=["%5s|%-3s|%05d|%x|%c\\n", "ab", "c", "42", "255", "xy", "z"],
         status=0, differential=True, stdout="   ab|c  |00042|ff|x\n    z|   |00000|0|\0\n"),
    dict(name="util-clear", bin="clear", status=0, differential=True, stdout="\033[H\033[2J"),
    dict(name="util-ps", bin="ps", rootfs=True, status=0, stdout="  PID  PPID STAT CMD\n    1     0 R    /bin/ps\n"),
    dict(name="util-free", bin="free", rootfs=True, status=0),
    # tr: ranges, classes, escapes, -d -s -c, and its operand errors
    dict(name="util-tr-range", bin="tr", args=["a-y", "b-z"], stdin=b"hello\n", status=0, differential=True,
         stdout="ifmmp\n"),
    dict(name="util-tr-classes", bin="tr", args=["[:lower:]", "[:upper:]"], stdin=b"Hello World 42\n", status=0,
         differential=True, stdout="HELLO WORLD 42\n"),
    dict(name="util-tr-pad-set2", bin="tr", args=["abc", "x"], stdin=b"aabbcd\n", status=0, differential=True,
         stdout="xxxxxd\n"),
    dict(name="util-tr-escapes", bin="tr", args=["\\t\\\\", "\\n/"], stdin=b"a\tb\\c\n", status=0,
         differential=True, stdout="a\nb/c\n"),
    dict(name="util-tr-space-digit", bin="tr", args=["[:space:][:digit:]", "_#"], stdin=b"a 1\tb 22\n",
         status=0, differential=True, stdout="a##_b####"),
    dict(name="util-tr-d", bin="tr", args=["-d", "l"], stdin=b"hello\n", status=0, differential=True,
         stdout="heo\n"),
    dict(name="util-tr-s", bin="tr", args=["-s", " "], stdin=b"a  b   c\n", status=0, differential=True,
         stdout="a b c\n"),
    dict(name="util-tr-s-translate", bin="tr", args=["-s", "a-c", "x-z"], stdin=b"aabbccaa\n", status=0,
         differential=True, stdout="xyzx\n"),
    dict(name="util-tr-cd", bin="tr", args=["-cd", "[:alpha:]\\n"], stdin=b"h3ll0 w0rld!\n", status=0,
         differential=True, stdout="hllwrld\n"),
    dict(name="util-tr-c", bin="tr", args=["-c", "a-z\\n", "."], stdin=b"ab1C d\n", status=0, differential=True,
         stdout="ab...d\n"),
    dict(name="util-tr-ds", bin="tr", args=["-ds", "a", " "], stdin=b"a  aab   c\n", status=0, differential=True,
         stdout=" b c\n"),
    dict(name="util-tr-missing", bin="tr", args=["a"], status=1, differential=True, stdout=""),
    dict(name="util-tr-extra", bin="tr", args=["-d", "a", "b"], status=1, differential=True, stdout=""),
    dict(name="util-tr-bad-range", bin="tr", args=["z-a", "b"], status=1, differential=True, stdout=""),
    dict(name="util-tr-bad-class", bin="tr", args=["[:foo:]", "b"], status=1, differential=True, stdout=""),
    dict(name="util-tr-empty-set2", bin="tr", args=["a", ""], status=1, differential=True, stdout=""),
    # cut: field and byte lists, -s, its errors
    dict(name="util-cut-f-list", bin="cut", args=["-d:", "-f1,3-5,7-"], stdin=b"a:b:c:d:e:f:g:h\nnodelim\n",
         status=0, differential=True, stdout="a:c:d:e:g:h\nnodelim\n"),
    dict(name="util-cut-f-tab-s", bin="cut", args=["-s", "-f", "2"], stdin=b"a\tb\tc\nnodelim\n",
         status=0, differential=True, stdout="b\n"),
    dict(name="util-cut-c", bin="cut", args=["-c", "-2,4-"], stdin=b"hello\nworld", status=0, differential=True,
         stdout="helo\nwold\n"),
    dict(name="util-cut-b", bin="cut", args=["-b", "2"], stdin=b"abc\n", status=0, differential=True,
         stdout="b\n"),
    dict(name="util-cut-no-list", bin="cut", status=1, differential=True, stdout=""),
    dict(name="util-cut-zero", bin="cut", args=["-f", "0"], status=1, differential=True, stdout=""),
    dict(name="util-cut-decreasing", bin="cut", args=["-f", "3-1"], status=1, differential=True, stdout=""),
    dict(name="util-cut-bad-delim", bin="cut", args=["-d", "ab", "-f1"], status=1, differential=True, stdout=""),
    dict(name="util-cut-missing", bin="cut", args=["-f1", "/nonexistent"], status=1, differential=True, stdout=""),
    # basename, dirname
    dict(name="util-basename", bin="basename", args=["/usr/lib/x.c", ".c"], status=0, differential=True,
         stdout="x\n"),
    dict(name="util-basename-slashes", bin="basename", args=["/usr/lib//"], status=0, differential=True,
         stdout="lib\n"),
    dict(name="util-basename-root", bin="basename", args=["/"], status=0, differential=True, stdout="/\n"),
    dict(name="util-basename-whole-suffix", bin="basename", args=["x.c", "x.c"], status=0, differential=True,
         stdout="x.c\n"),
    dict(name="util-basename-missing", bin="basename", status=1, differential=True, stdout=""),
    dict(name="util-basename-extra", bin="basename", args=["a", "b", "c"], status=1, differential=True,
         stdout=""),
    dict(name="util-dirname", bin="dirname", args=["/usr/lib/", "a", "a/b//", "/", "//x", "a//b"], status=0,
         differential=True, stdout="/usr\n.\na\n/\n/\na\n"),
    dict(name="util-dirname-missing", bin="dirname", status=1, differential=True, stdout=""),
    # seq
    dict(name="util-seq", bin="seq", args=["3"], status=0, differential=True, stdout="1\n2\n3\n"),
    dict(name="util-seq-negative", bin="seq", args=["-5", "2", "5"], status=0, differential=True,
         stdout="-5\n-3\n-1\n1\n3\n5\n"),
    dict(name="util-seq-w", bin="seq", args=["-w", "-5", "3", "5"], status=0, differential=True,
         stdout="-5\n-2\n01\n04\n"),
    dict(name="util-seq-s", bin="seq", args=["-s", ", ", "3", "-1", "1"], status=0, differential=True,
         stdout="3, 2, 1\n"),
    dict(name="util-seq-decimal", bin="seq", args=["-w", "0.5", "0.25", "1.6"], status=0, differential=True,
         stdout="0.50\n0.75\n1.00\n1.25\n1.50\n"),
    dict(name="util-seq-empty", bin="seq", args=["5", "1"], status=0, differential=True, stdout=""),
    dict(name="util-seq-bad", bin="seq", args=["1x"], status=1, differential=True, stdout=""),
    dict(name="util-seq-zero-incr", bin="seq", args=["1", "0", "3"], status=1, differential=True, stdout=""),
    dict(name="util-seq-missing", bin="seq", status=1, differential=True, stdout=""),
    # date: only fixed times are comparable
    dict(name="util-date-default", bin="date", args=["-u", "-d", "@0"], status=0, differential=True,
         stdout="Thu Jan  1 00:00:00 UTC 1970\n"),
    dict(name="util-date-format", bin="date", args=["-d", "@1700000000", "+%F %T %j %a %B %s%%"], status=0,
         differential=True, stdout="2023-11-14 22:13:20 318 Tue November 1700000000%\n"),
    dict(name="util-date-bad", bin="date", args=["-d", "yesterday"], status=1, differential=True, stdout=""),
    dict(name="util-date-extra", bin="date", args=["+%Y", "x"], status=1, differential=True, stdout=""),
    dict(name="util-date-now", bin="sh", args=["-c", "date +%Y | grep -c '^[12][0-9][0-9][0-9]$'"], rootfs=True,
         status=0, stdout="1\n"),
    # The guest clock comes from the CMOS RTC (tinyos-run --rtc pins it):
    # ls -l pads a one-digit day as GNU ls does; the RTC's century
    # register makes 1999 1999, not 2099.
    dict(name="util-date-rtc", bin="date", args=["+%F %a"], rtc="2027-02-05T03:04:05", status=0,
         stdout="2027-02-05 Fri\n"),
    dict(name="util-date-rtc-century", bin="date", args=["+%Y-%m-%d"], rtc="1999-12-31T12:00:00", status=0,
         stdout="1999-12-31\n"),
    dict(name="util-ls-l-one-digit-day", bin="sh", args=["-c", "cd /tmp && touch f && ls -l f"], rootfs=True,
         rtc="2027-02-05T03:04:05", status=0, stdout="-rw-r--r-- 1 root root 0 Feb  5 03:04 f\n"),
    # id, whoami (the host runs as root too), which
    dict(name="util-id", bin="id", rootfs=True, status=0, stdout="uid=0(root) gid=0(root) groups=0(root)\n"),
    dict(name="util-id-u", bin="id", args=["-u"], status=0, differential=True, stdout="0\n"),
    dict(name="util-id-gn", bin="id", args=["-gn"], rootfs=True, status=0, stdout="root\n"),
    dict(name="util-id-ug", bin="id", args=["-ug"], status=1, differential=True, stdout=""),
    dict(name="util-id-n", bin="id", args=["-n"], status=1, differential=True, stdout=""),
    dict(name="util-whoami", bin="whoami", rootfs=True, status=0, stdout="root\n"),
    dict(name="util-which", bin="which", args=["ls", "nosuch", "sh"], rootfs=True, status=1,
         stdout="/bin/ls\n/bin/sh\n"),
    dict(name="util-which-path", bin="which", args=["/bin/ls", "/etc/motd"], rootfs=True, status=1,
         stdout="/bin/ls\n"),
]

# Several commands in a row, through our shell.
SH_SCRIPTS = {
    "mkdir-p-rm-r": ("mkdir -p /tmp/a/b/c && touch /tmp/a/b/c/f /tmp/a/g && ls /tmp/a /tmp/a/b/c"
                     " && rm -r /tmp/a && ls /tmp",
                     "/tmp/a:\nb\ng\n\n/tmp/a/b/c:\nf\n"),
    "rmdir-not-empty": ("mkdir /tmp/d && touch /tmp/d/x; rmdir /tmp/d 2>&1; echo $?",
                        "rmdir: failed to remove '/tmp/d': Directory not empty\n1\n"),
    "mkdir-exists": ("mkdir /tmp 2>&1; echo $?", "mkdir: cannot create directory '/tmp': File exists\n1\n"),
    "cp-mv-into-dir": ("cd /tmp && echo hi > f && mkdir d && cp f g && cp f g d && mv f d/h && ls . d && cat d/h",
                       ".:\nd\ng\n\nd:\nf\ng\nh\nhi\n"),
    "cp-r": ("mkdir -p /tmp/s/t && echo x > /tmp/s/t/f && cp -r /tmp/s /tmp/u && cat /tmp/u/t/f"
             " && cp /tmp/s /tmp/v 2>&1; echo $?",
             "x\ncp: -r not specified; omitting directory '/tmp/s'\n1\n"),
    "rm-errors": ("rm /tmp 2>&1; rm /nonexistent 2>&1; rm -f /nonexistent; echo $?",
                  "rm: cannot remove '/tmp': Is a directory\n"
                  "rm: cannot remove '/nonexistent': No such file or directory\n0\n"),
    "wc-files": ("cd /tmp && printf 'a b\\nc\\n' > f && echo hello > g && wc f g",
                 " 2  3  6 f\n 1  1  6 g\n 3  4 12 total\n"),
    "grep-files": ("cd /tmp && echo apple > f && echo grape > g && grep -n ap f g",
                   "f:1:apple\ng:1:grape\n"),
    "touch-ls": ("touch /tmp/t && ls /tmp/t && touch -c /tmp/nope && ls /tmp", "/tmp/t\nt\n"),
    "ps-sees-sh": ("ps > /tmp/p && grep -c '^    1     0 . *.*sh -c' /tmp/p", "1\n"),
    "cat-roundtrip": ("echo one > /tmp/f && cat /tmp/f /tmp/f - < /tmp/f", "one\none\none\n"),
    # getopt as glibc's: options after operands count, "--" ends them,
    # env stops at its command ('+'), GNU's messages.
    "options-after-operands": ("mkdir -p /tmp/q/r && printf 'a\\nb\\n' > /tmp/f && wc /tmp/f -l && tail /tmp/f -n 1"
                               " && grep a /tmp/f -c && rm /tmp/q -r && ls /tmp -1",
                               "2 /tmp/f\nb\n1\nf\n"),
    # "total" is in 1024-byte blocks from st_blocks (GNU); a file holds
    # whole pages, as on tmpfs: 8 blocks of 512 bytes, "total 4"
    "ls-l-total": ("mkdir /tmp/d && echo hello > /tmp/d/f && ls -l /tmp/d | head -n 1", "total 4\n"),
    "double-dash": ("cd /tmp && echo x > -n && cat -- -n && rm -- -n && ls -A", "x\n"),
    "env-stops-at-command": ("env -i /bin/echo -n hi; echo", "hi\n"),
    "invalid-option": ("cat -z 2>&1; echo $?; rm -q 2>&1; ls -Z 2>&1; echo $?; head -n 2>&1; echo $?",
                       "cat: invalid option -- 'z'\n1\nrm: invalid option -- 'q'\nls: invalid option -- 'Z'\n2\n"
                       "head: option requires an argument -- 'n'\n1\n"),
    # ln: -s, -f, -n, into a directory, GNU's messages; hard links as the kernel answers
    "ln-s": ("cd /tmp && echo hi > a && ln -s a b && cat b && ln -s a b 2>&1; ln -s /tmp/a 2>&1;"
             " mkdir d && ln -s ../a ../b d && cat d/a d/b",
             "hi\nln: failed to create symbolic link 'b': File exists\n"
             "ln: failed to create symbolic link './a': File exists\nhi\nhi\n"),
    # The link's target, read off `ls -l` without counting fields: the date
    # before the name is wider on days 1-9 ("Dec  5", as GNU ls pads it).
    "ln-sf-n": ("cd /tmp && mkdir d && touch a && ln -s d dl && ln -sf a dl && ls d && ln -sfn a dl && ls d"
                " && ls -l dl | grep -c ' dl -> a$'",
                "a\na\n1\n"),
    # Hard links: a second name for the same file (link count 2), errors
    # as GNU ln reports them; a directory cannot get one (EPERM).
    "ln-hard": ("cd /tmp && echo x > a && ln a /nonexistent/b 2>&1; ln a a 2>&1; ln a b && echo y >> b && cat a"
                " && ls -l a | cut -c1-12; mkdir d; ln d e 2>&1; rm a && cat b",
                "ln: failed to create hard link '/nonexistent/b' => 'a': No such file or directory\n"
                "ln: failed to create hard link 'a': File exists\nx\ny\n-rw-r--r-- 2\n"
                "ln: d: hard link not allowed for directory\nx\ny\n"),
    "ln-operands": ("cd /tmp && touch c && ln -s 2>&1; ln -s a b c 2>&1; ln -s a b nodir 2>&1; echo $?",
                    "ln: missing file operand\nln: target 'c': Not a directory\n"
                    "ln: target 'nodir': No such file or directory\n1\n"),
    # chmod: octal, symbolic (umask 022 for the clauses without [ugoa]), -R, errors
    "chmod-modes": ("cd /tmp && touch f && chmod 640 f && ls -l f | cut -c1-10 && chmod u+x,go-w f"
                    " && ls -l f | cut -c1-10 && chmod a=r f && ls -l f | cut -c1-10"
                    " && chmod +x f && ls -l f | cut -c1-10 && chmod -r f && ls -l f | cut -c1-10"
                    " && chmod 4755 f && chmod o=u,g-x f && ls -l f | cut -c1-10",
                    "-rw-r-----\n-rwxr-----\n-r--r--r--\n-r-xr-xr-x\n---x--x--x\n-rwsr--rwx\n"),
    "chmod-R-X": ("cd /tmp && mkdir -p d/e && touch d/f d/e/g && chmod -R go-rx d && chmod u-x d/e && chmod -R a+X d"
                  " && ls -ld d d/e d/f d/e/g | cut -c1-10",
                  "drwx--x--x\ndrwx--x--x\n-rw-------\n-rw-------\n"),
    "chmod-errors": ("touch /tmp/f; chmod 8 /tmp/f 2>&1; chmod u+q /tmp/f 2>&1; chmod 2>&1; chmod 644 2>&1;"
                     " chmod 644 /nonexistent 2>&1; echo $?",
                     "chmod: invalid mode: '8'\nchmod: invalid mode: 'u+q'\nchmod: missing operand\n"
                     "chmod: missing operand after '644'\n"
                     "chmod: cannot access '/nonexistent': No such file or directory\n1\n"),
    # tee
    "tee": ("cd /tmp && echo hi | tee f g && echo more | tee -a f > /dev/null && cat f g"
            " && echo x | tee /nonexistent/f 2>&1; echo $?",
            "hi\nhi\nmore\nhi\ntee: /nonexistent/f: No such file or directory\nx\n1\n"),
}
USER_TESTS += [
    dict(name=f"util-sh-{key}", bin="sh", args=["-c", script], rootfs=True, status=0, stdout=out)
    for key, (script, out) in SH_SCRIPTS.items()
]
