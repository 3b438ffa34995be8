# BusyBox applets on Tiny OS (tests/suites/toolbox.py): run by busybox sh on
# Tiny OS and on the host; the outputs must match. One line per applet.
set -e
d=$(mktemp -d /tmp/applets.XXXXXX); cd "$d"
printf 'one 1\ntwo 2\nthree 3\nfour 4\n' > t
echo "sed: $(sed -n 's/^t\(.*\) \([0-9]\)$/\2-\1/p' t | tr '\n' ' ')"
echo "awk: $(awk '{s+=$2; n=n $1} END {printf "%d %s %d", s, n, NR}' t)"
mkdir -p a/b/c; echo x > a/b/f1; echo yy > a/b/c/f2; ln -s f1 a/b/l
echo "find: $(find a | sort | tr '\n' ' ')"
echo "find-type: $(find a -type f -name 'f*' | sort | tr '\n' ' ')"
echo "xargs: $(find a -type f | sort | xargs cat | tr '\n' ' ')"
echo "xargs-n: $(echo 1 2 3 4 5 | xargs -n 2 echo | tr '\n' '|')"
cp t t2; echo five 5 >> t2
echo "diff: $(diff t t2 | tail -2 | tr '\n' ' ') status=$(diff t t2 >/dev/null; echo $?)" || true
echo "cmp: $(cmp t t2 2>&1; echo $?)"
tar cf a.tar a; rm -r a; tar xf a.tar
echo "tar: $(tar tf a.tar | sort | tr '\n' ' ') $(cat a/b/c/f2) $(readlink a/b/l)"
gzip -c t > t.gz; echo "gzip: $(gunzip -c t.gz | md5sum | cut -c1-8) $(zcat t.gz | wc -l)"
gzip t2; ls; gunzip t2.gz; echo "gunzip: $(wc -l < t2)"
echo "od: $(printf 'AB\n' | od -c | head -1)"
echo "od-x: $(printf '\001\377' | od -An -tx1)"
dd if=t of=t3 bs=4 count=3 2>/dev/null; echo "dd: $(cat t3 | tr '\n' ' ')"
echo "dd-skip: $(dd if=t bs=1 skip=4 count=5 2>/dev/null)"
echo "sort: $(sort -k2 -rn t | head -2 | tr '\n' ' ') $(sort -u t t | wc -l)"
echo "head-tail: $(head -c 5 t) $(tail -n 1 t) $(tail -c 3 t)"
echo "expr: $(expr 6 \* 7) $(expr length hello) $(expr abc : 'a\(.\)')"
echo "basename: $(basename /x/y.tar .tar) $(dirname /x/y.tar)"
echo "tty: $(tty </dev/null; echo $?)"
echo "stty: $(stty </dev/null >/dev/null 2>&1; echo $?)"
echo "du: $(du -s a | awk '{print ($1 > 0) ? "ok" : "empty"}') $(du -a a | wc -l)"
echo "df: $(df /dev | awk 'NR==1 {print $1, $NF}')"
echo "seq-wc: $(seq 100 | wc -l) $(seq 1 3 | paste -sd+ | bc 2>/dev/null || echo nobc)"
echo "md5: $(printf abc | md5sum) $(printf abc | sha256sum | cut -c1-16)"
echo "cut-tr: $(echo a:b:c | cut -d: -f2 | tr b B) $(echo hello | rev) $(printf 'b\na\n' | tac | tr '\n' ' ')"
echo "printf-date: $(date -u -d @0 +%Y) $(printf '%05.1f' 3.14159)"
echo "stat: $(stat -c '%s %F' t) $(wc -c < t)"
echo "grep-E: $(grep -E 't(wo|hree)' t | wc -l) $(grep -c . t)"
cd /; rm -r "$d"; echo done
