"""libc.py - the C library (user/lib): each program in user/libc-tests is
built with our libc and with glibc; its output on Tiny OS must equal the
glibc build's on the host. Keys as in tests/user_tests.py."""

USER_TESTS = [
    dict(name="libc-printf", libc_test="printf_test", status=0),
    dict(name="libc-string", libc_test="string_test", status=0),
    dict(name="libc-stdio", libc_test="stdio_test", status=0),
    dict(name="libc-malloc", libc_test="malloc_test", status=0, timeout=60),
    dict(name="libc-getopt", libc_test="getopt_test", status=0),
    dict(name="libc-err", libc_test="err_test", status=3),
    dict(name="libc-misc", libc_test="misc_test", status=3),
    dict(name="libc-regex", libc_test="regex_test", status=0),
]
