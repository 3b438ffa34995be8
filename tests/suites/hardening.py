"""Kernel hardening: the random generator, the stack protector, no kernel
addresses in /proc (docs/random.md). Keys as in tests/boots.py and
tests/user_tests.py; the generator's own selftests
(kernel/tests/selftest_random.c) run in the selftests boots."""

BOOTS = [
    # A smashed frame panics through __stack_chk_fail, which names the
    # function (the return address into it) and prints the usual report.
    dict(name="panic-stack-protector", cmdline="selftest=crash_stack_smash", timeout=30, exit=255,
         expect=[r"^KERNEL PANIC: stack-protector: Kernel stack is corrupted in: smash_my_frame\+0x[0-9a-f]+ ",
                 r"^Backtrace:", r"<__stack_chk_fail\+0x[0-9a-f]+>|<smash_my_frame\+0x[0-9a-f]+>"],
         reject=[r"smashed a protected frame and returned"]),
]

USER_TESTS = [
    # /dev/urandom, /dev/random, getrandom: fresh bytes each time, AT_RANDOM
    # fresh per exec, getrandom's errno cases as Linux, crude statistics
    # over 64 KiB with 9-sigma bounds (cannot flake).
    dict(name="random-getrandom-urandom-at-random", prog="random_test", status=0, differential=True),
    # /proc/PID/stat's kstkesp, kstkeip and wchan: 0, never an address.
    dict(name="proc-stat-no-kernel-addresses", prog="kaddr_test", status=0, differential=True),
]
