/* vfs_links_test.c - what the VFS redesign made possible: hard links (one
 * inode under two names, link counts, rename between two names of one
 * file), FIFOs made with mkfifo (a reader waits for a writer; O_NONBLOCK
 * rules), device nodes made with mknod (a character device opens its
 * driver wherever the node is), chroot (where "/" and ".." stop), an
 * unlinked file living on while open, symlink loops (ELOOP), trailing
 * slashes, and inode numbers and times as stat shows them.
 * Differential: Linux (as root) is the oracle. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "tt.h"

static char dir[64];

static struct stat st_of(const char *p)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    lstat(p, &st);
    return st;
}

static void hard_links(void)
{
    int fd = open("a", O_CREAT | O_WRONLY, 0644);
    write(fd, "data", 4);
    close(fd);
    CHECK_EQ(link("a", "b"), 0, "link a b");
    struct stat sa = st_of("a"), sb = st_of("b");
    CHECK(sa.st_ino == sb.st_ino && sa.st_dev == sb.st_dev, "both names are one inode");
    CHECK_EQ(sa.st_nlink, 2, "with a link count of 2");
    CHECK_EQ(rename("a", "b"), 0, "rename between two names of one file succeeds");
    CHECK(access("a", F_OK) == 0 && access("b", F_OK) == 0, "and does nothing (both names stay)");
    CHECK_EQ(unlink("a"), 0, "unlink one name");
    CHECK_EQ(st_of("b").st_nlink, 1, "the count drops to 1");
    char buf[8] = {0};
    fd = open("b", O_RDONLY);
    CHECK(read(fd, buf, sizeof buf) == 4 && !memcmp(buf, "data", 4), "the data is still there");
    close(fd);
    mkdir("d", 0755);
    CHECK_EQ(st_of("d").st_nlink, 2, "a new directory has 2 links");
    mkdir("d/sub", 0755);
    CHECK_EQ(st_of("d").st_nlink, 3, "a subdirectory's .. adds one");
    CHECK(link("d", "e") < 0 && errno == EPERM, "a hard link to a directory: EPERM");
    CHECK(link("nonexistent", "e") < 0 && errno == ENOENT, "to a missing file: ENOENT");
    CHECK(link("b", "d") < 0 && errno == EEXIST, "onto an existing name: EEXIST");
    symlink("b", "s");
    CHECK_EQ(linkat(AT_FDCWD, "s", AT_FDCWD, "s2", 0), 0, "linkat without AT_SYMLINK_FOLLOW links the symlink");
    CHECK(S_ISLNK(st_of("s2").st_mode), "so the new name is a symlink");
    CHECK_EQ(linkat(AT_FDCWD, "s", AT_FDCWD, "s3", AT_SYMLINK_FOLLOW), 0, "with AT_SYMLINK_FOLLOW");
    CHECK(st_of("s3").st_ino == st_of("b").st_ino, "links the file the symlink names");
    rmdir("d/sub");
    rmdir("d");
    unlink("s");
    unlink("s2");
    unlink("s3");
}

static void fifos(void)
{
    CHECK_EQ(mkfifo("f", 0600), 0, "mkfifo");
    struct stat st = st_of("f");
    CHECK(S_ISFIFO(st.st_mode) && (st.st_mode & 0777) == 0600, "stat: a FIFO, mode 0600");
    CHECK(mkfifo("f", 0600) < 0 && errno == EEXIST, "again: EEXIST");
    CHECK(open("f", O_WRONLY | O_NONBLOCK) < 0 && errno == ENXIO, "O_WRONLY|O_NONBLOCK with no reader: ENXIO");
    int r = open("f", O_RDONLY | O_NONBLOCK);
    CHECK(r >= 0, "O_RDONLY|O_NONBLOCK opens at once");
    char c;
    CHECK_EQ(read(r, &c, 1), 0, "and reads end of file while no writer exists");
    int w = open("f", O_WRONLY | O_NONBLOCK);
    CHECK(w >= 0, "now a non-blocking writer opens");
    CHECK_EQ(write(w, "xy", 2), 2, "write into the FIFO");
    char buf[4] = {0};
    CHECK(read(r, buf, sizeof buf) == 2 && !memcmp(buf, "xy", 2), "the reader gets it");
    close(w);
    close(r);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int cw = open("f", O_WRONLY); /* waits for the parent's reader */
        write(cw, "hello", 5);
        _exit(cw < 0);
    }
    r = open("f", O_RDONLY); /* blocks until the child opens for writing */
    memset(buf, 0, sizeof buf);
    char big[8] = {0};
    ssize_t n = read(r, big, 5);
    CHECK(r >= 0 && n == 5 && !memcmp(big, "hello", 5), "a blocking reader and writer meet");
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the writer's open succeeded");
    CHECK_EQ(read(r, &c, 1), 0, "end of file once the writer is gone");
    close(r);
    CHECK_EQ(unlink("f"), 0, "unlink the FIFO");
}

static void device_nodes(void)
{
    CHECK_EQ(mknod("null2", S_IFCHR | 0666, makedev(1, 3)), 0, "mknod a character device (1,3)");
    struct stat st = st_of("null2");
    CHECK(S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3, "stat shows its type and numbers");
    int fd = open("null2", O_RDWR);
    char c;
    CHECK(fd >= 0 && write(fd, "x", 1) == 1 && read(fd, &c, 1) == 0, "it behaves as /dev/null");
    close(fd);
    unlink("null2");
    CHECK_EQ(mknod("plain", S_IFREG | 0644, 0), 0, "mknod a regular file");
    CHECK(S_ISREG(st_of("plain").st_mode), "it is one");
    unlink("plain");
    CHECK(mknod("bad", S_IFDIR | 0755, 0) < 0 && errno == EPERM, "mknod of a directory: EPERM");
    CHECK(mknod("bad", 0170000 | 0644, 0) < 0 && errno == EINVAL, "of an unknown type: EINVAL");
}

