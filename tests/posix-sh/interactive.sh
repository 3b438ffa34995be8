# Start-up of interactive and login shells (XCU sh: ENV, PS1, PS2; dash's
# -l). Each case starts the shell under test itself again (/proc/$$/exe)
# with -i or -l; its standard input is not a terminal, so the prompts
# (on stderr) are looked at through a file where they matter.

#### ENV names a file an interactive shell reads before the commands
echo 'echo from-env; X=set' > envfile
echo 'echo "X=$X"' | ENV=./envfile /proc/$$/exe -i 2>/dev/null

#### ENV is parameter-expanded before use
echo 'echo expanded' > envfile
echo 'echo after' | D=$PWD ENV='$D/envfile' /proc/$$/exe -i 2>/dev/null

#### ENV's functions and variables stay in the shell
printf 'f() { echo in-f; }\nV=v\n' > envfile
echo 'f; echo $V' | ENV=./envfile /proc/$$/exe -i 2>/dev/null

#### a non-interactive shell does not read ENV
echo 'echo wrong' > envfile
ENV=./envfile /proc/$$/exe -c 'echo only-this'
echo 'echo from-stdin' | ENV=./envfile /proc/$$/exe

#### an empty ENV reads nothing
echo 'echo wrong' > .shrc
echo 'echo ok' | HOME=$PWD ENV= /proc/$$/exe -i 2>/dev/null

#### a missing ENV file is no error
echo 'echo ok; exit 3' | ENV=./nonexistent /proc/$$/exe -i 2>/dev/null; echo "status $?"

#### exit in ENV's file ends the shell
echo 'echo before; exit 4' > envfile
echo 'echo never' | ENV=./envfile /proc/$$/exe -i 2>/dev/null; echo "status $?"

#### sh -l reads $HOME/.profile before -c's command
mkdir h; echo 'echo profile; P=p' > h/.profile
HOME=$PWD/h /proc/$$/exe -l -c 'echo "P=$P"'

#### a login shell reads .profile, then ENV when interactive
mkdir h; echo 'echo profile' > h/.profile; echo 'echo env' > envfile
echo 'echo cmd' | HOME=$PWD/h ENV=$PWD/envfile /proc/$$/exe -l -i 2>/dev/null

#### a shell that is not a login reads no .profile
mkdir h; echo 'echo wrong' > h/.profile
HOME=$PWD/h /proc/$$/exe -c 'echo plain'

#### PS2 defaults to "> "
echo 'echo "[$PS2]"' | /proc/$$/exe -i 2>/dev/null

#### PS1 from the environment is kept and expanded before each prompt
echo 'X=two' | PS1='<$X>' X=one /proc/$$/exe -i 2>err; tr '>' '\n' < err | grep '<'

#### PS2 is shown for each continuation line
printf 'if true\nthen echo yes\nfi\n' | PS2='[more]' /proc/$$/exe -i 2>err; tr ']' '\n' < err | grep -c more

#### PS1 set in ENV's file is used at the first prompt
echo "PS1='(env-ps1)'" > envfile
echo 'echo x' | ENV=./envfile /proc/$$/exe -i 2>err; tr ')' '\n' < err | grep -c env-ps1

#### $- holds i in an interactive shell only
echo 'case $- in *i*) echo interactive;; esac' | /proc/$$/exe -i 2>/dev/null
/proc/$$/exe -c 'case $- in *i*) echo wrong;; *) echo not;; esac'
