"""kernel_userland.py - kernel support for the userland (issue 5): /proc
per process, the tty, file-system errno cases and running out of memory
while writing a file. Keys as in tests/user_tests.py."""

USER_TESTS = [
    dict(name="procfs-pid-dirs", prog="procfs_pid_test", status=0, differential=True),
    dict(name="busybox-ps", path="/bin/busybox", args=["ps"], status=0, extra="user/busybox-root"),
    dict(name="busybox-free", path="/bin/busybox", args=["free"], status=0, extra="user/busybox-root"),
]
