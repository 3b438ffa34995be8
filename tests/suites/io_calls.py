"""Moving data between descriptors and the descriptor calls around it:
pipe capacity (F_GETPIPE_SZ / F_SETPIPE_SZ, /proc/sys/fs/pipe-max-size),
sendfile, splice, tee, vmsplice, copy_file_range, memfd_create and file
sealing, fcntl's signal-driven I/O (F_SETOWN, F_SETSIG, O_ASYNC),
leases and directory notification (F_NOTIFY), O_PATH handles, ETXTBSY,
RLIMIT_FSIZE, epoll nesting, Linux native AIO. Keys as in tests/user_tests.py. The "root" and "strict" runs are
Tiny OS's alone: they write /proc/sys (which the host must not have done
to it), grow a pipe past pipe-max-size as root (the host sandbox lacks
CAP_SYS_RESOURCE) and compare free RAM exactly."""

USER_TESTS = [
    dict(name="pipe-size-buffers-packets", prog="pipe_size_test", status=0, differential=True),
    dict(name="pipe-size-root-sysctl-no-leak", prog="pipe_size_test", args=["root"], status=0, timeout=60),
    dict(name="sendfile-splice-tee-vmsplice-copy-file-range", prog="sendfile_splice_test", status=0,
         differential=True),
    dict(name="memfd-create-sealing", prog="memfd_test", status=0, differential=True),
    dict(name="memfd-no-leak", prog="memfd_test", args=["strict"], status=0, timeout=60),
    dict(name="fcntl-owner-sigio-leases-dnotify", prog="fcntl_async_lease_test", status=0, differential=True),
    dict(name="o-path-fsync-etxtbsy-fsize-noatime-epoll-nesting", prog="file_gaps_test", status=0,
         differential=True, timeout=60),
    dict(name="linux-aio-ring-submit-getevents", prog="aio_test", status=0, differential=True),
]
