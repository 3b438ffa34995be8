# Quoting (POSIX.1-2017 XCU 2.2): backslash, single and double quotes.

#### backslash escapes a blank
echo a\ \ b

#### backslash-newline is removed
echo ab\
cd

#### single quotes keep everything
x=1; echo '$x \ " `date`'

#### single quote inside single quotes
echo 'it'\''s'

#### double quotes expand $ and backquote
x=val; echo "x=$x `echo cmd` $(echo sub)"

#### backslash in double quotes before special characters
printf '%s\n' "\$ \` \" \\ \a \n"

#### backslash-newline inside double quotes
echo "ab\
cd"

#### empty quoted words are fields
set -- '' "" a; echo $#

#### quotes join with unquoted text
echo 'a'"b"c\d

#### double-quoted at sign keeps fields
set -- 'a b' c; for w in "$@"; do echo "[$w]"; done

#### dollar sign alone is literal
echo $ "$" a$ "a$"

#### quoted reserved word is not reserved
'if' 2>/dev/null; echo $?; "for" 2>/dev/null; echo $?

#### hash only starts a comment at a word's start
echo a#b '#c' \#d # e

#### quoted glob characters are literal
mkdir d; touch d/x d/y; echo "d/*" 'd/?' d/\*

#### quoted tilde is literal
HOME=/h; echo "~" '~' \~ ~

#### newline in single quotes
echo 'a
b'

#### dollar single quotes decode escapes
## oracle: bash
[ $'a\tb' = "$(printf 'a\tb')" ] && echo tab
[ $'\x41\102' = AB ] && echo hex-octal
[ $'\cA' = "$(printf '\001')" ] && echo control
[ $'it\'s' = "it's" ] && echo quote
[ $'q\"\\' = 'q"\' ] && echo backslash
[ $'\e' = "$(printf '\033')" ] && echo escape
[ $'a\0b' = a ] && echo nul-ends
echo $'x y' "$'not in double quotes'" $'' end

#### dollar single quotes are one field and never globbed
## oracle: bash
touch a1 a2; set -- $'a*' $'1 2'; echo $# "$1"

#### dollar single quotes with unicode escapes
## oracle: none
## stdout: mu\nemoji\n
[ $'\u03bc' = "$(printf '\316\274')" ] && echo mu; [ $'\U0001F600' = "$(printf '\360\237\230\200')" ] && echo emoji
