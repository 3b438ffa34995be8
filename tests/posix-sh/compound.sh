# Compound commands (XCU 2.9.4): groups, subshells, for, while, until, if.

#### subshell does not change the parent
x=1; (x=2; cd /; echo "in $x"); echo "out $x"

#### subshell exit status
(exit 3); echo $?; (false) || echo failed

#### brace group runs in the current shell
x=1; { x=2; }; echo $x

#### brace group needs a separator before the closing brace
{ echo a; echo b
}

#### for over words
for i in 1 2 3; do echo i$i; done

#### for without in uses positional parameters
set -- p q; for a; do echo $a; done

#### for with an empty list
for i in; do echo never; done; echo after $?

#### for over expansions
x='a b'; for w in $x "$x"; do echo "[$w]"; done

#### for on separate lines
for i in a b
do
  echo $i
done

#### while with a counter
i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done

#### until loop
i=0; until [ $i -ge 2 ]; do echo u$i; i=$((i+1)); done

#### while status is the last body command
i=0; while [ $i -lt 1 ]; do i=1; false; done; echo $?

#### loop with no iterations has status zero
false; while false; do :; done; echo $?

#### if elif else
for v in 1 2 3; do if [ $v = 1 ]; then echo one; elif [ $v = 2 ]; then echo two; else echo other; fi; done

#### if without a branch taken has status zero
false; if false; then :; fi; echo $?

#### if status is the branch's
if true; then (exit 4); fi; echo $?

#### nested loops with break
for i in 1 2; do for j in a b c; do [ $j = b ] && break; echo $i$j; done; done

#### break out of two levels
for i in 1 2; do for j in a b; do echo $i$j; break 2; done; done; echo end

#### continue in a nested loop
for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done

#### continue two levels
for i in 1 2; do for j in a b; do [ $j = a ] && continue 2; echo never; done; echo never2; done; echo end

#### reserved words as arguments
echo if then else fi do done for while in

#### subshell with redirection and pipeline
(echo a; echo b) | wc -l

#### compound command as a condition
if { false; true; }; then echo yes; fi; while (exit 1); do :; done; echo $?

#### loop in a pipeline
for i in 3 1 2; do echo $i; done | sort
