# Here-documents (XCU 2.7.4): << and <<-, quoted and unquoted delimiters,
# several on a line, in compound commands, functions, $( ) and pipelines.

#### here-document basic
cat <<EOF
hello
world
EOF

#### unquoted body expands parameters, commands and arithmetic
x=val
cat <<EOF
x=$x ${x}s $(echo cmd) `echo bq` $((2*3))
EOF

#### backslash in an unquoted body is special only before $ ` \ and newline
x=v
cat <<EOF
\$x \`no\` \\ \a \" "$x" 'q'
line \
continued
EOF

#### single-quoted delimiter keeps the body literal
x=v
cat <<'EOF'
$x $(echo no) \$ \\
EOF

#### double-quoted delimiter keeps the body literal
cat <<"EOF"
$HOME `echo no`
EOF

#### backslash delimiter keeps the body literal
cat <<\EOF
$HOME
EOF

#### partly quoted delimiter E"O"F
cat <<E"O"F
$HOME stays
EOF

#### <<- strips leading tabs from body and delimiter
cat <<-EOF
	one
		two
	EOF
echo after

#### two here-documents on one line
cat <<A; cat <<B
from a
A
from b
B

#### two here-documents for one command: the last wins
cat <<A <<B
first
A
second
B

#### here-document in a pipeline
cat <<EOF | tr a-z A-Z
shout
EOF

#### here-document to another descriptor
cat 3<<EOF <&3
fd three
EOF

#### here-document inside if and while
if true; then
  cat <<EOF
in if
EOF
fi
i=0
while [ $i -lt 2 ]; do
  cat <<EOF
loop $i
EOF
  i=$((i+1))
done

#### here-document read by a while loop
while read a b; do echo "[$b|$a]"; done <<EOF
1 one
2 two
EOF

#### here-document inside a function
f() {
  cat <<EOF
arg $1
EOF
}
f x; f y

#### here-document in command substitution
v=$(cat <<EOF
inside
EOF
)
echo "[$v]"

#### delimiter must match the whole line
cat <<EOF
EOF2
 EOF
EOF
echo done

#### empty here-document
cat <<EOF
EOF
echo empty

#### here-document at end of file without delimiter
cat <<EOF
no end

#### large here-document does not deadlock
{
  echo 'cat <<EOF'
  i=0
  while [ $i -lt 3000 ]; do
    echo "line $i of a body much bigger than a pipe buffer"
    i=$((i+1))
  done
  echo EOF
} > big.sh
. ./big.sh | wc -l

#### here-document body with quotes and parens
cat <<EOF
it's (fine) "yes"
EOF

#### here-document redirection with a builtin
read x <<EOF
builtin-input
EOF
echo $x

#### here-document with quotes and parens inside command substitution
x=$(cat <<EOF
it's (a) "test"
EOF
)
echo "[$x]"
y=$(cat <<'EOF'
)
EOF
)
echo "[$y]"

#### here-document delimiter with spaces in quotes
cat <<'END OF TEXT'
body
END OF TEXT
