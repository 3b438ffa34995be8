"""signals.py - what signals do to a process beyond delivery: core files
(kernel/proc/coredump.c) and the signal fixes LTP found. Keys as in
tests/user_tests.py."""

USER_TESTS = [
    # Differential: the host's core_pattern is "core", as Linux's default.
    dict(name="coredump", prog="coredump_test", status=0, differential=True),
    # Tiny OS alone: it writes /proc/sys/kernel/core_pattern and friends.
    dict(name="coredump-strict", prog="coredump_test", args=["strict"], status=0, timeout=60),
]

# clone(CLONE_PARENT): a sibling of the caller (LTP clone08).
USER_TESTS += [
    dict(name="clone-parent", prog="clone_parent_test", status=0, differential=True),
]
