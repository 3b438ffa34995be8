"""The key retention service: add_key, request_key, keyctl
(kernel/security/keys). keys_test runs differentially (Linux is the
oracle; serial numbers are random on both, so only their relations are
printed), and once more with "tinyos" on Tiny OS alone for what a Linux
host may lack (big_key) or word differently (/proc/keys lines). Keys as
in tests/user_tests.py."""

USER_TESTS = [
    dict(name="keys", prog="keys_test", status=0, differential=True, timeout=60),
    dict(name="keys-tinyos", prog="keys_test", args=["tinyos"], status=0, timeout=60),
]
