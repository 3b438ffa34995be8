"""user_tests.py - the user-space programs `tests/run-tests` runs on Tiny OS.

Each entry boots Tiny OS once through tools/tinyos-run with a program
from user/tests (built into build/user/tests/) as PID 1:
  name          test name
  prog, args    the program (in build/user/tests) and its arguments
  path          instead of prog: a program installed on the host (BusyBox)
  status        expected exit status (128+N: killed by signal N)
  differential  also run the program on this Linux host and require the
                same stdout and exit status (Linux is the oracle)
  stdout        exact expected stdout (optional)
  stdin         bytes fed to the program (default: none, end of file)
  timeout       seconds (default 30)
  memory        guest RAM for this run (tinyos-run --memory)
  extra         a directory under the build tree added to the root file
                system (tinyos-run --initrd-extra)
  bin           instead of prog: a program of ours from build/user/bin
  libc_test     instead of prog: a C-library test from build/user/libc-tests;
                its glibc build (NAME.glibc) run on the host gives the
                expected stdout and status
  rootfs        add the whole root file system of `make run` (build/rootfs)
  host_files    host files or trees brought at their own paths, with the
                libraries their ELF files need (tinyos-run --host-file);
                "{build}" and "{root}" there and in args are the build
                directory and the source tree
  rtc           start the guest's clock at this date (tinyos-run --rtc),
                whatever date the suite runs at
  kernel_args   extra kernel command-line words (tinyos-run --kernel-arg)
  qemu_args     extra QEMU arguments (tinyos-run --qemu-arg)
  disks         virtio disks, in order (vda, vdb...): dicts with make, a
                function given the image's path that creates it on the
                host, ro (attach read-only), blkdebug (the text of a
                QEMU blkdebug configuration: injected I/O errors) and
                device (a QEMU -device to attach it to instead of
                if=virtio, e.g. a virtio-blk-pci behind a bridge); the
                images are temporary
  check_disks   a function given the images' paths after the boot: a
                problem's description, or "" when they hold what they must
More tables live in tests/suites/*.py (USER_TESTS and BOOTS lists, one
file per area).
The host runs get Tiny OS's environment for init (HOME, PATH, TERM) and
argv[0] = "/bin/PROG", so both see the same.
Lines "ok - ..." / "not ok - ..." in the output count as one test each.

The host kernel here is a sandbox with quirks (DESIGN.md 5): where it
disagrees with Linux, an entry is not differential and states Linux's
answer instead.
"""

SIGILL, SIGTRAP, SIGFPE, SIGSEGV = 4, 5, 8, 11


def killed(sig):
    return 128 + sig


FAULTS = [("hlt", SIGSEGV), ("cli", SIGSEGV), ("in", SIGSEGV), ("out", SIGSEGV), ("mov-cr3", SIGSEGV),
          ("lgdt", SIGSEGV), ("ud2", SIGILL), ("int3", SIGTRAP), ("int80", SIGSEGV), ("null-read", SIGSEGV),
          ("null-write", SIGSEGV), ("kernel-read", SIGSEGV), ("noncanonical", SIGSEGV),
          ("write-rodata", SIGSEGV), ("write-text", SIGSEGV), ("exec-stack", SIGSEGV), ("exec-heap", SIGSEGV),
          ("stack-overflow", SIGSEGV)]

MM_FAULTS = ["write-readonly", "read-none", "after-munmap", "write-file-map", "above-brk"]

USER_TESTS = [
    dict(name="hello-ring3", prog="hello", status=0, differential=True, stdout="Hello from Ring 3!\n"),
    dict(name="syscall-enosys", prog="syscall_enosys", status=0, differential=True),
    dict(name="syscall-efault", prog="syscall_efault", status=0, differential=True),
    dict(name="syscall-registers", prog="syscall_regs", status=0, differential=True),
    dict(name="mm-brk-mmap-mprotect", prog="mm_test", status=0, differential=True),
    dict(name="exec-bad-elfs", prog="exec_bad", status=0, extra="user/bad-elfs"),
    dict(name="exec-args-auxv", prog="exec_args", args=["one", "two words", ""], status=0, differential=True),
    dict(name="fault-div0", prog="faults", args=["div0"], status=killed(SIGFPE), differential=True),
] + [
    dict(name=f"fault-{mode}", prog="faults", args=[mode], status=killed(sig), differential=True)
    for mode, sig in FAULTS
] + [
    dict(name=f"mm-fault-{mode}", prog="mm_fault", args=[mode], status=killed(SIGSEGV), differential=True)
    for mode in MM_FAULTS
]

USER_TESTS += [
    dict(name="procfs-ps-meminfo", prog="procfs_test", status=0),
]

USER_TESTS += [
    dict(name="fs-writable-tree", prog="fs_test", status=0, differential=True),
]

USER_TESTS += [
    dict(name="poll-select", prog="poll_test", status=0, differential=True),
]
USER_TESTS += [
    dict(name="futex-wait-wake", prog="futex_test", status=0, differential=True),
]

# Standard input through tinyos-run: text, every byte value (0x04 and 0x10
# are tinyos-run's framing bytes), and nothing at all.
USER_TESTS += [
    dict(name="stdin-text", prog="stdin_cat", status=0, differential=True,
         stdin=b"hello\nworld\n" * 1000),
    dict(name="stdin-binary", prog="stdin_cat", status=0, differential=True,
         stdin=bytes(range(256)) * 64),
    dict(name="stdin-empty", prog="stdin_cat", status=0, differential=True, stdin=b""),
]

