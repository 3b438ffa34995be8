"""Test tables by area: each module may define BOOTS and USER_TESTS
(keys as in tests/boots.py and tests/user_tests.py)."""
