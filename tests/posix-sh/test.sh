# The test and [ builtins (POSIX.1-2017 XCU test).

#### zero and one argument
test; echo $?
test ''; echo $?
test x; echo $?
[ -n ]; echo $?

#### string comparisons
[ a = a ]; echo $?
[ a = b ]; echo $?
[ a != b ]; echo $?
[ -n abc ]; echo $?
[ -z abc ]; echo $?
[ -z '' ]; echo $?

#### string ordering
[ a \< b ]; echo $?
[ b \< a ]; echo $?
[ b \> a ]; echo $?

#### integer comparisons
[ 1 -eq 1 ]; echo $?
[ 1 -ne 1 ]; echo $?
[ -1 -lt 2 ]; echo $?
[ 2 -le 2 ]; echo $?
[ 3 -gt 4 ]; echo $?
[ 4 -ge 4 ]; echo $?
[ 010 -eq 10 ]; echo $?

#### bad integer is an error
[ abc -eq 1 ] 2>/dev/null; echo $?
[ 1 -lt '' ] 2>/dev/null; echo $?

#### file tests
mkdir d; touch f; echo data > s; ln -s f l; mkfifo p
for op in -e -f -d -s -h -L -p -r -w; do
  for x in d f s l p nope; do test $op $x && printf '%s %s\n' $op $x; done
done

#### executable test
touch x; chmod +x x; touch n; [ -x x ]; echo $?; [ -x n ]; echo $?

#### newer and older files
touch -t 202001010000 old; touch new
[ new -nt old ]; echo $?
[ old -nt new ]; echo $?
[ old -ot new ]; echo $?
[ nope -ot new ]; echo $?
[ new -nt nope ]; echo $?

#### same file
touch f; ln f hard; ln -s f soft; touch g
[ f -ef hard ]; echo $?
[ f -ef soft ]; echo $?
[ f -ef g ]; echo $?

#### negation
[ ! a = b ]; echo $?
[ ! -n x ]; echo $?
[ ! ]; echo $?
[ ! '' ]; echo $?

#### three arguments with binary operator first
[ ! = x ]; echo $?
[ -n = -n ]; echo $?
[ '(' = '(' ]; echo $?

#### parentheses
[ '(' x ')' ]; echo $?
[ '(' -n '' ')' ]; echo $?
[ ! '(' a = b ')' ]; echo $?

#### and or
[ a = a -a b = b ]; echo $?
[ a = a -a b = c ]; echo $?
[ a = b -o b = b ]; echo $?
[ a = b -o b = c ]; echo $?

#### and binds tighter than or
[ x -o '' -a '' ]; echo $?
[ '' -a x -o x ]; echo $?

#### longer expressions with parentheses
[ '(' a = a -o a = b ')' -a '(' 1 -lt 2 ')' ]; echo $?
[ ! '(' a = a ')' -o '(' 1 -gt 2 ')' ]; echo $?

#### missing closing bracket
[ a = a 2>/dev/null; echo $?

#### unknown unary operator
[ -q x ] 2>/dev/null; echo $?

#### too many arguments
[ a b c d e ] 2>/dev/null; echo $?

#### -t on a non-terminal
[ -t 0 ] < /dev/null; echo $?

#### test with variables quoted and empty
e=; [ -z "$e" ]; echo $?; [ "$e" = "" ]; echo $?
