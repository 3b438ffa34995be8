"""ext2.py - the ext2 file system (issue 13): images made by Linux's
mke2fs read byte for byte, files written by Tiny OS checked with e2fsck
-fn, debugfs and dumpe2fs, ENOSPC, read-only mounts, and corrupt images
(EUCLEAN/EIO and a kernel log line, never a panic). Each check is one
boot with its disk images (tests/ext2_e2e.py says what each does)."""
import ext2_e2e

CHECKS = [
    dict(name="ext2-read-1024", run=lambda build, logdir: ext2_e2e.check_read(build, 1024)),
    dict(name="ext2-read-4096", run=lambda build, logdir: ext2_e2e.check_read(build, 4096)),
    dict(name="ext2-write-1024", run=lambda build, logdir: ext2_e2e.check_write(build, 1024)),
    dict(name="ext2-write-4096", run=lambda build, logdir: ext2_e2e.check_write(build, 4096)),
    dict(name="ext2-enospc", run=lambda build, logdir: ext2_e2e.check_enospc(build)),
    dict(name="ext2-corrupt", run=lambda build, logdir: ext2_e2e.check_corrupt(build)),
]
