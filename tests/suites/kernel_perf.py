"""kernel_perf.py - tests for the kernel's fast paths (the system-call
fast exit, ...): each checks that a shortcut keeps the behaviour of the
full path. Keys as in tests/user_tests.py."""

USER_TESTS = [
    dict(name="sigreturn-registers", prog="sigreturn_regs", status=0, differential=True),
    dict(name="fd-high-fork-exec", prog="fd_high_fork", status=0, differential=True),
]
