"""System V IPC: shared memory, semaphores, message queues, and POSIX
message queues (kernel/ipc).
Each program runs differentially (Linux is the oracle; it removes every
object it makes, so host runs leave nothing behind), and once more with
"strict" on Tiny OS alone: exact free-memory accounting after many
objects, and the /proc/sys/kernel limits (which the host run must not
change). Keys as in tests/user_tests.py."""

USER_TESTS = [
    dict(name="sysv-shm", prog="sysv_shm_test", status=0, differential=True),
    dict(name="sysv-shm-strict", prog="sysv_shm_test", args=["strict"], status=0, timeout=60),
    dict(name="sysv-sem", prog="sysv_sem_test", status=0, differential=True),
    dict(name="sysv-sem-strict", prog="sysv_sem_test", args=["strict"], status=0, timeout=60),
    dict(name="sysv-msg", prog="sysv_msg_test", status=0, differential=True),
    dict(name="sysv-msg-strict", prog="sysv_msg_test", args=["strict"], status=0, timeout=60),
    dict(name="posix-mq", prog="posix_mq_test", status=0, differential=True),
    dict(name="posix-mq-strict", prog="posix_mq_test", args=["strict"], status=0, timeout=60),
]
