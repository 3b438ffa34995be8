# Parameter expansion (POSIX.1-2017 XCU 2.6.2) and special parameters (2.5.2).

#### braces delimit the name
x=ab; echo ${x}c "${x}c" $xc.

#### use a default value
unset u; e=; s=set
echo "${u-d1} ${u:-d2} [${e-d3}] ${e:-d4} ${s:-d5}"

#### assign a default value
unset u; e=
echo "${u=one} ${e:=two} [${u}] [${e}]"
echo "${u:=three} $u"

#### alternative value
unset u; e=; s=set
echo "[${u+a1}] [${e+a2}] [${e:+a3}] [${s:+a4}]"

#### default word is expanded only when used
unset u; s=set
echo ${s:-$(echo ran >&2; echo no)} ${u:-$((1+2))}

#### error when unset stops the script
unset u
echo before
: ${u?custom message}
echo not reached

#### error when null with colon
e=
(: ${e:?}) 2>/dev/null; echo $?
(: ${e?}) 2>/dev/null; echo $?

#### error message of question mark
## compare: stderr
unset u
( : ${u?went wrong} ) 2>&1 | sed 's/^[^:]*: [0-9]*: //'
( : ${u:?} ) 2>&1 | sed 's/^[^:]*: [0-9]*: //'
( : ${u?} ) 2>&1 | sed 's/^[^:]*: [0-9]*: //'

#### string length
x=hello; e=; echo ${#x} ${#e} ${#unset_var}

#### length of positional parameters
set -- a bb ccc; echo ${#} ${#1} ${#3} $#

#### remove smallest and largest prefix
p=/usr/local/lib/libc.so.6
echo ${p#*/} ${p##*/} ${p#/usr}

#### remove smallest and largest suffix
p=/usr/local/lib/libc.so.6
echo ${p%.*} ${p%%.*} ${p%/*}

#### pattern removal with no match keeps the value
x=abc; echo ${x#z} ${x%z} ${x##?x} ${x%%[0-9]}

#### quoted pattern characters are literal
x='a*b*c'
echo "${x#*\*}" "${x#'a*'}" "${x%"*c"}" ${x%\**}

#### pattern from a variable is a pattern
x=aXbXc; p='*X'
echo ${x#$p} ${x##$p} "${x#"$p"}"

#### bracket expressions in removal patterns
x=abc123def
echo ${x%%[0-9]*} ${x##*[[:digit:]]} ${x#[!b]}

#### nested parameter expansions
unset a; b=inner
echo ${a:-${b:-x}} "${a:-"${b}s"}" ${a:-${a:-deep}}

#### positional parameters beyond nine
set -- 1 2 3 4 5 6 7 8 9 ten eleven
echo ${10} ${11} $10

#### dollar zero in a script is the script
[ -f "$0" ] && echo ok

#### special parameters
set -- a b; echo $# "$*"
false; echo $?
true; echo $?
echo $$ | grep -q '^[0-9][0-9]*$' && echo pid-ok

#### dollar bang after a background job
sleep 0 & p=$!
wait $p; echo $?
[ "$p" -gt 0 ] && echo bang-ok

#### at sign and star in quotes
set -- 'a b' c ''
for w in "$@"; do printf '[%s]' "$w"; done; echo
for w in "$*"; do printf '[%s]' "$w"; done; echo
for w in $@; do printf '[%s]' "$w"; done; echo
for w in $*; do printf '[%s]' "$w"; done; echo

#### quoted at sign with no parameters is no field
set --
set -- "$@"; echo $#
set -- "$@" ""; echo $#
set -- x; shift; for w in "$@"; do echo never; done; echo done

#### at sign joined to text
set -- 1 2 3
printf '[%s]' "a$@b"; echo
printf '[%s]' "${@}"; echo

#### star joined with the first character of IFS
set -- a b c
IFS=:; echo "$*"
IFS=; echo "$*"
unset IFS; echo "$*"

#### length of at sign is the count
set -- a b c d; echo ${#@} ${#*}

#### dollar hyphen lists options
echo "$-" | grep -c i

#### PPID is the parent's process id
sh -c 'echo $PPID' > ppid.txt &
wait
[ "$(cat ppid.txt)" = "$$" ] && echo ppid-ok

#### RANDOM gives numbers
## oracle: bash
a=$RANDOM
[ "$a" -ge 0 ] && [ "$a" -le 32767 ] && echo in-range
RANDOM=7; a=$RANDOM; RANDOM=7; b=$RANDOM; [ "$a" = "$b" ] && echo seeded
unset RANDOM; RANDOM=x; echo $RANDOM

#### bad substitution
(echo ${x:}) 2>/dev/null; echo $?

#### a parameter expansion in a here string of quotes keeps spaces
x='a   b'
echo "${x}" ${x}

#### unset variable in double quotes is an empty field
unset u; set -- "$u" "${u}"; echo $#

#### declaration utilities expand NAME=value arguments as assignments
x='a  b *'; export e=$x; readonly r=$x; f() { local l=$x; echo "[$l]"; }; f; echo "[$e] [$r]"
HOME=/home/u; export t=~/src u=a:~/b; echo "$t $u"

#### declaration utilities still split other arguments
x='p q'; export $x; p=1; q=2; sh -c 'echo "$p $q"'
