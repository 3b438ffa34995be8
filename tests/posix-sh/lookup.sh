# Command search (XCU 2.9.1.1), command, type, hash.

#### command -v for a PATH program, a builtin, a keyword
command -v cat
command -v cd
command -v if

#### command -v for a function and an alias
f() { :; }
alias al='echo x'
command -v f
command -v al

#### command -v of an unknown name
command -v no-such-command-xyz; echo "st $?"

#### command -V describes
command -V cd
command -V if

#### command skips functions
cat() { echo function-cat; }
cat </dev/null
command cat </dev/null; echo "st $?"
unset -f cat

#### command runs builtins
command echo via-command
command true; echo "st $?"

#### command -p finds the standard utilities
PATH=/nonexistent
command -p cat /dev/null; echo "st $?"

#### command with an unknown name
command no-such-command-xyz 2>/dev/null; echo "st $?"

#### type for every kind
f() { :; }
alias al='echo x'
type cd
type if
type f
type al
type exit
type cat

#### type of an unknown name
type no-such-command-xyz; echo "st $?"

#### type of several names
type cd no-such-command-xyz true; echo "st $?"

#### hash remembers and forgets
hash cat
hash | grep -c cat
hash -r
hash | grep -c cat

#### hash of an unknown name
hash no-such-command-xyz 2>/dev/null; echo "st $?"

#### hash is reset when PATH changes
cat </dev/null
hash | grep -c cat
PATH=$PATH
hash | grep -c cat

#### lookup order special builtin, function, builtin, PATH
true() { echo my-true; }
true
command true; echo "st $?"

#### not found status and message
no-such-command-xyz
echo "st $?"

#### not found message names the line
## compare: stderr
echo first
no-such-command-xyz
echo "st $?"

#### permission denied is 126
echo 'echo x' > np.sh
./np.sh 2>/dev/null; echo "st $?"

#### a path that does not exist is 127
./no-such-file 2>/dev/null; echo "st $?"
