# trap (XCU 2.14 trap) and signals to the shell.

#### EXIT trap at the end of the script
trap 'echo bye' EXIT; echo main

#### EXIT trap on exit, with the exit status kept
trap 'echo "bye $?"' EXIT; exit 3

#### trap 0 is EXIT
trap 'echo zero' 0; echo main

#### exit inside the EXIT trap sets the status
trap 'exit 5' EXIT; exit 1

#### a caught signal runs its action after the command
trap 'echo got USR1' USR1; kill -USR1 $$; echo after

#### signal by number, lower case name
trap 'echo got 10' 10; kill -10 $$; trap 'echo lower' usr2; kill -USR2 $$; echo done

#### $? is kept across a trap action
trap 'false' USR1; (exit 7); kill -USR1 $$ ; echo "st=$?"; sh -c 'exit 3'; echo $?

#### trap listing is re-readable
trap 'echo "it'"'"'s"' INT; trap 'echo x' EXIT; trap '' QUIT; trap

#### trap listing read back by eval
trap 'echo a b' USR1; saved=$(trap); trap - USR1; eval "$saved"; trap

#### trap - resets to the default
trap 'echo caught' TERM; trap - TERM; trap; sh -c 'kill -TERM $$'; echo $?

#### trap with a number first resets
trap 'echo x' USR1 USR2; trap 10 12; trap; echo done

#### trap '' ignores, and children inherit it
trap '' USR1; kill -USR1 $$; echo survived; sh -c 'kill -USR1 $$; echo child survived'

#### traps are reset in a subshell, ignored ones stay
trap 'echo caught' USR1; trap '' USR2; (trap; kill -USR2 $$ ; echo sub-ok); echo main

#### a subshell runs its own EXIT trap
(trap 'echo sub exit' EXIT; echo in sub); echo after

#### the parent's EXIT trap does not run in a subshell
trap 'echo parent exit' EXIT; (echo in sub); x=$(echo subst); echo $x

#### a bad signal name is an error
trap 'echo x' NOSUCHSIG 2>/dev/null; echo "st=$?"

#### wait is interrupted by a trapped signal and returns >128
trap 'echo got' USR1; sleep 5 & p=$!; (sleep 0.3; kill -USR1 $$) & wait $p; st=$?; echo "wait>128: $((st > 128))"; kill $p

#### trap action sees the variables of the moment
x=1; trap 'echo "x=$x"' EXIT; x=2

#### a trap set inside a trap action
trap 'trap "echo second" USR1; echo first' USR1; kill -USR1 $$; kill -USR1 $$; echo end

#### trap - EXIT clears it
trap 'echo no' EXIT; trap - EXIT; echo end

#### trap is a special builtin: an assignment before it stays
V=kept trap 'echo x' USR2; echo "$V"

#### a signal ignored on entry cannot be trapped by a script
trap '' USR1; sh -c 'trap "echo caught" USR1; kill -USR1 $$; echo end; trap'

#### the EXIT trap runs when set -u stops the script
trap 'echo "exit trap $?"' EXIT; set -u; echo "$UNSET_T"; echo not reached

#### the EXIT trap runs when a special builtin's error stops the script
trap 'echo "exit trap $?"' EXIT; shift 9 2>/dev/null; echo not reached

#### a trap on KILL or STOP is accepted and changes nothing
trap 'echo never' KILL; echo $?; trap 'echo never' STOP; echo $?; sh -c 'kill -9 $$'; echo $?
