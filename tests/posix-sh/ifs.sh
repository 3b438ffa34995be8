# Field splitting (POSIX.1-2017 XCU 2.6.5).

#### default IFS splits on blanks and newlines
x=' a  b
c	d '
set -- $x; echo $#; printf '[%s]' "$@"; echo

#### unset IFS is the default
unset IFS; x=' a  b '; set -- $x; echo $# "$1"

#### empty IFS does not split
IFS=; x=' a  b '; set -- $x; echo $#; printf '[%s]\n' "$1"

#### non-whitespace separator makes empty fields
IFS=:; x='a::b:'; set -- $x; echo $#; printf '[%s]' "$@"; echo

#### leading non-whitespace separator gives an empty first field
IFS=:; x=':a'; set -- $x; echo $#; printf '[%s]' "$@"; echo

#### whitespace around a non-whitespace separator is part of it
IFS=' :'; x=' a : b :: c '; set -- $x; echo $#; printf '[%s]' "$@"; echo

#### a lone separator gives one empty field
IFS=:; x=':'; set -- $x; echo $#
x='::'; set -- $x; echo $#

#### quoted parts are never split
IFS=:; x='a:b'; set -- "$x" $x; echo $#

#### literal text is not split by IFS
IFS=o; set -- foo$(echo boo); echo $#; printf '[%s]' "$@"; echo

#### splitting of command substitution
set -- $(printf 'one two\nthree\n'); echo $#

#### splitting of arithmetic results
IFS=1; set -- $((212)); echo $#; printf '[%s]' "$@"; echo

#### empty expansion gives no field
e=; set -- $e; echo $#
set -- $e ""; echo $#
set -- "$e"; echo $#

#### quoted empty string joined to an expansion
x=' a'; set -- ""$x; echo $#; printf '[%s]' "$@"; echo
x='a '; set -- $x""; echo $#; printf '[%s]' "$@"; echo

#### unquoted at sign drops empty parameters
set -- a '' b; IFS=:
set -- $@; echo $#

#### unquoted star with empty IFS keeps parameters apart
set -- 'a b' c; IFS=
set -- $*; echo $#; printf '[%s]' "$@"; echo

#### IFS with a tab only
IFS='	'; x='a b	c'; set -- $x; echo $#; printf '[%s]' "$@"; echo

#### IFS change applies to later expansions
x='a-b-c'; IFS=-; set -- $x; echo $#; IFS=' '; set -- $x; echo $#

#### for loop over split words
IFS=,; list='red,green,,blue'; for c in $list; do printf '<%s>' "$c"; done; echo

#### IFS in a command prefix does not split that command's words
x='a:b'; IFS=: set -- $x; echo $#
