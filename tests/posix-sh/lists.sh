# Pipelines and lists (XCU 2.9.2, 2.9.3).

#### and-or lists short-circuit
true && echo a; false && echo b; false || echo c; true || echo d

#### and-or is left associative
false && echo x || echo y; true || echo x && echo z

#### negated pipeline
! true; echo $?; ! false; echo $?; ! false | true; echo $?

#### pipeline status is the last stage
false | true; echo $?; true | false; echo $?

#### pipeline stages run concurrently
echo abc | cat | cat | cat

#### sequential list and newlines
echo 1; echo 2
echo 3

#### asynchronous list and wait
echo bg > f & wait; cat f

#### asynchronous list status is zero
false & echo $?; wait

#### dollar bang is the background pid
sleep 0 & p=$!; wait $p; echo status $?; [ -n "$p" ] && echo has-pid

#### pipeline across lines
echo a |
cat

#### and-or across lines
true &&
echo yes ||
echo no

#### exit status of an empty command with assignment
x=$(false); echo $?; x=$(true); echo $?

#### compound list in a pipeline
{ echo a; echo b; } | while read x; do echo "<$x>"; done

#### variable set in a pipeline stage stays in a subshell or not
x=1; echo | x=2; echo $x
