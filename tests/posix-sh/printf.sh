# The printf builtin (POSIX.1-2017 XCU printf).

#### strings and width
printf '[%s] [%5s] [%-5s] [%.2s]\n' abc abc abc abc

#### integers and flags
printf '%d %i %5d %-5d| %05d %+d % d\n' 1 2 3 4 5 6 7

#### bases
printf '%o %x %X %#o %#x %u\n' 8 255 255 8 255 42

#### negative numbers in unsigned conversions
printf '%u %x\n' -1 -1

#### character constants as numbers
printf '%d %d\n' "'A" '"a'

#### hexadecimal and octal arguments
printf '%d %d %d\n' 0x1f 010 -0x10

#### floating point
printf '%f %.2f %e %.3E %g %G\n' 3.14159 2.675 12345.678 0.00012 0.0001 1e20

#### floating point width and precision
printf '[%8.3f] [%-8.2f] [%08.2f]\n' 3.14159 2.5 -1.5

#### the format is reused
printf '%s=%s\n' a 1 b 2 c

#### missing arguments are empty or zero
printf '[%s] [%d] [%5s]\n' only

#### no arguments at all
printf 'plain\n'; printf '%s\n'

#### escapes in the format
printf 'a\tb\\c\101\n'

#### percent sign
printf '100%%\n'

#### b conversion interprets escapes
printf '%b\n' 'x\ty' 'one\ntwo' '\0101'

#### backslash c in b stops all output
printf '%b %s\n' 'stop\chere' more; echo

#### c conversion takes the first character
printf '%c%c%c\n' hello world !

#### star width and precision
printf '[%*d] [%-*s] [%.*s]\n' 5 42 4 ab 2 abcdef

#### bad number is an error but prints what converted
printf '%d\n' 12abc 2>/dev/null; echo "status $?"
printf '%d\n' abc 2>/dev/null; echo "status $?"

#### bad number message
## compare: stderr
printf '%d\n' abc 2>&1 | sed 's/^[^:]*: [0-9]*: //'

#### printf does not add a newline
printf abc; printf 'def\n'

#### dash dash before the format
printf -- '%s\n' x

#### printf output in command substitution
x=$(printf '%03d' 7); echo "$x"

#### printf to build a line
printf '%s,' a b c; echo

#### printf without a format is a usage error
printf 2>/dev/null; echo $?
