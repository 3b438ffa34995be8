"""Linux interfaces real programs expect beyond the basics: /proc's
per-process and system files, eventfd / timerfd / signalfd, advisory
locks, statfs. Keys as in tests/user_tests.py."""

USER_TESTS = [
    dict(name="proc-fd-maps-system-files", prog="proc_files_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="eventfd-timerfd-signalfd", prog="fdobj_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="flock-fcntl-locks-statfs", prog="lock_statfs_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="proc-fd-magic-links", prog="magic_link_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="pwrite-preadv-pwritev2", prog="pio_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="waitid", prog="waitid_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="sigtimedwait-sigqueue", prog="sigwait_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="ids-root", prog="ids_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="sync-fadvise-mlock-sched-personality-close-range", prog="misc_calls_test", status=0,
         differential=True),
    dict(name="mlock-vmlck-smaps-rlimit-map-locked-mincore", prog="mlock_test", status=0, differential=True),
]
USER_TESTS += [
    dict(name="sched-policies-priorities-nice", prog="sched_policy_test", status=0, differential=True),
    dict(name="sched-rlimit-rtprio-nice", prog="sched_limits_test", status=0),
]
USER_TESTS += [
    dict(name="utime-utimes", prog="utimes_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="creat-getdents-faccessat2-fallocate-mincore", prog="file_calls_test", status=0, differential=True),
    dict(name="proc-sys-pid-max-hostname", prog="sysctl_test", status=0),
]

USER_TESTS += [
    dict(name="users-permissions-setuid", prog="cred_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="pidfd-open-signal-getfd-kcmp", prog="pidfd_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="execveat", prog="execveat_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="personality", prog="personality_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="ptrace-traceme-peek-poke-regs-syscall-stops", prog="ptrace_test", status=0, differential=True),
]
USER_TESTS += [
    dict(name="sysfs-ustat", prog="fs_query_test", status=0, differential=True),
]
USER_TESTS += [
    dict(name="reboot-vhangup", prog="admin_calls_test", status=0, differential=True),
]
