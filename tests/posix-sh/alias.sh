# Aliases (XCU 2.3.1, alias and unalias).

#### alias substitution on the next line
alias say='echo said'
say hello

#### alias on the same line is not yet in effect
alias now='echo now'; now 2>/dev/null || echo not-yet
now

#### alias with arguments appended
alias l='echo l:'
l a b

#### alias value ending in a blank makes the next word an alias too
alias run='echo running '
alias thing=stuff
run thing

#### alias without trailing blank leaves the next word alone
alias run2='echo running'
alias thing=stuff
run2 thing

#### alias does not recurse on itself
alias echo='echo [aliased]'
echo hi

#### aliases chain
alias a1=a2
alias a2='echo chained'
a1

#### alias only in command position
alias word='echo replaced'
echo word

#### quoted word is not an alias
alias q='echo alias'
'q' 2>/dev/null || echo quoted-not-alias

#### alias listing is re-readable
alias x='echo "a  b" '\''c'\'''
alias x
def=$(alias x)
unalias x
eval "alias $def"
alias x
x

#### alias listing of several
alias b1='one' b2='two three'
alias b1 b2

#### unknown alias is an error
alias nosuch 2>/dev/null; echo "st $?"

#### unalias removes an alias
alias gone='echo still'
unalias gone
gone 2>/dev/null || echo removed

#### unalias -a removes all
alias u1=true u2=true
unalias -a
alias; echo "st $?"

#### unalias of an unknown name fails
unalias nosuch 2>/dev/null; echo "st $?"

#### alias to a reserved word
alias begin='{'
alias end='}'
begin echo in-group; end

#### alias defined in a function body applies after
alias hi='echo hi-alias'
f() { hi; }
f

#### alias after an assignment
alias show='echo shown'
v=1 show

#### alias inside command substitution text
alias inner='echo inner'
x=$(inner); echo "[$x]"
