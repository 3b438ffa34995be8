# The case conditional construct (XCU 2.9.4.3).

#### case simple match
case b in a) echo A;; b) echo B;; c) echo C;; esac

#### case alternatives with |
for w in x y z; do case $w in x|y) echo "$w: xy";; *) echo "$w: other";; esac; done

#### case with glob patterns
for w in apple banana cherry a.c; do
  case $w in
    a*) echo "$w starts with a";;
    *an*) echo "$w has an";;
    ?????) echo "$w has five";;
    *) echo "$w none";;
  esac
done

#### case bracket patterns
for c in a M 5 -; do case $c in [a-z]) echo lower;; [A-Z]) echo upper;; [0-9]) echo digit;; [!a-z0-9]) echo other;; esac; done

#### case quoted pattern characters match literally
for w in '*' x; do case $w in '*') echo "star";; *) echo "any $w";; esac; done
case 'a?' in a\?) echo escaped;; esac
case abc in "a"*) echo quoted-prefix;; esac

#### case pattern from a variable is a pattern, quoted it is literal
p='*.c'
case main.c in $p) echo unquoted-matches;; esac
case main.c in "$p") echo no;; *) echo quoted-literal;; esac

#### case parenthesised pattern
case x in (x) echo open-paren;; esac

#### case last ;; optional
case a in a) echo last-no-dsemi
esac

#### case empty body and no match status
case a in a) ;; esac; echo "st $?"
false; case z in a) echo no;; esac; echo "st $?"

#### case status is the list's
case a in a) false;; esac; echo "st $?"

#### case newlines everywhere
case x
in
  x)
    echo one
    echo two
    ;;
  y) echo no
esac

#### case words are not reserved in arguments
echo case in esac

#### case word expansion
x=hello
case $x in hel*) echo "matched $x";; esac
case "$(echo sub)" in sub) echo subst;; esac

#### case first match wins
case aa in a*) echo first;; aa) echo second;; esac

#### case with esac as a pattern after a paren
case esac in (esac) echo esac-pattern;; esac

#### case inside a loop with break
for i in 1 2 3; do case $i in 2) break;; esac; echo $i; done

#### case in a pipeline and a subshell
case a in a) echo piped;; esac | cat
(case b in b) echo sub;; esac)

#### case syntax error missing esac
## compare: stderr
case a in a) echo x;;

#### case inside command substitution
x=$(case a in a) echo in-subst;; esac)
echo "$x"
y=$(case b in (b) echo paren-form;; esac)
echo "$y"

#### comment inside command substitution
x=$(echo a # comment with ) paren
)
echo "$x"
