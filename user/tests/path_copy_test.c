/*
 * path_copy_test.c - path arguments copied in from user memory
 * (strncpy_from_user, arch/x86_64/usercopy.S, which reads aligned
 * quadwords; syscall/path.c, which keeps short paths on the stack and
 * gives longer ones a PATH_MAX buffer):
 *   - a path ending right before an unmapped page is read whole, at
 *     every alignment (no quadword may reach into the hole);
 *   - a path running into the hole without a NUL is EFAULT;
 *   - lengths around the short buffer (255..257 bytes) and PATH_MAX
 *     (4095 works, 4096 is ENAMETOOLONG) behave as on Linux;
 *   - names in the dentry cache are found after a rename swaps two of
 *     them (the name hash moves with the name).
 * Differential: the same binary runs on the host (Linux is the oracle).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tt.h"

#define PAGE 4096

static const char dir[] = "/tmp/path-copy-test";

/* stat() of text placed so its NUL is the last byte before a hole. */
static int stat_at_page_end(char *page_end, const char *text)
{
    size_t n = strlen(text) + 1;
    char *p = page_end - n;
    memcpy(p, text, n);
    struct stat st;
    return stat(p, &st) == 0 ? 0 : errno;
}

int main(void)
{
    tt_remove_tree(dir);
    CHECK(mkdir(dir, 0755) == 0, "make the scratch directory");
    CHECK(mkdir("/tmp/path-copy-test/a-directory-name", 0755) == 0, "make a subdirectory");

    /* Two pages, the second unmapped. */
    char *map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(map != MAP_FAILED && munmap(map + PAGE, PAGE) == 0, "a page with a hole after it");
    char *end = map + PAGE;

    /* Every length of the tail, so the NUL falls at every place of a
     * quadword: "/tmp/path-copy-test/a-directory-name" padded with "./". */
    int bad = 0;
    for (int pad = 0; pad < 16; pad++) {
        char text[128];
        int len = snprintf(text, sizeof text, "%s", dir);
        for (int i = 0; i < pad; i++)
            len += snprintf(text + len, sizeof text - len, "/.");
        snprintf(text + len, sizeof text - len, "/a-directory-name");
        int err = stat_at_page_end(end, text);
        if (err) {
            printf("# %s at the end of the page: errno %d\n", text, err);
            bad++;
        }
    }
    CHECK_EQ(bad, 0, "a path ending at a hole is read whole, NUL at every place of a quadword");

    /* No NUL before the hole. */
    memset(end - 64, 'x', 64);
    struct stat st;
    errno = 0;
    CHECK(stat(end - 64, &st) == -1 && errno == EFAULT, "a path running into a hole: EFAULT");
    errno = 0;
    CHECK(open(end - 1, O_RDONLY) == -1 && errno == EFAULT, "one byte before the hole: EFAULT");

    /* Around the short buffer: 255, 256 and 257 bytes of "./" steps
     * then the name (each must be found). */
    static char longpath[PATH_MAX + 8];
    int lens[] = {255, 256, 257, 1000, 4095};
    for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
        int want = lens[k];
        int len = snprintf(longpath, sizeof longpath, "%s/", dir);
        const char *tail = "a-directory-name";
        int fill = want - len - (int)strlen(tail);
        for (int i = 0; i + 2 <= fill; i += 2)
            len += snprintf(longpath + len, sizeof longpath - len, "./");
        if ((want - len - (int)strlen(tail)) % 2)
            len += snprintf(longpath + len, sizeof longpath - len, "/");
        snprintf(longpath + len, sizeof longpath - len, "%s", tail);
        char what[64];
        snprintf(what, sizeof what, "a %zu-byte path is found", strlen(longpath));
        CHECK(stat(longpath, &st) == 0 && S_ISDIR(st.st_mode), what);
    }
    memset(longpath, '/', PATH_MAX);
    longpath[PATH_MAX] = 0;
    errno = 0;
    CHECK(stat(longpath, &st) == -1 && errno == ENAMETOOLONG, "a path of PATH_MAX bytes: ENAMETOOLONG");
    longpath[PATH_MAX - 1] = 0;
    CHECK(stat(longpath, &st) == 0 && S_ISDIR(st.st_mode), "a path of PATH_MAX - 1 slashes is the root");

    /* RENAME_EXCHANGE swaps two names: each is found under the other. */
    int fa = open("/tmp/path-copy-test/first", O_CREAT | O_WRONLY, 0600);
    int fb = open("/tmp/path-copy-test/second-and-longer-than-thirty-two-bytes", O_CREAT | O_WRONLY, 0600);
    CHECK(fa >= 0 && fb >= 0, "make two files");
    struct stat sa, sb, na, nb;
    fstat(fa, &sa);
    fstat(fb, &sb);
    long r = syscall(SYS_renameat2, AT_FDCWD, "/tmp/path-copy-test/first", AT_FDCWD,
                     "/tmp/path-copy-test/second-and-longer-than-thirty-two-bytes", 2 /* RENAME_EXCHANGE */);
    CHECK(r == 0, "renameat2 RENAME_EXCHANGE");
    CHECK(stat("/tmp/path-copy-test/first", &na) == 0 && na.st_ino == sb.st_ino, "the short name is the other file");
    CHECK(stat("/tmp/path-copy-test/second-and-longer-than-thirty-two-bytes", &nb) == 0 && nb.st_ino == sa.st_ino,
          "the long name is the first file");
    CHECK(rename("/tmp/path-copy-test/first", "/tmp/path-copy-test/third") == 0 &&
              stat("/tmp/path-copy-test/third", &na) == 0 && na.st_ino == sb.st_ino &&
              stat("/tmp/path-copy-test/first", &na) == -1 && errno == ENOENT,
          "a rename moves the name: the new one is found, the old one is gone");
    close(fa);
    close(fb);
    tt_remove_tree(dir);
    return tt_done();
}
