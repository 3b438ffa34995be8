/* vfs_mount_test.c - the mount table (mount(2), umount2(2)): a tmpfs on a
 * directory hides what was there and shows it again when unmounted; its
 * files have their own st_dev; rename and link across mounts are EXDEV;
 * umount is EBUSY while a working directory or an open file is inside
 * (and MNT_DETACH goes anyway); `..` at a mount's root leaves the mount;
 * stacked mounts, bind mounts, read-only mounts, size limits;
 * /proc/mounts and /proc/self/mountinfo list them in Linux's formats.
 * Differential: Linux (as root) is the oracle. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "tt.h"

static char base[64], a[80], b[80], c[80];

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static dev_t dev_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_dev : (dev_t)-1;
}

static void touch(const char *dir, const char *name)
{
    char p[160];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    int fd = open(p, O_CREAT | O_WRONLY, 0644);
    if (fd >= 0)
        close(fd);
}

/* The line of a /proc file whose second field is path (NULL if none). */
static char *line_for(const char *file, const char *path, int field, char *out, size_t size)
{
    FILE *f = fopen(file, "r");
    if (!f)
        return NULL;
    char *found = NULL;
    while (fgets(out, (int)size, f)) {
        char copy[512];
        snprintf(copy, sizeof copy, "%s", out);
        char *save, *tok = strtok_r(copy, " ", &save);
        for (int i = 1; tok && i < field; i++)
            tok = strtok_r(NULL, " ", &save);
        if (tok && !strcmp(tok, path))
            found = out;
    }
    fclose(f);
    return found;
}

static void hide_and_show(void)
{
    touch(a, "under");
    dev_t parent_dev = dev_of(base);
    CHECK_EQ(mount("none", a, "tmpfs", 0, "size=1m"), 0, "mount a tmpfs on a directory");
    char p[160];
    snprintf(p, sizeof p, "%s/under", a);
    CHECK(!exists(p), "the file under the mount point is hidden");
    touch(a, "over");
    snprintf(p, sizeof p, "%s/over", a);
    CHECK(exists(p), "a file made in the mounted tmpfs");
    CHECK(dev_of(a) != parent_dev, "the mount's root has its own st_dev");
    CHECK(dev_of(p) == dev_of(a), "and so do its files");
    struct stat st;
    CHECK(stat(a, &st) == 0 && (st.st_mode & 07777) == 01777, "a new tmpfs's root is mode 1777");

    char q[160];
    snprintf(q, sizeof q, "%s/moved", base);
    CHECK(rename(p, q) < 0 && errno == EXDEV, "rename out of the mount: EXDEV");
    CHECK(link(p, q) < 0 && errno == EXDEV, "link across mounts: EXDEV");

    char line[512];
    CHECK(line_for("/proc/mounts", a, 2, line, sizeof line) != NULL, "/proc/mounts lists the mount");
    CHECK(line_for("/proc/mounts", a, 2, line, sizeof line) && !strncmp(line, "none ", 5) &&
              strstr(line, " tmpfs rw,") && strstr(line, "size=1024k") && strstr(line, " 0 0\n"),
          "as: none PATH tmpfs rw,...,size=1024k 0 0");
    CHECK(line_for("/proc/self/mountinfo", a, 5, line, sizeof line) && strstr(line, " / ") &&
              strstr(line, " - tmpfs none rw"),
          "/proc/self/mountinfo: root /, then - tmpfs none rw");
    struct statfs sf;
    CHECK(statfs(a, &sf) == 0 && sf.f_type == 0x01021994 && sf.f_blocks == 256, "statfs: TMPFS_MAGIC, 256 pages");

    /* Busy: a working directory inside, then an open file. */
    char cwd[160];
    CHECK(getcwd(cwd, sizeof cwd) != NULL, "getcwd");
    CHECK_EQ(chdir(a), 0, "chdir into the mount");
    CHECK(umount(a) < 0 && errno == EBUSY, "umount while it is a working directory: EBUSY");
    CHECK_EQ(chdir(".."), 0, "chdir .. from the mount's root");
    struct stat here, there;
    CHECK(stat(".", &here) == 0 && stat(base, &there) == 0 && here.st_ino == there.st_ino &&
              here.st_dev == there.st_dev,
          ".. of a mount's root is the mount point's parent");
    int fd = open(a, O_RDONLY | O_DIRECTORY);
    CHECK(umount(a) < 0 && errno == EBUSY, "umount while a file in it is open: EBUSY");
    close(fd);
    CHECK_EQ(umount(a), 0, "umount once nothing uses it");
    snprintf(p, sizeof p, "%s/under", a);
    CHECK(exists(p), "the hidden file is back");
    snprintf(p, sizeof p, "%s/over", a);
    CHECK(!exists(p), "the tmpfs's file went with it");
    CHECK(dev_of(a) == parent_dev, "the directory's own st_dev again");
    CHECK(line_for("/proc/mounts", a, 2, line, sizeof line) == NULL, "/proc/mounts no longer lists it");
    CHECK(chdir(cwd) == 0, "back to the start");
}

