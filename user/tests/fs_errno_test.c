/* fs_errno_test.c - file-system errors the writable root must report as
 * Linux does (rename/unlink/rmdir/mkdir/open cases fs_test.c leaves out)
 * and the umask applied on create and mkdir. Differential: runs in a
 * fresh directory under /tmp on both systems. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tt.h"

#define CHECK_ERR(call, err, what)                                                                         \
    do {                                                                                                   \
        errno = 0;                                                                                         \
        long r_ = (long)(call);                                                                            \
        tt_check(r_ == -1 && errno == (err), (what), "got %ld errno %d (%s), want errno %d", r_, errno,    \
                 strerror(errno), (err));                                                                  \
    } while (0)

static void touch(const char *p) { close(open(p, O_CREAT | O_WRONLY, 0644)); }

int main(void)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/fs_errno.%d", getpid());
    mkdir(dir, 0755);
    CHECK(chdir(dir) == 0, "chdir to a fresh directory");

    umask(027);
    touch("f");
    struct stat st;
    CHECK(stat("f", &st) == 0 && (st.st_mode & 0777) == 0640, "umask 027 turns 0644 into 0640 on create");
    CHECK(mkdir("d", 0777) == 0 && stat("d", &st) == 0 && (st.st_mode & 0777) == 0750,
          "umask 027 turns 0777 into 0750 on mkdir");
    umask(0);
    CHECK(mkdir("e", 0777) == 0 && stat("e", &st) == 0 && (st.st_mode & 0777) == 0777, "umask 0 keeps 0777");
    umask(022);

    char longname[300];
    memset(longname, 'x', 256);
    longname[256] = '\0';
    CHECK_ERR(open(longname, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG, "create a 256-byte name");
    CHECK_ERR(mkdir(longname, 0755), ENAMETOOLONG, "mkdir a 256-byte name");
    CHECK_ERR(rename("f", longname), ENAMETOOLONG, "rename to a 256-byte name");
    CHECK_ERR(unlink(longname), ENAMETOOLONG, "unlink a 256-byte name");
    longname[255] = '\0';
    CHECK(mkdir(longname, 0755) == 0 && rmdir(longname) == 0, "a 255-byte name is fine");

    touch("d/inner");
    CHECK_ERR(rmdir("d"), ENOTEMPTY, "rmdir a non-empty directory");
    CHECK_ERR(rmdir("f"), ENOTDIR, "rmdir a file");
    CHECK_ERR(rmdir("nothing"), ENOENT, "rmdir a missing name");
    CHECK_ERR(rmdir("f/x"), ENOTDIR, "rmdir below a file");
    CHECK_ERR(rmdir("."), EINVAL, "rmdir .");
    CHECK_ERR(unlink("d"), EISDIR, "unlink a directory");
    CHECK_ERR(unlink("nothing"), ENOENT, "unlink a missing name");
    CHECK_ERR(unlink("f/x"), ENOTDIR, "unlink below a file");
    CHECK_ERR(mkdir("f", 0755), EEXIST, "mkdir over a file");
    CHECK_ERR(mkdir("d", 0755), EEXIST, "mkdir over a directory");
    CHECK_ERR(mkdir("no/sub", 0755), ENOENT, "mkdir below a missing directory");
    CHECK_ERR(open("f", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST, "O_EXCL on an existing file");
    CHECK_ERR(open("d", O_WRONLY), EISDIR, "open a directory for writing");
    CHECK_ERR(open("f/x", O_RDONLY), ENOTDIR, "open below a file");
    CHECK_ERR(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR, "O_DIRECTORY on a file");

    CHECK_ERR(rename("nothing", "g"), ENOENT, "rename a missing name");
    CHECK_ERR(rename("f", "no/g"), ENOENT, "rename into a missing directory");
    CHECK_ERR(rename("d", "d/sub"), EINVAL, "rename a directory into itself");
    CHECK_ERR(rename("d", "d/sub/deeper"), ENOENT, "rename a directory below itself, missing parent");
    mkdir("d/s", 0755);
    CHECK_ERR(rename("d", "d/s/x"), EINVAL, "rename a directory into its subdirectory");
    CHECK_ERR(rename("f", "d"), EISDIR, "rename a file over a directory");
    CHECK_ERR(rename("d", "f"), ENOTDIR, "rename a directory over a file");
    CHECK_ERR(rename("e", "d"), ENOTEMPTY, "rename a directory over a non-empty one");
    mkdir("e2", 0755);
    CHECK(rename("e", "e2") == 0, "rename a directory over an empty one");
    CHECK(rename("f", "f") == 0, "rename a file to itself");
    touch("g");
    CHECK(rename("f", "g") == 0 && access("f", F_OK) != 0, "rename a file over another");
    CHECK_ERR(rename("g", "g/"), ENOTDIR, "rename a file to a name with a slash");

    CHECK_ERR(link("g", "g"), EEXIST, "link over an existing name");
    CHECK_ERR(symlink("x", "g"), EEXIST, "symlink over an existing name");

    /* clean up */
    unlink("g");
    unlink("d/inner");
    rmdir("d/s");
    rmdir("d");
    rmdir("e2");
    chdir("/");
    CHECK(rmdir(dir) == 0, "the directory is empty again");
    return tt_done();
}
