# cd and pwd (POSIX.1-2017 XCU cd, pwd). Each case runs in an empty directory.

#### cd and pwd
mkdir -p a/b; cd a/b; pwd | sed "s|^$OLDPWD||"; cd ../..; [ "$PWD" = "$(pwd -P)" ] && echo back

#### PWD and OLDPWD follow cd
mkdir d; start=$PWD; cd d
[ "$PWD" = "$start/d" ] && echo pwd-ok
[ "$OLDPWD" = "$start" ] && echo oldpwd-ok

#### cd dash goes back and prints the directory
mkdir d; start=$PWD; cd d; cd - > out; [ "$(cat out)" = "$start" ] && echo printed; [ "$PWD" = "$start" ] && echo back

#### cd without argument goes home
HOME=$PWD/h; mkdir h; cd /; cd; [ "$PWD" = "$HOME" ] && echo home

#### logical cd through a symbolic link
mkdir -p real/sub; ln -s real/sub link; start=$PWD
cd link; echo "${PWD#$start/}"; cd ..; echo "${PWD#$start}"

#### physical cd resolves links
mkdir -p real/sub; ln -s real/sub link; start=$PWD
cd -P link; echo "${PWD#$start/}"; cd ..; echo "${PWD#$start/}"

#### pwd -L and -P
mkdir real; ln -s real link; start=$PWD; cd link
pwd -L | sed "s|^$start/||"; pwd -P | sed "s|^$start/||"; pwd | sed "s|^$start/||"

#### dot and dot-dot are removed logically
mkdir -p a/b; start=$PWD; cd ./a/./b/../b/..; echo "${PWD#$start/}"

#### CDPATH finds a directory and prints it
mkdir -p base/target; start=$PWD; CDPATH=$start/base; cd target > out; [ "$(cat out)" = "$start/base/target" ] && echo printed
echo "${PWD#$start/}"

#### CDPATH with an empty entry does not print
mkdir -p here base/here; CDPATH=:base; cd here > out; echo "[$(cat out)]"; basename "$PWD"

#### CDPATH is not used for dot-relative paths
mkdir -p base/x; CDPATH=base; cd ./x 2>/dev/null; echo $?

#### cd to a missing directory fails
cd /no/such/dir 2>/dev/null; echo $?
cd 2>/dev/null /no/such/dir; [ "$PWD" = "$(pwd -P)" ] && echo unchanged

#### cd to a file fails
touch f; cd f 2>/dev/null; echo $?

#### cd in a subshell does not change the parent
mkdir d; start=$PWD; (cd d; basename "$PWD"); [ "$PWD" = "$start" ] && echo same

#### empty HOME does nothing
start=$PWD; HOME=; cd; echo $?; [ "$PWD" = "$start" ] && echo same

#### pwd still names a working directory that was removed
mkdir -p gone/d; cd gone/d; rmdir ../d; p=$(pwd); echo "${p##*/} $?"
