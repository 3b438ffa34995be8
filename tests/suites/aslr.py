"""aslr.py - address space layout randomization (issue 14): the same
program run again sees another stack, mmap, brk and PIE base, over the
ranges Linux x86_64 uses, and the fixed layout under
personality(ADDR_NO_RANDOMIZE), setarch -R and randomize_va_space 0. The
probe is user/tests/aslr_test.c built three ways: static (musl), glibc
static-pie, glibc dynamic PIE; setarch is ours (user/bin/setarch.c) on
both systems."""

T = "{build}/user/tests/aslr_test"
SETARCH = "{build}/user/bin/setarch"

USER_TESTS = [
    dict(name="aslr-stack-mmap-brk-pie-random-and-fixed", prog="aslr_test", status=0, differential=True,
         timeout=90, host_files=[T, T + ".spie", T + ".dyn", SETARCH],
         args=[SETARCH, T, T + ".spie", T + ".dyn"]),
    # Tiny OS only: the host's randomize_va_space is the host's.
    dict(name="aslr-randomize-va-space-sysctl-setuid", prog="aslr_test", status=0, timeout=60,
         host_files=[T], args=["--sysctl", T]),
    dict(name="aslr-norandmaps", prog="aslr_test", status=0, timeout=60, kernel_args=["norandmaps"],
         host_files=[T], args=["--norandmaps", T]),
]
