# Function definitions and calls (XCU 2.9.5), return, local (dash).

#### function definition and call
f() { echo in f; }
f

#### function arguments are positional parameters, $0 unchanged
f() { echo "$# $1 $2"; }
set -- outer
f a b
echo "$# $1"

#### function $0 is the shell's
f() { echo "${0##*/}"; }
f

#### return status
f() { return 3; }
f; echo $?

#### return without a number gives the last status
f() { false; return; }
f; echo $?

#### return stops the function
f() { echo before; return 0; echo after; }
f

#### return from inside a loop in a function
f() { for i in 1 2 3; do if [ $i = 2 ]; then return 5; fi; echo $i; done; echo never; }
f; echo "st $?"

#### function status is the last command's
f() { true; false; }
f; echo $?

#### function body may be any compound command
f() ( echo subshell body )
g() if true; then echo if body; fi
h() for i in 1 2; do echo $i; done
f; g; h

#### function definition on several lines
f()
{
  echo multi
}
f

#### function redirections apply at each call
f() { echo redirected; } > out.txt
f
cat out.txt

#### function in a pipeline and in command substitution
f() { echo piped; }
f | cat
v=$(f); echo "[$v]"

#### function in a subshell
f() { echo sub; }
(f)

#### recursion
fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }
fact 5

#### recursion with locals
count() { local n=$1; if [ $n -gt 0 ]; then count $((n-1)); fi; echo $n; }
count 3

#### local restores on return
x=global
f() { local x=inner; echo "in $x"; }
f; echo "out $x"

#### local is seen by called functions (dynamic scope)
g() { echo "g sees $x"; }
f() { local x=fromf; g; }
x=top; f; echo "$x"

#### local without value keeps the value
x=1
f() { local x; echo "[$x]"; x=2; }
f; echo $x

#### local of an unset variable is unset again after
f() { local y=set; }
f; echo "[${y-unset}]"

#### function can change a global
f() { g=changed; }
g=orig; f; echo $g

#### unset -f removes a function
f() { echo f; }
unset -f f
f 2>/dev/null || echo gone

#### function redefinition
f() { echo one; }
f
f() { echo two; }
f

#### function overrides a regular builtin and a PATH command
echo() { printf 'my echo %s\n' "$*"; }
echo hi
unset -f echo
cat() { printf 'my cat\n'; }
cat /dev/null
command cat /dev/null; echo "st $?"

#### special builtin wins over a function
## oracle: bash
f() { :; }
set -- a b
echo $#

#### break inside a function does not break the caller's loop
f() { break; }
for i in 1 2; do f; echo $i; done

#### assignment before a function call
f() { echo "v=$v"; }
v=outer
v=call f
echo "v=$v"

#### function defined inside a function
outer() { inner() { echo inner; }; }
outer; inner

#### a function can redefine itself while running
f() { f() { echo second; }; echo first; }
f; f

#### function keyword (bash)
## oracle: bash
function f { echo kw; }
function g() { echo kw2; }
f; g

#### runaway recursion is an error not a crash
f() { f; }
f 2>/dev/null
echo survived

#### return outside a function in a dot script
echo 'echo in; return 4; echo no' > dot.sh
. ./dot.sh; echo "st $?"
