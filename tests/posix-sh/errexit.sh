# set -e (errexit): XCU 2.14 set -e, 2.8.1.

#### a failing simple command exits with its status
set -e; echo before; sh -c 'exit 3'; echo not reached

#### not in an if condition
set -e; if false; then echo t; else echo e; fi; echo after

#### not in elif, while and until conditions
set -e; if false; then :; elif false; then :; fi; while false; do :; done; until true; do :; done; echo after

#### not on the left of && and ||
set -e; false && echo no; false || echo yes; echo after

#### the last command of an and-or list counts
set -e; true && false; echo not reached

#### but an and-or list ending in a skipped command does not
set -e; false && true; echo reached

#### not in a negated pipeline
set -e; ! true; echo "after $?"; ! false; echo "after2 $?"

#### a failing pipeline exits
set -e; echo x | false; echo not reached

#### the pipeline's status is the last stage's
set -e; false | true; echo reached

#### a failing subshell exits the parent
set -e; (false); echo not reached

#### a subshell inherits errexit
set -e; (false; echo not reached in subshell); echo not reached

#### a brace group fails through its last command
set -e; { true; false; echo no; }; echo not reached

#### a compound command that failed in a tested list does not exit
set -e; { false && true; }; echo reached

#### a failing command inside a condition's compound list is ignored
set -e; if { false; echo inside; }; then echo then; fi; echo after

#### a failed loop body exits
set -e; for i in 1 2; do echo $i; false; done; echo not reached

#### command substitution in an assignment
set -e; x=$(false); echo not reached

#### command substitution inherits errexit
set -e; y=$(false; echo sub); echo "y=$y"

#### the EXIT trap runs on errexit, with the failing status
trap 'echo "exit trap $?"' EXIT; set -e; sh -c 'exit 4'; echo not reached

#### set +e turns it back off
set -e; set +e; false; echo reached

#### sh -e from the command line
sh -e -c 'false; echo no'; echo "st=$?"

#### errexit in a function body
f() { false; echo no; }; set -e; f; echo not reached

#### a function call in a condition is tested throughout
f() { false; echo "in f"; }; set -e; if f; then echo yes; fi; echo after

#### a command not found exits with 127
set -e; nonexistent_xyz 2>/dev/null; echo not reached

#### a builtin's failure exits
set -e; read x < /dev/null; echo not reached
