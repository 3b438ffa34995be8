/*
 * test_uapi_fs.c - include/uapi/fs.h's block device ioctl numbers are
 * Linux's: each is compared with the host's <linux/fs.h> (the _IO/_IOR
 * encodings of include/uapi/linux/fs.h).
 */
#include "unit.h"

#include "uapi/fs.h"

enum {
    OURS_BLKROSET = BLKROSET,
    OURS_BLKROGET = BLKROGET,
    OURS_BLKRRPART = BLKRRPART,
    OURS_BLKGETSIZE = BLKGETSIZE,
    OURS_BLKFLSBUF = BLKFLSBUF,
    OURS_BLKSSZGET = BLKSSZGET,
    OURS_BLKIOMIN = BLKIOMIN,
    OURS_BLKIOOPT = BLKIOOPT,
    OURS_BLKPBSZGET = BLKPBSZGET,
};
static const unsigned long ours_bszget = BLKBSZGET, ours_bszset = BLKBSZSET, ours_getsize64 = BLKGETSIZE64;

#undef BLKROSET
#undef BLKROGET
#undef BLKRRPART
#undef BLKGETSIZE
#undef BLKFLSBUF
#undef BLKSSZGET
#undef BLKBSZGET
#undef BLKBSZSET
#undef BLKGETSIZE64
#undef BLKIOMIN
#undef BLKIOOPT
#undef BLKPBSZGET
#undef UAPI_FS_H
#include <linux/fs.h>

TEST(block_ioctl_numbers_are_linux)
{
    CHECK_EQ_INT(OURS_BLKROSET, BLKROSET);
    CHECK_EQ_INT(OURS_BLKROGET, BLKROGET);
    CHECK_EQ_INT(OURS_BLKRRPART, BLKRRPART);
    CHECK_EQ_INT(OURS_BLKGETSIZE, BLKGETSIZE);
    CHECK_EQ_INT(OURS_BLKFLSBUF, BLKFLSBUF);
    CHECK_EQ_INT(OURS_BLKSSZGET, BLKSSZGET);
    CHECK_EQ_INT(OURS_BLKIOMIN, BLKIOMIN);
    CHECK_EQ_INT(OURS_BLKIOOPT, BLKIOOPT);
    CHECK_EQ_INT(OURS_BLKPBSZGET, BLKPBSZGET);
    CHECK_EQ_INT(ours_bszget, BLKBSZGET);
    CHECK_EQ_INT(ours_bszset, BLKBSZSET);
    CHECK_EQ_INT(ours_getsize64, BLKGETSIZE64);
}

RUN_TESTS()
