"""usercopy.py - copies to and from user memory (arch/x86_64/usercopy.S):
every length and alignment, /dev/zero's zeroing, and copies that run into
an unmapped page. Differential: Linux on the host is the oracle."""

USER_TESTS = [
    dict(name="usercopy-lengths-alignments-holes", prog="usercopy_test", status=0, differential=True),
    dict(name="path-copy-page-end-lengths-renames", prog="path_copy_test", status=0, differential=True),
    dict(name="filemap-copy-faults-runs-holes", prog="filemap_copy_test", status=0, differential=True),
]
