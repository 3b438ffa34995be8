# Exit status and command search (XCU 2.8, 2.9.1).

#### command not found is 127
nonexistent_cmd_xyz 2>/dev/null; echo $?

#### not executable is 126
echo 'echo hi' > s; chmod 644 s; ./s 2>/dev/null; echo $?

#### script without shebang runs in a shell
printf 'echo from-script $1\n' > s; chmod 755 s; ./s arg

#### exit with a status
(exit 5); echo $?; (exit 256); echo $?

#### exit without a status keeps the last
(false; exit); echo $?

#### the script's exit status
echo before; exit 7; echo after

#### status of the last command ends the script
false

#### dollar question after a builtin
cd /nonexistent 2>/dev/null || echo failed

#### signal death is 128 plus the number
sh -c 'kill -9 $$'; echo $?

#### command with slash is not searched
mkdir b; printf 'echo local\n' > b/t; chmod +x b/t; b/t; PATH=/nonexistent t 2>/dev/null; echo $?

#### PATH search finds an executable
mkdir bin; printf '#!/bin/sh\necho found\n' > bin/mycmd; chmod +x bin/mycmd; PATH=$PWD/bin:$PATH mycmd

#### assignment-only command status
false; x=1; echo $?

#### environment of an assignment prefix
x=outer; x=inner sh -c 'echo $x'; echo $x

#### each prefix assignment sees the ones before it
A=outer; A=1 B=[$A] C=$B sh -c 'echo "$A $B $C"'; echo "$A [$B]"
f() { echo "$X $Y"; }; X=x Y=$X-y f
