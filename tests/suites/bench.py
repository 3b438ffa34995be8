"""bench.py - smoke test of the benchmark program (bench/bench.c).

`make bench` boots Linux and takes minutes; this only checks, on Tiny OS
and in a second or two, that every benchmark runs: `bench --smoke all`
runs each one with a hundredth of its iterations and prints
"ok - NAME" (one test each) or "not ok - NAME"; its exit status counts
the failures. No timing is checked.
"""

USER_TESTS = [
    # prog is relative to BUILD/user/tests: this is BUILD/bench/bench.
    # BUILD/bench/root holds /bin/tiny, the program fork-exec-wait runs.
    # Debian's /usr/bin/true and python3 (with their libraries) for the
    # dynamic rows.
    dict(name="bench-smoke", prog="../../bench/bench", args=["--smoke", "all"], extra="bench/root", status=0,
         host_files=["/usr/bin/true", "/usr/bin/python3", "/usr/lib/python3.11"], memory="256M", timeout=90),
]
