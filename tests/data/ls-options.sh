# ls -R -S -t -h -r on Tiny OS (our ls) and on the host (GNU ls): the same output (tests/suites/toolbox.py).
t=/tmp/ls-test.$$; mkdir -p $t/d/e/f $t/g && cd $t && printf 12345 > d/big && echo 1 > d/small && printf 123 > d/mid
head -c 5000 /dev/zero > g/h && head -c 3000000 /dev/zero > g/mb && ln -s d link && echo x > d/e/f/deep
busybox touch -d @1000000 d/small d/e && busybox touch -d @2000000 d/big && busybox touch -d @3000000 d/mid
for o in -R "-R d/" -RS -Rr "-St d" "-tS d" "-tr d" "-S g d" "-R1 d link" "-RA d"; do echo "== ls $o"; ls $o; done
echo "== ls -lhS g"; ls -lhS g | (read total; while read m n u gr s mo da ti name; do echo "$s $name"; done)
cd /; rm -r $t
