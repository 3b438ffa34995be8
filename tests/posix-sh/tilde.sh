# Tilde expansion (POSIX.1-2017 XCU 2.6.1). HOME is /root in every case.

#### tilde alone and with a path
echo ~ ~/x ~/

#### quoted tilde is literal
echo "~" '~' \~ "~/x"

#### tilde not at the start is literal
echo a~ x/~ -~

#### tilde follows HOME
HOME=/some/where; echo ~ ~/a

#### tilde with a user name
echo ~root ~root/bin

#### unknown user leaves the word
echo ~no_such_user_here ~no_such_user_here/x

#### tilde in an assignment after equals and colons
x=~/a:~/b:~root; echo "$x"

#### tilde in a plain argument after colon is literal
echo a:~/b

#### tilde result is not split or globbed
HOME='/a b*'; set -- ~; echo $#; echo "$1"

#### tilde in a default value word
unset u; echo ${u:-~} ${u:-~/x}

#### tilde with a quoted user part is literal
echo ~"root" ~'root'

#### tilde in a redirection target
HOME=$PWD; echo hi > ~/out; cat out

#### empty HOME
HOME=; echo "[~]" [~] ~/x
