# Special builtins (XCU 2.14) and their special rules (2.8.1, 2.9.1).

#### an assignment before a special builtin stays
X=1 :; echo "[$X]"

#### an assignment before a regular builtin does not
Y=1 true; echo "[$Y]"

#### assignments before export and readonly stay
A=a export B=b; echo "$A $B"; C=c readonly D=d; echo "$C $D"

#### shift too far is an error that exits the script
set -- a b; shift 5 2>/dev/null; echo not reached

#### shift N
set -- a b c d; shift 2; echo "$# $1"; shift; echo "$# $1"; shift 0; echo $#

#### a redirection error on a special builtin exits the script
: > /nonexistent/dir/f 2>/dev/null; echo not reached

#### a redirection error on a regular command does not
true > /nonexistent/dir/f 2>/dev/null; echo "reached $?"

#### a special builtin error in a subshell exits only the subshell
(set -- a; shift 3 2>/dev/null; echo no); echo "after $?"

#### eval joins its arguments with spaces
eval echo a '"b  c"' 'd;' echo e

#### eval sets variables in the shell
eval 'x=1; y=$((x + 1))'; echo $x $y

#### eval status is the last command's
eval false; echo $?; eval; echo $?

#### a syntax error in eval exits the script
eval 'if then' 2>/dev/null; echo not reached

#### exec with redirections only applies them to the shell
exec 3> out; echo to-three >&3; exec 3>&-; cat out

#### exec > file redirects the rest of the script
exec 4>&1; exec > log 2>&1; echo into-log; ls /nonexistent_q >/dev/null; exec 1>&4 2>&-; cat log | head -1

#### exec 3<&- closes, using it is then an error
exec 3> f; exec 3>&-; echo x >&3 2>/dev/null; echo "st=$?"

#### exec replaces the shell
exec sh -c 'echo replaced'; echo not reached

#### exec of a missing command: 127 and the shell exits
exec nonexistent_cmd_q 2>/dev/null; echo not reached

#### exec passes assignments to the command
X=val exec sh -c 'echo "X=$X"'

#### exit runs the EXIT trap
trap 'echo trap' EXIT; exit 4; echo no

#### exit with a bad number is an error
exit abc 2>/dev/null; echo not reached

#### export -p is re-readable
export EXP1='a b' EXP2="it's"; export -p | grep -E '^export EXP[12]='

#### export -p shows an exported unset variable by name only
export NOVAL_Q; export -p | grep NOVAL_Q; echo "[${NOVAL_Q-unset}]"

#### export with a bad name is an error that exits
export 1bad=x 2>/dev/null; echo not reached

#### readonly -p lists readonly variables
readonly RO1=one; readonly RO2; readonly -p | grep -E 'RO[12]'

#### assigning a readonly variable is an error that exits
readonly R=1; R=2 2>/dev/null; echo not reached

#### unset of a readonly variable is an error
readonly R=1; unset R 2>/dev/null; echo not reached

#### a readonly variable keeps its value
readonly R=1; (R=2) 2>/dev/null; echo "$R $?"

#### readonly in a subshell does not leak
(readonly S=1); S=2; echo $S

#### unset -v removes a variable
X=1; unset -v X; echo "[${X-unset}]"; unset X; echo ok

#### unset with a bad option is an error
unset -z X 2>/dev/null; echo not reached

#### times prints two lines of user and system time
times | wc -l; times | grep -c '^[0-9]*m[0-9.]*s [0-9]*m[0-9.]*s$'

#### dot finds a file in PATH
mkdir d; echo 'echo sourced; V=from-dot' > d/inc.sh; PATH=$PWD/d:$PATH; . inc.sh; echo $V

#### dot does not search the current directory when PATH lacks it
echo 'echo here' > local.sh; PATH=/nonexistent . local.sh 2>/dev/null; echo not reached

#### dot with a slash runs that file
echo 'echo slashed' > s.sh; . ./s.sh

#### dot of a missing file exits the script
. ./nonexistent.sh 2>/dev/null; echo not reached

#### colon ignores its arguments and succeeds
false; : a b c; echo $?

#### break and continue with counts
for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done; for i in 1 2; do while :; do break 2; done; echo no; done; echo end

#### return outside a function in a dot script returns from it
printf 'echo one\nreturn 3\necho two\n' > r.sh; . ./r.sh; echo "st=$?"

#### special builtins are found before functions and PATH
mkdir p; printf '#!/bin/sh\necho path-colon\n' > p/:; chmod +x p/:; PATH=$PWD/p:$PATH; :; echo $?

#### command takes away a special builtin's fatal error
set -- a; command shift 5 2>/dev/null; echo "after $?"

#### command takes away the persistence of assignments
X=1 command :; echo "[$X]"

#### an error in a special builtin in an interactive-like subshell only ends it
(eval 'if then' 2>/dev/null; echo no); echo "st=$?"

#### eval sees the $? from before it
false; eval 'echo $?'; false; eval '  '; echo $?; false; eval '# only a comment'; echo $?

#### dot keeps $? for the file, an empty file gives 0
echo 'echo "in $?"' > q.sh; : > e.sh; false; . ./q.sh; false; . ./e.sh; echo $?

#### set lists values with control characters on one line that reads back
## oracle: none
## stdout: 3\nok it's\n
_nl=$'a\nb'; _t=$'x\ty'; _q="it's"; set | grep '^_' > v; wc -l < v
unset _nl _t _q; . ./v; [ "$_nl" = "$(printf 'a\nb')" ] && [ "$_t" = "$(printf 'x\ty')" ] && echo "ok $_q"
