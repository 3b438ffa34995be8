"""rtc_option: the guest clock's start, shared by qemu-boot and tinyos-run.

Tiny OS reads the date from the CMOS RTC, which QEMU starts at the host's
time unless told otherwise (-rtc base=DATE). Tests must pass on any date,
so the test runner can pin it: `--rtc DATE` on either tool, or the
environment variable TINYOS_RTC, which tests/run-tests --rtc sets so that
every QEMU the suite starts, however deeply nested, sees the same date.
"""
import datetime
import os

FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S")
HELP = "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (UTC)"


def valid(date):
    """Is date a form QEMU's -rtc base= takes, and a real calendar date?"""
    for fmt in FORMATS:
        try:
            datetime.datetime.strptime(date, fmt)
            return True
        except ValueError:
            pass
    return False


def default():
    """The date to start at when no --rtc is given: $TINYOS_RTC or None
    (None: QEMU's default, the host's clock)."""
    return os.environ.get("TINYOS_RTC") or None


def qemu_args(date):
    """QEMU arguments that start the RTC at date (None: nothing)."""
    return ["-rtc", "base=" + date] if date else []
