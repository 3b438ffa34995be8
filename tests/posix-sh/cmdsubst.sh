# Command substitution (POSIX.1-2017 XCU 2.6.3).

#### dollar paren and backquotes
echo $(echo a) `echo b` "$(echo c)" "`echo d`"

#### only trailing newlines are removed
x=$(printf '\n\na\n\nb\n\n\n'); printf '[%s]\n' "$x"

#### output is split when unquoted
set -- $(echo 'a  b'); echo $#
set -- "$(echo 'a  b')"; echo $#

#### nested dollar paren
echo $(echo $(echo $(echo deep)))

#### nested backquotes need escaping
echo `echo \`echo inner\``

#### backslash rules inside backquotes
echo `echo '\$x'` `printf '%s\n' "\\\\"` `echo \\$HOME`

#### backquotes inside double quotes unescape double quotes
echo "`echo \"quoted\"`"

#### parentheses and quotes inside dollar paren
echo $(echo ')' "(" ')(' ) $(echo "a)b")

#### case inside dollar paren
x=$(case a in a) echo matched;; esac); echo $x

#### subshell parens inside dollar paren
echo $( (echo sub) ) $( (echo a); (echo b) )

#### status of an assignment with command substitution
x=$(exit 3); echo $?
x=$(true)$(exit 4); echo $?

#### variables set inside do not leak out
x=1; y=$(x=2; echo $x); echo $x $y

#### command substitution in a here of quotes keeps spaces
x="$(printf 'a   b')"; echo "$x"

#### comments inside dollar paren
echo $(echo a # a comment with )
)

#### arithmetic versus subshell
echo $( (echo 1) ) $((1+1))

#### empty command substitution
set -- $(true); echo $#
echo "[$(true)]"

#### glob in command substitution output
touch f1 f2; echo $(echo 'f*') "$(echo 'f*')"
