# Shell options: set, the shell's own command line, $- (XCU 2.14 set, sh).

#### set -x traces to stderr, not stdout
set -x; echo traced; set +x; echo quiet

#### set -x trace text with PS4 and assignments
## compare: stderr
set -x
X=1 true a b
Y=2
set +x

#### PS4 is expanded before each trace line
## compare: stderr
n=5; PS4='[$n] '; set -x; echo one; n=6; echo two

#### set +x is itself traced, then nothing
## compare: stderr
set -x; set +x; echo silent

#### $- lists the set options
set -e -u -f -C; echo "$-"; set +e +u +f +C; echo "[$-]"

#### $- from the command line options
sh -e -c 'echo $-'; sh -ef -c 'echo $-'; sh -c -u 'echo $-'

#### sh -c: the first operand ends the options
sh -c 'echo "$0 $1 $2"' -x -e arg

#### sh -o NAME on the command line
sh -o noglob -c 'echo /*'; sh -o errexit -c 'false; echo no'; echo $?

#### sh +o NAME and -o NAME -o NAME
sh -o noglob -o nounset -c 'echo "$-"'; sh -f +f -c 'echo "[$-]"'

#### sh with a bad option fails with 2
sh -Z -c 'echo no' 2>/dev/null; echo $?

#### set -o NAME and set +o NAME
set -o noglob; echo "$-"; set +o noglob; set -o errexit -o nounset; echo "$-"

#### set -o lists every option on or off
set -o errexit; for o in errexit noglob nounset xtrace; do set -o | grep "^$o "; done

#### set +o prints commands that restore the options
set -o noglob -o nounset; saved=$(set +o); set +f +u; echo "[$-]"; eval "$saved"; echo "$-"

#### set with a bad option fails and stops the script
set -Z 2>/dev/null; echo not reached

#### set -- replaces the positional parameters
set -- a 'b c' d; echo $#; echo "$2"; set --; echo $#

#### set - ends the options and turns off -x and -v
## compare: stderr
set -x; set - p q; echo "$# $1 $2"

#### set with operands only
set x y z; echo "$# $3"

#### set -- keeps options, operands starting with a dash
set -- -e -x; echo "$1 $2 [$-]"

#### set alone lists variables quoted and re-readable
unset -v X; X="it's  two"; set | grep '^X='; eval "$(set | grep '^X=')"; echo "$X"

#### set -f (noglob) keeps patterns as words
touch a1 a2; set -f; echo a*; set +f; echo a*

#### set -u makes an unset parameter an error that stops the script
set -u; echo "${UNSET_X-default}"; echo "$UNSET_X"; echo not reached

#### set -u: the exit status is 2
set -u; : "$UNSET_Y"
echo not reached

#### set -u allows $@ and $* with no parameters
set -u; set --; echo "[$@]" "[$*]" $#

#### set -u: ${#X} of an unset X is an error
set -u; echo ${#UNSET_Z}; echo not reached

#### set -u in a subshell ends only the subshell
set -u; (echo "$UNSET_W"; echo no); echo "after $?"

#### set -C (noclobber) refuses to overwrite, >| overrides
echo one > f; set -C; echo two > f; echo "st=$?"; cat f; echo three >| f; cat f; echo four >> f; cat f

#### set -C allows a new file and /dev/null
set -C; echo new > g; cat g; echo x > /dev/null && echo devnull-ok

#### set -a (allexport) exports assignments
set -a; A1=exported; set +a; A2=local; sh -c 'echo "[$A1] [$A2]"'

#### set -n reads but does not run
sh -n -c 'echo not run'; echo "st=$?"; sh -n -c 'if then' 2>/dev/null; echo "syntax=$?"

#### set -v echoes the input lines to stderr
sh -v -c 'echo hi' 2>&1

#### set -v in a script echoes each line as read
## compare: stderr
set -v
echo a
echo b

#### set -o pipefail: the last failing stage's status
## oracle: bash
set -o pipefail; false | true; echo $?; (exit 3) | (exit 4) | true; echo $?; true | true; echo $?

#### without pipefail: the last stage's status
false | true; echo $?; true | false; echo $?
