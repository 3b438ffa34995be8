# Redirections (XCU 2.7).

#### output truncates and append appends
echo one > f; echo two >> f; echo three >> f; cat f; echo new > f; cat f

#### input redirection
printf 'l1\nl2\n' > f; read a < f; echo "$a"; cat < f

#### read-write redirection opens without truncating
echo hello > f; cat 3<>f <&3; echo x 1<>f; cat f

#### duplicating output to stderr and back
{ echo to-err >&2; } 2>&1; echo done

#### redirection order matters
{ echo out; echo err >&2; } > f 2>&1; cat f; { echo err2 >&2; } 2>&1 > g; cat g

#### closing a descriptor
{ echo closed >&3; } 3>&- 2>/dev/null || echo failed

#### numbered descriptors
exec 3> f3; echo via3 >&3; exec 3>&-; cat f3

#### redirection on a compound command
if true; then echo in-if; fi > f; cat f; for i in 1 2; do echo $i; done > g; cat g

#### redirection on a while loop reads input
printf 'a\nb\n' > f; while read l; do echo "got $l"; done < f

#### redirection before the command name
> f echo first; cat f; 2>/dev/null >g echo second; cat g

#### redirection target is expanded but not split
n='a b'; echo x > $n; cat 'a b'

#### redirection to a missing directory fails the command only
echo x > /nonexistent/dir/f 2>/dev/null || echo failed; echo next

#### noclobber is off by default
echo a > f; echo b > f; cat f

#### redirection of a subshell
(echo sub1; echo sub2) > f; wc -l < f

#### input from a descriptor duplicate
echo data > f; exec 4< f; cat <&4; exec 4<&-

#### redirection in a pipeline stage
echo piped > f; cat < f | cat

#### a failing redirection skips the command
echo not-run < /nonexistent 2>/dev/null || echo failed

#### redirection persists over a group, not after
{ echo in; } > f; echo out; cat f

#### stdout to dev null
echo hidden > /dev/null; echo shown

#### append to stderr redirection
echo e1 2>> f >&2; echo e2 2>> f >&2; cat f

#### duplicating a descriptor onto itself does nothing
: 3>&3; echo a $?; echo b 4<&4; echo c $?

#### redirections of a command without a name come before its assignments
x=$(echo out; echo err >&2) 2>/dev/null; echo "[$x] $?"
z=1 > /nonexistent/f 2>/dev/null; echo "$? [$z]"
