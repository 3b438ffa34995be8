"""shell.py - tests of /bin/sh (user/bin/sh), keys as in tests/user_tests.py
and tests/boots.py.

USER_TESTS run `sh -c SCRIPT` as PID 1 with the whole root file system
(rootfs=True). Differential ones also run the same binary on this host,
where PATH finds the host's programs: those scripts use only builtins and
programs whose output is the same everywhere (cat, wc -l, printf, env,
grep, sleep). The others state Tiny OS's exact output.

BOOTS boot the root file system (/sbin/init starts /bin/sh on the console)
and type at the prompt `tinyos:CWD$ `.
"""


def sh(name, script, stdout=None, status=0, differential=True, **kw):
    t = dict(name="sh-" + name, bin="sh", args=["-c", script], rootfs=True, status=status,
             differential=differential, **kw)
    if stdout is not None:
        t["stdout"] = stdout
    return t


USER_TESTS = [
    sh("pipeline-3", "echo hi | cat | wc -l", "1\n"),
    sh("pipeline-8", "echo a b c | cat | cat | cat | cat | cat | cat | cat", "a b c\n"),
    sh("pipeline-status-is-last", "false | true; echo $?; true | false; echo $?", "0\n1\n"),
    sh("ls-grep", "ls / | grep -c bin", "2\n", differential=False),
    sh("redirect-roundtrip",
       "echo one > /tmp/f; echo two >> /tmp/f; cat < /tmp/f; wc -l < /tmp/f; echo new > /tmp/f; cat /tmp/f",
       "one\ntwo\n2\nnew\n"),
    sh("redirect-stderr",
       "cat /nope 2> /tmp/e; echo $?; wc -l < /tmp/e; cat /nope 2>&1 | wc -l; echo to-err >&2; "
       "echo hidden 2>&1 > /dev/null; { echo e2 >&2; } 2>> /tmp/e; wc -l < /tmp/e; 3>/tmp/three echo x; cat /tmp/three",
       "1\n1\n1\n2\nx\n"),
    sh("redirect-missing-target", "echo >; echo not-reached", "", status=2),
    sh("redirect-bad-file", "cat < /nope/x; echo $?; echo hi > /nope/x; echo $?", "2\n2\n"),
    sh("exit-status", "false; echo $?; true; echo $?; sh -c 'exit 42'; echo $?; (exit 7); echo $?; exit 3",
       "1\n0\n42\n7\n", status=3),
    sh("quoting",
       "Y=why; echo 'a  $Y \"q\"' \"b  \\$Y \\\"q\\\" \\\\ $Y\" c\\ \\ d 'it'\\''s' \"\" e; echo \"${Y}s\" '${Y}' \\$Y",
       "a  $Y \"q\" b  $Y \"q\" \\ why c  d it's  e\nwhys ${Y} $Y\n"),
    sh("field-splitting", "X='1  2   3'; for w in $X; do echo \"<$w>\"; done; for w in \"$X\"; do echo \"<$w>\"; done",
       "<1>\n<2>\n<3>\n<1  2   3>\n"),
    sh("variables",
       "X=1; echo $X ${X}2 \"$X\"; env | grep -c '^X='; export X; env | grep '^X='; unset X; echo \"[$X]\"; "
       "Y=5 env | grep '^Y='; echo \"[$Y]\"; export Z=3; env | grep '^Z='; echo ${U:-default} ${#Z} $#",
       "1 12 1\n0\nX=1\n[]\nY=5\n[]\nZ=3\ndefault 1 0\n"),
    sh("and-or-list", "true && echo a; false && echo b; false || echo c; true || echo d; "
       "false && echo e || echo f; ! true; echo $?; ! false; echo $?", "a\nc\nf\n1\n0\n"),
    # dash's message style: $0 (argv[0] is /bin/sh here), the line, "not found"
    sh("command-not-found", "nope-cmd 2>&1; echo $?", "/bin/sh: 1: nope-cmd: not found\n127\n"),
    sh("command-not-found-status", "nope-cmd", "", status=127),
    sh("permission-denied", "echo x > /tmp/np; /tmp/np 2>&1; echo $?; /tmp/nothere 2>&1; echo $?",
       "/bin/sh: 1: /tmp/np: Permission denied\n126\n/bin/sh: 1: /tmp/nothere: not found\n127\n"),
    sh("cd-errors", "cd /nope 2>&1; echo $?; cd /tmp; pwd; cd; pwd; cd -; cd /bin/sh 2>&1; echo $?",
       "/bin/sh: 1: cd: /nope: No such file or directory\n2\n/tmp\n/\n/tmp\n/bin/sh: 1: cd: /bin/sh: Not a directory\n2\n"),
    sh("script-file",
       "printf 'echo \"$1 $2 $#\"\\nfor a in \"$@\"; do echo \"<$a>\"; done\\nexit 3\\n' > /tmp/s.sh; "
       "sh /tmp/s.sh a 'b c'; echo $?; . /tmp/s.sh x", "a b c 2\n<a>\n<b c>\n3\nx  1\n<x>\n", status=3),
    sh("background-wait", "sleep 0.2 & echo started; wait $!; echo \"waited $?\"; (exit 5) & wait $!; echo $?; "
       "sh -c 'exit 4' & sleep 0.1; wait; echo all",
       "started\nwaited 0\n5\nall\n"),
    sh("killed-by-signal", "sh -c 'kill -9 $$'; echo $?; sh -c 'kill -TERM $$'; echo $?", "137\n143\n"),
    sh("signal-message", "{ sh -c 'kill -SEGV $$'; } 2>&1; echo $?; kill -l | head -2; kill -l | tail -1",
       "Segmentation fault\n139\n"
       " 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n"
       " 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n"
       "63) SIGRTMAX-1\t64) SIGRTMAX\t\n", differential=False),
    sh("syntax-error-pipe", "echo a; | echo b", "", status=2),
    sh("syntax-error-message",
       "sh -c '| echo' 2>&1; echo $?; sh -c 'echo \"open' 2>&1; echo $?; sh -c 'echo a &&' 2>&1; echo $?",
       "sh: 1: Syntax error: \"|\" unexpected\n2\nsh: 1: Syntax error: Unterminated quoted string\n2\n"
       "sh: 1: Syntax error: end of file unexpected\n2\n", differential=False),
    sh("unterminated-quote", "echo 'abc", "", status=2),
    sh("comments", "echo a # not this\n# nor this\necho b#c", "a\nb#c\n"),
    sh("if-while-for",
       "for x in a b c; do echo $x; done; if false; then echo t; elif true; then echo elif; else echo e; fi; "
       "n=; while [ \"$n\" != xxx ]; do n=x$n; done; echo $n; "
       "for i in 1 2 3 4; do if [ $i = 2 ]; then continue; fi; if [ $i = 4 ]; then break; fi; echo i$i; done",
       "a\nb\nc\nelif\nxxx\ni1\ni3\n", differential=False),
    sh("if-while-for-builtins",
       "for x in a b; do echo $x; done; if false; then echo t; else echo e; fi; "
       "until true; do echo never; done; while false; do :; done; echo ok",
       "a\nb\ne\nok\n"),
    sh("groups-subshells", "cd /tmp; { echo g1; echo g2; } | wc -l; (cd /; pwd); pwd; (exit 3) || echo failed", "2\n/\n/tmp\nfailed\n"),
    sh("glob", "cd /bin && echo ca* && echo /bin/ec*o && echo nomatch*z '*'", "cat\n/bin/echo\nnomatch*z *\n",
       differential=False),
    sh("echo-builtin", "echo -n a; echo -e 'b\\tc'; echo -e 'x\\c' y; echo -n; echo -- -n; echo -E 'd\\n'",
       "ab\tc\nx-- -n\nd\\n\n"),
    dict(name="sh-positional-args", bin="sh", rootfs=True, status=0, differential=True,
         args=["-c", "echo $0 $1 $2 $#; shift; echo \"$@\"; set -- p q r; echo $* $#", "me", "a", "b"],
         stdout="me a b 2\nb\np q r 3\n"),
    dict(name="sh-stdin-commands", bin="sh", rootfs=True, status=4, differential=True,
         stdin=b"echo from stdin\nX=2\necho $X | cat\nif true\nthen echo multi-line\nfi\nexit 4\necho not-reached\n",
         stdout="from stdin\n2\nmulti-line\n"),
    sh("read-builtin", "printf 'one two three\\nlast\\n' > /tmp/r; { read a b; read c; } < /tmp/r; echo \"$b|$a|$c\"",
       "two three|one|last\n"),
    sh("command-substitution",
       "echo $(echo hi | cat) \"$(echo a; echo b)\" x`echo y`z; for f in $(echo 1 2); do echo f$f; done; "
       "echo $(echo $(echo nested)) \"$(echo 'in ( quotes )')\"; x=$(false); echo $?; n=$(ls / | wc -l); echo ${n:+set}",
       "hi a\nb xyz\nf1\nf2\nnested in ( quotes )\n1\nset\n"),
    sh("arithmetic", "i=0; while [ $i -lt 5 ]; do i=$((i + 1)); done; echo $i $((2+3*4)) $(( (2+3)*4 )) $((7/2)) "
       "$((7%3)) $((-3+1)) $((1<2 && 3>2)) $(($i*2)) $((1 << 4))", "5 14 20 3 1 -2 1 10 16\n"),
    sh("exit-code-from-last", "sh -c 'false'; echo $?; sh -c 'true; exit'; echo $?", "1\n0\n"),
    # The POSIX conformance cases (tests/posix-sh/*.sh), all in one boot:
    # user/tests/sh_cases runs each with our /bin/sh and compares with
    # dash's answer, taken on this host at build time; one line per case.
    dict(name="posix-sh", prog="sh_cases", args=["/posix-sh"], rootfs=True, extra="posix-sh", status=0,
         timeout=240, memory="256M"),
]

