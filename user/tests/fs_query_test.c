/* fs_query_test.c - the obsolete file-system queries: sysfs(2) (index of a
 * type's name, name of an index, the count) and ustat(2) (free blocks and
 * inodes of a mounted device). The types registered differ between
 * kernels, so the checks relate the answers to each other and to
 * /proc/filesystems rather than print them. Differential. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tt.h"

struct k_ustat {
    int f_tfree;
    unsigned long f_tinode;
    char f_fname[6], f_fpack[6];
};

int main(void)
{
    long count = syscall(SYS_sysfs, 3);
    CHECK(count > 0, "sysfs(3) counts the types");
    long proc = syscall(SYS_sysfs, 1, "proc");
    CHECK(proc >= 0 && proc < count, "sysfs(1, proc) is an index below the count");
    char name[64] = "";
    CHECK_EQ(syscall(SYS_sysfs, 2, proc, name), 0, "sysfs(2, index) succeeds");
    CHECK(!strcmp(name, "proc"), "and names proc again");
    /* Every index names a type whose index is itself, and /proc/filesystems
     * lists the same number of types. */
    int all_round = 1;
    for (long i = 0; i < count; i++) {
        memset(name, 0, sizeof name);
        if (syscall(SYS_sysfs, 2, i, name) != 0 || syscall(SYS_sysfs, 1, name) != i)
            all_round = 0;
    }
    CHECK(all_round, "every index round-trips through its name");
    FILE *f = fopen("/proc/filesystems", "r");
    long lines = 0;
    char line[128];
    while (f && fgets(line, sizeof line, f))
        lines++;
    if (f)
        fclose(f);
    CHECK_EQ(lines, count, "/proc/filesystems lists as many");

    errno = 0;
    CHECK_EQ(syscall(SYS_sysfs, 2, count, name), -1, "sysfs(2, count) fails");
    CHECK_EQ(errno, EINVAL, "with EINVAL");
    errno = 0;
    CHECK_EQ(syscall(SYS_sysfs, 1, "ext0"), -1, "an unknown name fails");
    CHECK_EQ(errno, EINVAL, "with EINVAL");
    errno = 0;
    CHECK_EQ(syscall(SYS_sysfs, 1, (char *)8), -1, "a bad name pointer fails");
    CHECK_EQ(errno, EFAULT, "with EFAULT");
    errno = 0;
    CHECK_EQ(syscall(SYS_sysfs, 2, proc, (char *)8), -1, "a bad buffer fails");
    CHECK_EQ(errno, EFAULT, "with EFAULT");
    errno = 0;
    CHECK_EQ(syscall(SYS_sysfs, 4), -1, "option 4 fails");
    CHECK_EQ(errno, EINVAL, "with EINVAL");
    errno = 0;
    CHECK_EQ(syscall(SYS_sysfs, 0), -1, "option 0 fails");
    CHECK_EQ(errno, EINVAL, "with EINVAL");

    /* ustat of /proc's device agrees with statfs's free counts. */
    struct stat st;
    struct statfs sf;
    struct k_ustat u;
    memset(&u, 0xff, sizeof u);
    stat("/proc", &st);
    statfs("/proc", &sf);
    CHECK_EQ(syscall(SYS_ustat, (unsigned)st.st_dev, &u), 0, "ustat of /proc's device");
    CHECK_EQ((long)u.f_tfree, (long)sf.f_bfree, "f_tfree is statfs's f_bfree");
    CHECK_EQ((long)u.f_tinode, (long)sf.f_ffree, "f_tinode is statfs's f_ffree");
    CHECK(!u.f_fname[0] && !u.f_fpack[0], "f_fname and f_fpack are empty");
    errno = 0;
    CHECK_EQ(syscall(SYS_ustat, (unsigned)st.st_dev, (void *)8), -1, "a bad buffer fails");
    CHECK_EQ(errno, EFAULT, "with EFAULT");
    errno = 0;
    CHECK_EQ(syscall(SYS_ustat, (unsigned)-1, &u), -1, "an unmounted device fails");
    CHECK_EQ(errno, EINVAL, "with EINVAL");
    return tt_done();
}
