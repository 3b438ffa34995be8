# Pathname expansion (POSIX.1-2017 XCU 2.6.6, 2.13). Each case runs in an empty directory.

#### star matches and sorts
touch b a c .hidden; echo *

#### question mark matches one character
touch a1 a22 b1; echo a? ?1

#### no match leaves the word
echo *.none x?y '[z'

#### dot files only with a leading dot
touch .a .b c; echo .[ab] *

#### quoted pattern characters are literal
touch a b '*'; echo "*" '*' \* "a"*

#### bracket expression with range and negation
touch a1 b2 c3 d4; echo [a-b]* [!a-c]?

#### circumflex negates a bracket expression as bash does
## oracle: bash
touch a1 b2 c3 d4; echo [^a-c]?

#### character classes
touch A b 1 _; echo [[:upper:]] [[:lower:]] [[:digit:]] [[:alpha:]_]

#### closing bracket first in a list is literal
touch ']' a; echo []a]

#### expansion result is globbed when unquoted
touch x1 x2; p='x*'; echo $p "$p"

#### globbing happens after field splitting
touch a1 b1; p='a* b*'; echo $p

#### patterns in directories
mkdir -p d/e; touch d/f d/e/g; echo d/* */e/* d/*/g

#### a slash is never matched by a wildcard
mkdir d; touch d/x; echo d?x *x

#### pattern with trailing slash matches directories
mkdir d1 d2; touch f1; echo *1/

#### backslash escapes a pattern character
touch 'a*' ab; echo a\* a*

#### globbing in for loops
touch 1.txt 2.txt 3.log; for f in *.txt; do echo "<$f>"; done

#### assignments are not globbed
touch a b; x=*; echo "$x"

#### case patterns use the same matcher
case abc in a[!x]?) echo yes;; *) echo no;; esac
case 'a*' in a\*) echo star;; esac
case '[x' in \[x) echo open;; esac

#### a quoted dash in a bracket expression is not a range
touch foo.- c.C B.B; echo *.[C-D] *.[C\-D] *.[A'-'C]
