"""real_programs.py - large real static Linux programs, unmodified, run on
Tiny OS and on this host with the same arguments; stdout and exit status
must agree. Debian's bash-static and zsh-static (tools/setup-deps.sh
installs them) run scripts covering what shells do with the kernel:
fork/exec/wait, pipes, descriptor juggling, signals, traps, limits.
The scripts print only what does not depend on the machine (no host
files, no limits the host configures, no timings), use builtins and the
utilities both roots have (cat, ls, mkdir, rm, sort, wc ...), and work in
a directory of their own under /tmp, since the host shares its /tmp.
Keys as in tests/user_tests.py. Kernel reproducers: user/tests/rlimit_test.c, exec_script.c."""

USER_TESTS = [
    dict(name="rlimit-nice", prog="rlimit_test", status=0, differential=True),
    dict(name="exec-interpreter-script", prog="exec_script", status=0, differential=True),
]

# Each script: (name, script, exit status).
BASH_SCRIPTS = [
    ("pipes-subshells",
     "echo hi | cat; x=$(echo sub | cat); echo \"[$x]\"; (exit 3); echo $?; false | true; echo $?;"
     " set -o pipefail; false | true; echo $?; { echo a; echo b; } | sort -r | cat", 0),
    ("here-docs",
     "v=val; cat <<EOF\nexpanded $v $((6*7))\nEOF\ncat <<'EOF'\nliteral $v\nEOF\n"
     "big=$(printf '%070000d' 0); cat <<EOF | wc -c\n$big\nEOF\nread a b <<< 'one two three'; echo \"[$a][$b]\"", 0),
    ("fd-juggling",
     "mkdir -p /tmp/rp-fd && cd /tmp/rp-fd; exec 3>f; echo to3 >&3; exec 3>&-; cat f;"
     " exec 4<>f; read x <&4; echo \"x=$x\"; echo more >&4; exec 4>&-; cat f;"
     " exec 5<f 6>&1; cat <&5 >&6; exec 5<&- 6>&-; { echo out; echo err >&2; } 2>&1 >/dev/null | cat;"
     " echo app >> f; wc -l < f; cd /; rm -r /tmp/rp-fd", 0),
    ("traps-signals",
     "trap 'echo got INT' INT; kill -INT $$; echo after; trap 'echo usr1' USR1; kill -USR1 $$;"
     " trap - INT; trap -p; sleep 5 & p=$!; kill -TERM $p; wait $p; echo \"wait=$?\";"
     " (trap 'echo sub-exit' EXIT; exit 4); echo \"sub=$?\"; kill -l 15; kill -0 $$ && echo alive;"
     " trap 'echo bye' EXIT", 0),
    ("jobs-wait",
     "(sleep 0.1; exit 9) & wait $!; echo \"w=$?\"; sleep 0.2 & sleep 0.1 & wait; echo all;"
     " set -m; sleep 0.1 & fg %1; echo \"fg=$?\"; sleep 0.1 & disown; echo ok; wait; echo done", 0),
    ("coproc-read",
     "coproc C { read l; echo \"co:$l\"; }; echo hello >&${C[1]}; read r <&${C[0]}; echo \"$r\"; wait $C_PID; echo \"cw=$?\";"
     " printf 'a b\\nc d\\n' | while read -r x y; do echo \"$y-$x\"; done; IFS=: read -r u p rest < /etc/passwd; echo \"$u\"", 0),
    ("arith-functions",
     "f() { local n=$1; (( n <= 1 )) && { echo 1; return; }; echo $(( n * $(f $((n-1))) )); }; f 10;"
     " echo $((7*6 % 5)) $((2**10)) $((1<<4)) $((0x1f)) $((-7/2)); i=0; while ((i<5)); do ((i++)); done; echo $i;"
     " printf '%5s|%-4d|%x|%q|%03d\\n' ab 12 255 'a b' 7; echo {a,b}{1,2} {1..5}", 0),
    ("files-glob-cd",
     "mkdir -p /tmp/rp-g/sub && cd /tmp/rp-g && : > a.c && : > b.c && : > c.h && echo *.c && echo *.[ch] && echo sub/*;"
     " shopt -s nullglob; echo none: *.zz; cd sub && pwd && cd .. && pwd -P; test -d sub && echo dir; test -x /bin/sh && echo x;"
     " test -f a.c -a ! -s a.c && echo empty; [[ a.c -nt /nonexistent ]] && echo newer; umask 027; umask; umask -S; : > m; ls -l m | { read perm rest; echo $perm; };"
     " cd /; rm -r /tmp/rp-g", 0),
    ("builtins-exec",
     "type cd echo cat | cat; command -v cat; hash -r; cat /dev/null; hash; ulimit -c 0; ulimit -c; ulimit -S -n 20; ulimit -n;"
     " (ulimit -H -n 5; ulimit -n 8; echo \"raise=$?\"); exec 9>/dev/null && echo fd9; sh -c 'exit 5'; echo $?;"
     " exec sh -c 'echo replaced; exit 6'", 6),
    # Process substitution opens /dev/fd/63, a /proc/self/fd magic link to a pipe.
    ("process-substitution-dev-fd",
     "cat <(echo hi); sort <(echo b) <(echo a); [ \"$(cat <(echo a))\" = \"$(cat <(echo a))\" ] && echo same;"
     " while read -r l; do echo \"r:$l\"; done < <(printf 'x\\ny\\n'); echo e | cat /dev/stdin; echo f | cat /dev/fd/0;"
     " exec 3< <(echo three); cat /dev/fd/3; echo err 2>/dev/stdout >&2 | cat", 0),
]
ZSH_SCRIPTS = [
    ("basics",
     "x=(1 2 3); echo ${#x} ${x[2]}; (exit 3); echo $?; print -r -- a b; integer i=5; (( i *= 3 )); echo $i;"
     " printf '%s\\n' ${(s:,:)${:-a,b,c}}; echo ${(U)${:-up}}; cat <<EOF\nhere $i\nEOF", 0),
    ("jobs-coproc",
     "trap 'echo int' INT; kill -INT $$; sleep 0.1 & wait $!; echo \"w=$?\"; coproc { read l; echo co:$l }; print -p hi;"
     " read -p r; echo $r; (exit 7) & wait $!; echo $?", 0),
    ("files-glob",
     "mkdir -p /tmp/rp-z && cd /tmp/rp-z && touch a b c && mkdir d && touch d/e; echo *; print -l **/*(.); echo *(/);"
     " cd /; rm -r /tmp/rp-z; ulimit -c 0; ulimit -c; umask 077; umask", 0),
]

USER_TESTS += [
    dict(name=f"bash-{key}", path="/bin/bash-static", args=["-c", script], status=status,
         differential=True, timeout=60)
    for key, script, status in BASH_SCRIPTS
]
USER_TESTS += [
    dict(name=f"zsh-{key}", path="/bin/zsh-static", args=["-c", script], status=status,
         differential=True, timeout=60)
    for key, script, status in ZSH_SCRIPTS
]