PROMPT = "tinyos:/$ "

BOOTS = [
    # The console's shell is root's login: HOME, USER, LOGNAME and SHELL
    # from /etc/passwd, as login(1) would set them (issue 15), TERM=linux
    # without console= (the VGA screen, as on Linux); a login shell (-sh)
    # that read /etc/profile (PATH, PAGER).
    dict(name="sh-login-environment", rootfs=True, timeout=60, exit="stopped", stop_when="env-done",
         script=[(PROMPT, "echo \"$HOME $USER $LOGNAME $SHELL $TERM $PATH $PAGER\"; ps; cd; pwd; "
                          "echo env-\"done\"\r")],
         expect=[r"^/root root root /bin/sh linux /bin:/sbin:/usr/bin less$", r"^\s+\d+\s+1 \S+\s+-sh$", r"^/root$", r"^env-done$"]),
    # The interactive shell's features in one boot (each boot costs
    # seconds): TERM=vt100 for console=ttyS0 (read from /proc/cmdline);
    # Tab completing a command, a shell function, a file, a quoted name, a ~/ directory, and
    # a second Tab listing the choices in columns then redrawing the
    # line; job notices before the next prompt and in `jobs`, and with
    # set -b while the shell waits at the prompt (no key typed); ~/.shrc read
    # by an interactive shell, PS1 set there and expanded at each prompt;
    # $ENV parameter-expanded and read instead of ~/.shrc.
    dict(name="sh-interactive-features", rootfs=True, cmdline="console=ttyS0", timeout=90, exit="stopped",
         stop_when="features-done",
         script=[(PROMPT, "echo \"$TERM\"; cat /proc/cmdline; mkdir /tmp/tc ~/projects; cd /tmp/tc; "
                          "touch alpha1 alpha2 'my file'; mkdir alphadir; cd /; echo setup-\"done\"\r"),
                 ("setup-done\r\n", "ech\ttab-\"cmd\"\r"),
                 ("tab-cmd\r\n", "cat /etc/pass\t\r"),
                 ("root:x:0:0:", "ls /tmp/tc/al\t\t\x15echo list-\"done\"\r"),
                 ("list-done\r\n", "tabfn_demo() { echo fn-\"called\"; }; echo fn-\"defined\"\r"),
                 ("fn-defined\r\n", "tabfn_\t\r"),
                 ("fn-called\r\n", "ls /tmp/tc/my\t\r"),
                 ("/tmp/tc/my file\r\n", "cd ~/pr\t && pwd && cd /\r"),
                 ("/root/projects\r\n", "sleep 1 &\r"),
                 ("[1] ", "sleep 2\r"),
                 ("Done", "sleep 1 &\r"),
                 ("Done                    sleep 1\r\ntinyos:/$ sleep 1 &\r\n[1] ", "sleep 2; jobs; echo jobs-\"listed\"\r"),
                 ("jobs-listed\r\n", "set -b; sleep 0.5 &\r"),
                 ("Done                    sleep 0.5\r\ntinyos:/$ ", "set +b; echo \"echo shrc-\\\"read\\\"; PS1='my-\\$PWD> '\" > $HOME/.shrc; sh\r"),
                 ("shrc-read\r\n", "cd /tmp\r"),
                 ("my-/tmp> ", "echo 'echo envrc-\"read\"' > $HOME/envrc; ENV='$HOME/envrc' sh\r"),
                 ("envrc-read\r\n", "echo features-\"done\"\r")],
         expect=[r"^vt100$", r"^console=ttyS0$",
                 r"^tinyos:/\$ echo tab-\"cmd\"$", r"^tab-cmd$",
                 r"^tinyos:/\$ cat /etc/passwd $", r"^root:x:0:0:",
                 r"^tinyos:/\$ ls /tmp/tc/alpha\nalpha1     alpha2     alphadir/\ntinyos:/\$ ls /tmp/tc/alpha\x08",
                 r"^tinyos:/\$ tabfn_demo $", r"^fn-called$",
                 r"^tinyos:/\$ ls /tmp/tc/my\\ file $", r"^/tmp/tc/my file$",
                 r"^tinyos:/\$ cd ~/projects/ && pwd && cd /$", r"^/root/projects$",
                 r"^tinyos:/\$ sleep 2\n\[1\]\+  Done {20}sleep 1\ntinyos:/\$ ",
                 r"^\[1\]\+  Done {20}sleep 1\njobs-listed$",
                 r"^tinyos:/\$ set -b; sleep 0\.5 &\n\[1\] \d+\ntinyos:/\$ \n\[1\]\+  Done {20}sleep 0\.5\ntinyos:/\$ set \+b",
                 r"^shrc-read\nmy-/> cd /tmp\nmy-/tmp> ", r"^envrc-read\ntinyos:/tmp\$ ", r"^features-done$"]),
    dict(name="sh-interactive-session", rootfs=True, timeout=60, exit="stopped", stop_when="session-end",
         script=[(PROMPT, "echo hi | cat\r"),
                 ("hi\r\n", "ls / | wc -l\r"),
                 (PROMPT, "nope-cmd\r"),
                 ("nope-cmd: not found", "cd /nope\r"),
                 # a here-document typed at the prompt: PS2 while its body is open
                 ("No such file or directory", "cat <<E\r"),
                 ("\r\n> ", "typed body $((1+1))\r"),
                 ("\r\n> ", "E\r"),
                 ("typed body 2\r\n", "f() { case $1 in o*) echo fn-$1;; esac; }; f ok\r"),
                 ("fn-ok\r\n", "echo session-\"end\"\r")],
         expect=[r"^tinyos:/\$ echo hi \| cat$", r"^hi$", r"^\d+$", r"^-?sh: \d+: nope-cmd: not found$",
                 r"^-?sh: [0-9]+: cd: /nope: No such file or directory$", r"^typed body 2$", r"^fn-ok$", r"^session-end$"]),
    dict(name="sh-history-and-editing", rootfs=True, timeout=60, exit="stopped", stop_when="hist-done",
         script=[(PROMPT, "echo first-$((0))\x15echo abc\x1b[D\x1b[DX\r"),
                 ("aXbc\r\n", "echo again\r"),
                 ("again\r\n", "\x1b[A\r"),
                 ("again\r\nagain\r\n", "history\r"),
                 ("history\r\n", "\x1b[A\x1b[A\x1b[A\x1b[B\x01\x1b[3~\x1b[3~\x1b[3~\x1b[3~echo\x05-1\r"),
                 ("again-1", "echo hist-\"done\"\r")],
         expect=[r"^aXbc$", r"^again$", r"^\s+1  echo aXbc$", r"^\s+2  echo again$", r"^\s+3  history$",
                 r"^again-1$"]),
    dict(name="sh-ctrl-c-kills-foreground", rootfs=True, timeout=60, exit="stopped", stop_when="alive-after",
         script=[(PROMPT, "sh -c 'echo ready; sleep 100'\r"),
                 ("ready\r\n", "\x03"),  # once the job has the terminal (see below)
                 (PROMPT, "echo $?; echo alive-\"after\"\r")],
         expect=[r"^130$", r"^alive-after$"]),
    dict(name="sh-ctrl-z-fg-bg-jobs", rootfs=True, timeout=60, exit="stopped", stop_when="jobs-done",
         # ^Z only after "ready": the job then surely has the terminal
         # and its default SIGTSTP (earlier, the key would reach the shell).
         script=[(PROMPT, "sh -c 'echo ready; sleep 100'\r"),
                 ("ready\r\n", "\x1a"),
                 ("Stopped", "jobs\r"),
                 ("jobs\r\n", "fg\r"),
                 ("fg\r\nsh -c 'echo ready; sleep 100'\r\n", "\x03"),
                 (PROMPT, "sleep 1 &\r"),
                 ("] ", "wait; jobs; echo jobs-\"done\"\r")],
         # bash's lines: "^Z", then "[1]+  Stopped" padded to 24 columns (no blank line between)
         expect=[r"^\^Z\n\[1\]\+  Stopped {17}sh -c 'echo ready; sleep 100'\ntinyos:/\$ jobs\n"
                 r"\[1\]\+  Stopped {17}sh -c 'echo ready; sleep 100'$",
                 r"^\[1\] \d+$"]),
    # ls on a terminal: columns for TIOCGWINSZ's 80, aligned as GNU ls 9
    # does (tabs where a tab stop fits); the expected text is GNU ls -C's.
    dict(name="sh-ls-columns-on-tty", rootfs=True, timeout=60, exit="stopped", stop_when="ls-done",
         script=[(PROMPT, "cd /tmp && touch alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
                          "omicron pi rho sigma tau upsilon phi chi psi omega && ls; echo ls-\"done\"\r")],
         expect=[r"^alpha  delta\tgamma  lambda  omega\tpi   sigma  upsilon\n"
                 r"beta   epsilon\tiota   mu      omicron\tpsi  tau    xi\n"
                 r"chi    eta\tkappa  nu      phi\trho  theta  zeta\nls-done$"]),
    dict(name="sh-ctrl-d-exits", rootfs=True, timeout=60, exit="stopped", stop_when="second-shell",
         script=[(PROMPT, "\x04"),
                 ("exit\r\n", ""),
                 (PROMPT, "echo second-\"shell\"\r")],
         expect=[r"^tinyos:/\$ exit$", r"^init: /bin/sh exited with status 0", r"^second-shell$"]),
]
