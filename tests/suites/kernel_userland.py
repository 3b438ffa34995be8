"""kernel_userland.py - kernel support for the userland (issue 5): /proc
per process, the tty, file-system errno cases and running out of memory
while writing a file. Keys as in tests/user_tests.py."""

USER_TESTS = [
    dict(name="procfs-pid-dirs", prog="procfs_pid_test", status=0, differential=True),
    dict(name="procfs-task-dirs", prog="procfs_task_test", status=0, differential=True),
    dict(name="prctl-more", prog="prctl_more_test", status=0, differential=True),
    dict(name="prctl-tsc", prog="prctl_more_test", args=["tsc"], status=0),
    dict(name="ioprio-membarrier", prog="ioprio_membarrier_test", status=0, differential=True),
    dict(name="process-vm", prog="process_vm_test", status=0, differential=True),
    dict(name="unshare", prog="unshare_test", status=0, differential=True),
    dict(name="unshare-ns", prog="unshare_test", args=["ns"], status=0),
    dict(name="busybox-ps", path="/bin/busybox", args=["ps"], status=0, extra="user/busybox-root"),
    dict(name="busybox-free", path="/bin/busybox", args=["free"], status=0, extra="user/busybox-root"),
    dict(name="fs-errno-cases", prog="fs_errno_test", status=0, differential=True),
    dict(name="fs-enospc-when-full", prog="fs_enospc_test", status=0, memory="64M", timeout=60),
]

OK = 1  # QEMU's exit code when the kernel powers off normally (tests/boots.py)

# The console's line discipline: tty_modes types nothing itself; the runner
# types each answer when the program's "[pN]" prompt appears.
BOOTS = [
    dict(name="tty-modes", init_prog="tty_modes", timeout=60, exit=OK,
         script=[("[p1]", "ab\x7fc\x08d\r"), ("[p2]", "xyz\x15ok\r"), ("[p3]", "one two\x17three\r"),
                 ("[p4]", "\x04"), ("[p5]", "part\x04"), ("[p6]", "hidden42\r"), ("[p7]", "\r"),
                 ("[p8]", "\r"), ("[p9]", "xyz"), ("[p10]", "junk\r"), ("[p11]", "good\r"), ("[p12]", "\x1a")],
         expect=[r"^tty-modes: 0 failures$", r"^crlf-check$"],
         reject=[r"^not ok", r"hidden42"]),
]

# A program's surroundings: tools/tinyos-run lays the base root file system
# (build/rootfs) under it, so system()/popen() find /bin/sh and getpwuid
# finds /etc/passwd, as on Linux.
USER_TESTS += [
    dict(name="system-popen-passwd", prog="system_popen", status=0, differential=True),
]
USER_TESTS += [
    dict(name="init-blocked-signal-pending", prog="init_blocked_signal", status=0, differential=True),
]
