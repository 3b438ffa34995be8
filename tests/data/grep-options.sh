# grep -E -w -o -q -r ... with our /bin/grep on Tiny OS and GNU grep on the host:
# the same output (tests/suites/toolbox.py runs it with busybox sh on both).
t=/tmp/grep-test.$$; mkdir -p $t/d/e && cd $t
printf 'foo bar\nFoo_baz\nfoofoo foo\nbar\n123 abc-123\ncolor colour\n' > a
printf 'nothing\nfoo here\n' > d/b
printf 'deep foo\n' > d/e/c
printf 'x\0foo\n' > d/bin
ln -s ../a d/link
# GNU grep names itself by argv[0] in messages, ours by its base name.
g() { echo "== grep $*"; { /bin/grep "$@" 2>&1; echo "status $?"; } | sed 's|^/bin/grep:|grep:|'; }
# -r walks in directory order on GNU (the file system's), by name on ours: sorted.
gs() { echo "== grep $*"; { /bin/grep "$@" 2>&1; echo "status $?"; } | sed 's|^/bin/grep:|grep:|' | sort; }
g -E 'colou?r' a; g -E 'fo+|ba[rz]' a; g -E '(foo){2}' a; g -E '[0-9]{3}' a; g -Eo '[0-9]+' a
g -o 'fo*' a; g -ow foo a; g -w foo a; g -wi foo a; g -x bar a; g -c foo a; g -vc foo a; g -n -E 'ba.' a
g -on 'o' a; g -oi 'F.O' a; g -io 'colo\(u\)\?r' a; g -e foo -e bar -c a; g -E 'a|^1' a; g -l foo a d/b
g -H foo a; g -h foo a d/b; gs -r foo; gs -r foo d; gs -rh foo d; gs -rl foo .; gs -rc foo d; g -r foo a
gs -rn foo d/; gs -R foo d; g -E '\<ba' a; g 'o\b' a; g -w 'foo.*' a; g -F 'a-1' a; g -Fx bar a; g -Fw foo a
g -Fi FOO a; g -q foo a; g -q nosuch a; g -E '(' a; g foo nosuch; g -s foo nosuch; g foo d
g -E 'c(o|ol)(o|our)' a; g -o '' a; g -E 'x{2,3}|(ab|a)c' a; g -c '\(o\)\1' a; g -E '^(foo|bar)$' a
g -lv foo a d/b; g -vn o a; g -Ec '' a; g -ovi 'foo' a; g -n foo d/bin; g -c foo d/bin
echo 'one two' | /bin/grep -o '[a-z]*'; echo "status $?"
cd /; rm -r $t
