"""File-system metadata beyond the basics: extended attributes (tmpfs
keeps "user.", "trusted." and "security."), inotify and dnotify. Keys as
in tests/user_tests.py."""

USER_TESTS = [
    dict(name="xattr-calls-namespaces-permissions", prog="xattr_test", status=0, differential=True),
    dict(name="xattr-tmpfs-size-limit-and-memory", prog="xattr_test", args=["tmpfs"], status=0),
    dict(name="inotify-calls-events-readiness", prog="inotify_test", status=0, differential=True),
    dict(name="inotify-limits-and-memory", prog="inotify_test", args=["limits"], status=0),
]
