"""Time: POSIX timers, interval timers, CPU-time limits, setting the
clock. Keys as in tests/user_tests.py."""

USER_TESTS = [
    # Never sets the clock: the same binary runs on the host (Linux is the oracle).
    dict(name="posix-timers-itimers-rlimit-cpu", prog="time_calls_test", status=0, differential=True,
         timeout=90),
    # Sets the clock (and puts it back): Tiny OS only, never on the host.
    dict(name="settime-adjtimex-abstime-timers", prog="time_set_test", status=0, timeout=60),
]