static void unlinked_open(void)
{
    int fd = open("gone", O_CREAT | O_RDWR, 0644);
    write(fd, "still", 5);
    CHECK_EQ(unlink("gone"), 0, "unlink an open file");
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && st.st_nlink == 0, "fstat: no links left");
    char buf[8] = {0};
    CHECK(pread(fd, buf, 5, 0) == 5 && !memcmp(buf, "still", 5), "its data lives while it is open");
    CHECK(access("gone", F_OK) < 0 && errno == ENOENT, "but its name is gone");
    close(fd);
}

static void walks(void)
{
    symlink("loop1", "loop2");
    symlink("loop2", "loop1");
    CHECK(open("loop1", O_RDONLY) < 0 && errno == ELOOP, "a symlink loop: ELOOP");
    CHECK(open("loop1", O_CREAT | O_WRONLY, 0644) < 0 && errno == ELOOP, "creating through a loop: ELOOP");
    unlink("loop1");
    unlink("loop2");
    /* 40 links in a chain resolve; 41 are too many (MAXSYMLINKS). */
    char name[16], target[16];
    int fd = open("l0", O_CREAT | O_WRONLY, 0644);
    close(fd);
    for (int i = 1; i <= 41; i++) {
        snprintf(name, sizeof name, "l%d", i);
        snprintf(target, sizeof target, "l%d", i - 1);
        symlink(target, name);
    }
    fd = open("l40", O_RDONLY);
    CHECK(fd >= 0, "a chain of 40 symlinks resolves");
    if (fd >= 0)
        close(fd);
    CHECK(open("l41", O_RDONLY) < 0 && errno == ELOOP, "41 are too many: ELOOP");
    CHECK(open("l41", O_CREAT | O_WRONLY, 0644) < 0 && errno == ELOOP, "with O_CREAT too");
    unlink("l0");
    fd = open("l40", O_CREAT | O_WRONLY, 0644);
    CHECK(fd >= 0 && access("l0", F_OK) == 0, "O_CREAT through 40 dangling links makes the last target");
    if (fd >= 0)
        close(fd);
    for (int i = 0; i <= 41; i++) {
        snprintf(name, sizeof name, "l%d", i);
        unlink(name);
    }
    fd = open("file", O_CREAT | O_WRONLY, 0644);
    close(fd);
    CHECK(open("file/", O_RDONLY) < 0 && errno == ENOTDIR, "a trailing slash on a file: ENOTDIR");
    CHECK(open("file/.", O_RDONLY) < 0 && errno == ENOTDIR, "file/.: ENOTDIR");
    mkdir("sub", 0755);
    symlink("sub", "subl");
    struct stat st;
    CHECK(lstat("subl/", &st) == 0 && S_ISDIR(st.st_mode), "a trailing slash follows a symlink to a directory");
    CHECK(rmdir("subl/") < 0, "rmdir through a trailing-slash symlink fails");
    unlink("subl");
    rmdir("sub");
    unlink("file");
}

static void chroot_jail(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        mkdir("jail", 0755);
        mkdir("jail/inner", 0755);
        int ok = chroot("jail") == 0 && chdir("/") == 0;
        struct stat root, dotdot, inner;
        ok = ok && stat("/", &root) == 0 && stat("/..", &dotdot) == 0 && stat("/inner", &inner) == 0;
        ok = ok && root.st_ino == dotdot.st_ino && S_ISDIR(inner.st_mode);
        char cwd[64];
        ok = ok && chdir("inner") == 0 && getcwd(cwd, sizeof cwd) && !strcmp(cwd, "/inner");
        _exit(ok ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "chroot: / is the jail, /.. stays there, getcwd inside it");
    rmdir("jail/inner");
    rmdir("jail");
}

static void times_and_inodes(void)
{
    int fd = open("t", O_CREAT | O_WRONLY, 0644);
    struct timespec ts[2] = {{1000, 500}, {2000, 600}};
    CHECK_EQ(futimens(fd, ts), 0, "futimens");
    struct stat st = st_of("t");
    CHECK(st.st_atim.tv_sec == 1000 && st.st_atim.tv_nsec == 500, "the access time is kept, nanoseconds too");
    CHECK(st.st_mtim.tv_sec == 2000 && st.st_mtim.tv_nsec == 600, "and the modification time");
    struct timespec omit[2] = {{0, UTIME_OMIT}, {3000, 0}};
    CHECK_EQ(utimensat(AT_FDCWD, "t", omit, 0), 0, "UTIME_OMIT for the access time");
    st = st_of("t");
    CHECK(st.st_atim.tv_sec == 1000 && st.st_mtim.tv_sec == 3000, "only the modification time changed");
    close(fd);
    fd = open("u", O_CREAT | O_WRONLY, 0644);
    close(fd);
    CHECK(st_of("t").st_ino != st_of("u").st_ino, "two files, two inode numbers");
    unlink("t");
    unlink("u");
}

int main(void)
{
    mkdir("/tmp", 01777);
    snprintf(dir, sizeof dir, "/tmp/vfs_links.%d", getpid());
    CHECK(mkdir(dir, 0755) == 0 && chdir(dir) == 0, "a fresh directory");
    hard_links();
    unlink("b");
    fifos();
    device_nodes();
    unlinked_open();
    walks();
    chroot_jail();
    times_and_inodes();
    CHECK(chdir("/") == 0 && rmdir(dir) == 0, "clean up (the directory is empty)");
    return tt_done();
}
