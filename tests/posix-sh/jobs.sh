# Job builtins in a non-interactive shell: wait, kill, jobs (XCU 2.9.3, wait, kill).

#### wait for a background job's status
(exit 5) & wait $!; echo $?

#### wait with no operands waits for all
(sleep 0.1; echo one) & (sleep 0.2; echo two) & wait; echo all

#### wait for an unknown pid is 127
wait 99999; echo $?

#### wait for several pids returns the last one's status
(exit 2) & a=$!; (exit 3) & b=$!; wait $a $b; echo $?

#### $! is the last background process
sleep 0.1 & p=$!; [ "$p" = "$!" ] && echo same; wait

#### kill -s NAME
sleep 5 & p=$!; kill -s TERM $p; wait $p; echo $?

#### kill -NAME and kill -N
sleep 5 & p=$!; kill -KILL $p; wait $p; echo $?; sleep 5 & p=$!; kill -15 $p; wait $p; echo $?

#### kill -l with an exit status gives the name
kill -l 130; kill -l 9; sh -c 'kill -TERM $$'; kill -l $?

#### kill -l with no operand lists the signals
kill -l | grep -c 'HUP'; kill -l | grep -c 'USR1'

#### kill -l NAME gives the number
## oracle: bash
kill -l TERM

#### kill with a bad signal is an error
kill -s NOSUCH $$ 2>/dev/null; echo $?

#### kill 0 signal tests a process
kill -0 $$ && echo alive

#### a background job killed by a signal: wait gives 128+N
sh -c 'kill -9 $$' & wait $!; echo $?

#### jobs -p prints process ids
sleep 0.3 & p=$!; jobs -p > f; [ "$(cat f)" = "$p" ] && echo match; wait

#### jobs -l shows the process id, jobs %N one job
sleep 0.3 & p=$!; jobs -l > f; grep -c " $p " f; jobs %1 | grep -c Running; wait

#### wait %N waits for a job
(exit 6) & wait %1; echo $?

#### kill %N signals a job
## oracle: bash
sleep 5 & kill %1; wait %1; echo $?

#### wait with an argument that is neither a pid nor a job
wait zzz 2>/dev/null; echo $?
