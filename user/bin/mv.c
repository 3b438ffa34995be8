/* mv: rename files. "mv SRC DST", or "mv SRC... DIR" (into DIR).
 * -f: no prompting (the default here); -n: never overwrite; -v: verbose.
 * Everything is one file system, so a rename is all it takes; across
 * file systems (EXDEV) mv says so rather than copying. */
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/target_operands.h"

static bool no_clobber, verbose;

static int move(const char *src, const char *dst)
{
    struct stat st, dst_st;
    if (lstat(src, &st) != 0) {
        warn("cannot stat '%s'", src);
        return 1;
    }
    if (lstat(dst, &dst_st) == 0) {
        if (no_clobber)
            return 0;
        if (st.st_dev == dst_st.st_dev && st.st_ino == dst_st.st_ino) {
            warnx("'%s' and '%s' are the same file", src, dst);
            return 1;
        }
        if (S_ISDIR(dst_st.st_mode) && !S_ISDIR(st.st_mode)) {
            warnx("cannot overwrite directory '%s' with non-directory", dst);
            return 1;
        }
    }
    if (rename(src, dst) != 0) {
        warn("cannot move '%s' to '%s'", src, dst);
        return 1;
    }
    if (verbose)
        printf("renamed '%s' -> '%s'\n", src, dst);
    return 0;
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "finv")) != -1) {
        switch (opt) {
        case 'f': case 'i': no_clobber = false; break;
        case 'n': no_clobber = true; break;
        case 'v': verbose = true; break;
        default: return 1;
        }
    }
    return for_each_source(argc, argv, optind, move);
}