static void errors(void)
{
    char p[160];
    snprintf(p, sizeof p, "%s/under", a);
    CHECK(umount(a) < 0 && errno == EINVAL, "umount of a directory that is no mount point: EINVAL");
    CHECK(umount("/nonexistent-dir") < 0 && errno == ENOENT, "umount of a missing path: ENOENT");
    CHECK(mount("none", a, "no-such-fs", 0, NULL) < 0 && errno == ENODEV, "an unknown file system type: ENODEV");
    CHECK(mount("none", p, "tmpfs", 0, NULL) < 0 && errno == ENOTDIR, "mount on a file: ENOTDIR");
    CHECK(mount("none", "/nonexistent-dir", "tmpfs", 0, NULL) < 0 && errno == ENOENT, "mount on a missing path");
    CHECK(mount("none", a, "tmpfs", 0, "bogus=1") < 0 && errno == EINVAL, "an unknown tmpfs option: EINVAL");
    CHECK(umount2(a, 0x100) < 0 && errno == EINVAL, "umount2 with unknown flags: EINVAL");
}

static void stacked_bind_ro(void)
{
    char p[160];
    CHECK_EQ(mount("first", a, "tmpfs", 0, NULL), 0, "mount a first tmpfs");
    touch(a, "one");
    CHECK_EQ(mount("second", a, "tmpfs", 0, NULL), 0, "and a second on top");
    snprintf(p, sizeof p, "%s/one", a);
    CHECK(!exists(p), "the top mount hides the one below");
    CHECK_EQ(umount(a), 0, "umount the top one");
    CHECK(exists(p), "the lower mount shows again");
    CHECK_EQ(umount(a), 0, "umount the lower one");

    touch(b, "bfile");
    CHECK_EQ(mount(b, c, NULL, MS_BIND, NULL), 0, "bind-mount a directory");
    snprintf(p, sizeof p, "%s/bfile", c);
    CHECK(exists(p), "its files appear at the second place");
    CHECK(dev_of(c) == dev_of(b), "with the same st_dev");
    touch(c, "cfile");
    snprintf(p, sizeof p, "%s/cfile", b);
    CHECK(exists(p), "and a file made there is in the original");
    char q[160];
    snprintf(q, sizeof q, "%s/moved", b);
    CHECK(rename(p, q) == 0, "rename inside the original works");
    snprintf(p, sizeof p, "%s/moved", c);
    snprintf(q, sizeof q, "%s/moved", b);
    CHECK(rename(p, q) < 0 && errno == EXDEV, "but across the bind and the original: EXDEV");
    CHECK_EQ(umount(c), 0, "umount the bind mount");
    CHECK(!exists(p), "the second place is empty again");

    CHECK_EQ(mount("ro", a, "tmpfs", MS_RDONLY, NULL), 0, "mount a tmpfs read-only");
    snprintf(p, sizeof p, "%s/f", a);
    CHECK(open(p, O_CREAT | O_WRONLY, 0644) < 0 && errno == EROFS, "creating a file there: EROFS");
    CHECK(mkdir(p, 0755) < 0 && errno == EROFS, "mkdir there: EROFS");
    struct statfs sf;
    CHECK(statfs(a, &sf) == 0 && (sf.f_flags & 1), "statfs says ST_RDONLY");
    CHECK_EQ(mount(NULL, a, NULL, MS_REMOUNT, NULL), 0, "remount read-write");
    int fd = open(p, O_CREAT | O_WRONLY, 0644);
    CHECK(fd >= 0, "now a file can be made");
    if (fd >= 0)
        close(fd);
    CHECK_EQ(umount(a), 0, "umount");
}

static void lazy_and_full(void)
{
    char p[160], cwd[160];
    CHECK_EQ(mount("small", a, "tmpfs", 0, "size=64k"), 0, "mount a 64 KiB tmpfs");
    snprintf(p, sizeof p, "%s/fill", a);
    int fd = open(p, O_CREAT | O_WRONLY, 0644);
    static char chunk[4096];
    memset(chunk, 'x', sizeof chunk);
    long total = 0;
    ssize_t w;
    while ((w = write(fd, chunk, sizeof chunk)) > 0)
        total += w;
    CHECK(w < 0 && errno == ENOSPC, "writing past the size: ENOSPC");
    CHECK_EQ(total, 65536, "after exactly 64 KiB");
    close(fd);
    getcwd(cwd, sizeof cwd);
    CHECK_EQ(chdir(a), 0, "chdir into it");
    CHECK_EQ(umount2(a, MNT_DETACH), 0, "MNT_DETACH unmounts even while busy");
    CHECK(!exists(p), "the path no longer reaches it");
    CHECK(exists("fill"), "but the working directory still does");
    CHECK_EQ(chdir(cwd), 0, "leave it (the last user: it goes)");
}

int main(void)
{
    snprintf(base, sizeof base, "/tmp/vfsm.%d", getpid());
    snprintf(a, sizeof a, "%s/a", base);
    snprintf(b, sizeof b, "%s/b", base);
    snprintf(c, sizeof c, "%s/c", base);
    umount2(a, MNT_DETACH); /* leftovers of an earlier run on the host */
    umount2(c, MNT_DETACH);
    mkdir("/tmp", 01777);
    CHECK(mkdir(base, 0755) == 0 && mkdir(a, 0755) == 0 && mkdir(b, 0755) == 0 && mkdir(c, 0755) == 0,
          "make the test directories");
    hide_and_show();
    errors();
    stacked_bind_ro();
    lazy_and_full();
    char p[160];
    snprintf(p, sizeof p, "%s/under", a);
    unlink(p);
    snprintf(p, sizeof p, "%s/bfile", b);
    unlink(p);
    snprintf(p, sizeof p, "%s/moved", b);
    unlink(p);
    CHECK(rmdir(a) == 0 && rmdir(b) == 0 && rmdir(c) == 0 && rmdir(base) == 0, "clean up");
    return tt_done();
}
