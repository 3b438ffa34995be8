# The read builtin (POSIX.1-2017 XCU read).

#### read splits into variables
echo 'one two three four' > in; read a b c < in; echo "[$a][$b][$c]"

#### last variable gets the rest without trailing blanks
printf '  a  b  c  \n' > in; read x y < in; echo "[$x][$y]"

#### fewer fields than variables
echo one > in; read a b c < in; echo "[$a][$b][$c]"

#### backslash escapes without -r
printf 'a\\ b c\\\\d\n' > in; read x y < in; echo "[$x][$y]"

#### raw mode keeps backslashes
printf 'a\\ b c\\\\d\n' > in; read -r x y < in; printf '[%s][%s]\n' "$x" "$y"

#### backslash newline continues the line
printf 'one \\\ntwo\n' > in; read x < in; echo "[$x]"
read -r x < in; echo "[$x]"

#### IFS with non-whitespace separators
echo 'a:b::d' > in; IFS=: read w x y z < in; echo "[$w][$x][$y][$z]"

#### a trailing separator after one remaining field is dropped
echo 'a:b:' > in; IFS=: read x y < in; echo "[$x][$y]"
echo 'a:b::' > in; IFS=: read x y < in; echo "[$x][$y]"
echo 'a:b:c:' > in; IFS=: read x y < in; echo "[$x][$y]"

#### empty IFS keeps the whole line
printf '  a  b  \n' > in; IFS= read -r x < in; echo "[$x]"

#### escaped separator is not a separator
printf 'x\\:y:z\n' > in; IFS=: read a b < in; echo "[$a][$b]"

#### end of file without newline sets the variable and fails
printf 'last' > in; read x < in; echo "$? [$x]"

#### end of file with nothing read
: > in; read x < in; echo "$? [$x]"

#### read in a while loop
printf 'l1\nl2\nl3\n' > in; while read -r line; do echo "<$line>"; done < in

#### read from a pipe runs in a subshell
echo piped | read x; echo "[$x]"

#### read with a variable IFS prefix does not keep IFS
echo 'a,b' > in; IFS=, read x y < in; echo "[$x][$y]"; set -- $(echo 'c,d'); echo $#

#### read leaves the rest of standard input
printf 'first\nsecond\n' > in; { read a; cat; } < in

#### read of a bad name
echo x | { read 1x 2>/dev/null; echo $?; }

#### prompt is not printed when input is not a terminal
echo val > in; read -p 'prompt> ' x < in 2>&1; echo "[$x]"

#### read without a name fills REPLY unsplit
## oracle: bash
printf '  a  b  \nlast' > f; { read; echo "[$REPLY]"; read; echo "$? [$REPLY]"; } < f