# Processes, pipes and signals: fork/COW, vfork, clone, wait4, exit statuses,
# reparenting, preemption, the 1024-process limit, leaks (sysinfo freeram),
# pipes and descriptors, signals, exec pipelines, process groups/sessions.
# proc_forkbomb and leak_fork take "strict" on Tiny OS: exact process limit
# and exact free-frame equality, which the host cannot show (root has no
# process limit there; its freeram moves with other activity).
USER_TESTS += [
    dict(name="proc-fork-wait-exit", prog="proc_basic", status=0, differential=True, timeout=60),
    dict(name="proc-preempt", prog="proc_preempt", status=0, differential=True, timeout=60),
    dict(name="proc-forkbomb", prog="proc_forkbomb", args=["strict"], status=0, timeout=120),
    dict(name="proc-cow", prog="cow", status=0, differential=True, timeout=60),
    dict(name="proc-leak-fork-exec", prog="leak_fork", args=["strict"], status=0, timeout=180),
    dict(name="pipe-dup-fcntl", prog="pipe_test", status=0, differential=True, timeout=60),
    dict(name="signals", prog="signal_test", status=0, differential=True, timeout=60),
    dict(name="exec-pipeline", prog="exec_pipeline", status=0, differential=True, timeout=60),
    dict(name="pgrp-session", prog="pgrp_test", status=0, differential=True, timeout=60),
    # The same on a CPU with XSAVE and AVX (QEMU's "max"; the default
    # qemu64 has FXSAVE only): a forked child's first switch restores an
    # XSAVE area, signal frames carry the larger one.
    dict(name="exec-pipeline-xsave", prog="exec_pipeline", status=0, differential=True, timeout=60, cpu="max"),
    dict(name="sh-pipeline-xsave", bin="sh", args=["-c", "echo a | cat; sh -c 'echo b | cat' | cat"], status=0,
         stdout="a\nb\n", cpu="max"),
    dict(name="signals-xsave", prog="signal_test", status=0, differential=True, timeout=60, cpu="max"),
]
USER_TESTS += [
    dict(name="syscall-int-arguments", prog="syscall_int_args", status=0, differential=True),
]

# A real, unmodified static Linux program: Debian's BusyBox (glibc), its
# shell running pipelines, builtins, redirections and applets (as /bin/NAME
# links to /bin/busybox in the initramfs), compared with the host.
BUSYBOX_SCRIPTS = {
    "pipeline": "seq 1 20 | sort -rn | head -5 | tr '\\n' ' '; echo",
    "arith-loop": "i=0; s=0; while [ $i -lt 100 ]; do s=$((s+i)); i=$((i+1)); done; echo $s",
    "files": "mkdir -p /tmp/bb && cd /tmp/bb && printf 'b\\na\\nc\\na\\n' > f && sort f | uniq -c"
             " && wc -l < f && cp f g && mv g h && ls && rm f h && ls | wc -l && cd / && rm -r /tmp/bb",
    "text": "echo 'hello world foo' | sed 's/o/0/g' | cut -d' ' -f2 | grep -c w0",
    "subshell-status": "(exit 7); echo $?; false || echo fallback; sh -c 'exit 5'; echo $?",
    "here-doc": "cat <<EOF | wc -c\nline one\nline two\nEOF",
    "background-wait": "sleep 0 & wait $!; echo waited $?",
}
USER_TESTS += [
    dict(name=f"busybox-{key}", path="/bin/busybox", args=["sh", "-c", script], status=0, differential=True,
         extra="user/busybox-root")
    for key, script in BUSYBOX_SCRIPTS.items()
]
USER_TESTS += [
    dict(name="syscall-fuzz-no-panic", prog="syscall_fuzz", status=0, timeout=120),
]
USER_TESTS += [
    dict(name="cow-after-mprotect", prog="cow_mprotect", status=0, differential=True),
]
USER_TESTS += [
    dict(name="cpu-time-accounting", prog="cputime_test", status=0),
]
USER_TESTS += [
    dict(name="dev-null-zero-full-random", prog="devices_test", status=0, differential=True),
]
USER_TESTS += [
    dict(name="stop-continue-wait", prog="stop_cont_test", status=0, differential=True),
]

# Ordinary programs, each built with musl and with glibc.
REAL_PROGRAMS = [
    ("real-math-stdio", "real_math_stdio", 0, b""),
    ("real-malloc", "real_malloc", 0, b""),
    ("real-runtime", "real_runtime", 3, b""),
    ("real-wordcount", "real_wordcount", 0, b"the quick brown\nfox jumps\n\nover the lazy dog\n"),
]
for name, prog, status, stdin in REAL_PROGRAMS:
    USER_TESTS += [
        dict(name=name + "-musl", prog=prog, status=status, stdin=stdin, differential=True),
        dict(name=name + "-glibc", prog=prog + ".glibc", status=status, stdin=stdin, differential=True),
    ]
USER_TESTS += [
    dict(name="out-of-memory-kill", prog="oom_kill", status=0, memory="48M", timeout=60),
]
USER_TESTS += [
    dict(name="pthreads-musl", prog="threads_test", status=0, differential=True, timeout=60),
    dict(name="pthreads-glibc", prog="threads_test.glibc", status=0, differential=True, timeout=60),
]
USER_TESTS += [
    dict(name="epoll", prog="epoll_test", status=0, differential=True),
]
USER_TESTS += [
    dict(name="signal-async-registers", prog="signal_async_regs", status=0, differential=True, timeout=60),
]
