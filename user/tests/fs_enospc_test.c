/* fs_enospc_test.c - filling the in-memory root: writing a file until
 * memory runs out gives the writer ENOSPC (or ENOMEM), and nothing else
 * breaks: the file can be removed, its memory comes back, a new file can
 * be written and a child process forked. Tiny OS only, under a small
 * --memory (the host's disk would take too long to fill). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

static char chunk[65536];

/* Writes chunks to path until a write fails or limit bytes went in;
 * returns the bytes written and the failing write's errno in *err. */
static long long fill(const char *path, long long limit, int *err)
{
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    long long total = 0;
    *err = 0;
    if (fd < 0) {
        *err = errno;
        return 0;
    }
    while (total < limit) {
        ssize_t w = write(fd, chunk, sizeof chunk);
        if (w < 0) {
            *err = errno;
            break;
        }
        total += w;
    }
    close(fd);
    return total;
}

int main(void)
{
    memset(chunk, 'z', sizeof chunk);
    struct sysinfo before, after;
    sysinfo(&before);
    int err;
    long long total = fill("/tmp/big", 1LL << 40, &err);
    CHECK(err == ENOSPC || err == ENOMEM, "writing until memory runs out fails with ENOSPC or ENOMEM");
    printf("# wrote %lld KiB of %lu KiB free before\n", total / 1024, before.freeram / 1024);
    CHECK(total > 0, "the file got some data first");
    struct stat st;
    CHECK(stat("/tmp/big", &st) == 0 && st.st_size == total, "the file holds what the successful writes wrote");
    CHECK(unlink("/tmp/big") == 0, "the full file can be removed");
    sysinfo(&after);
    CHECK(after.freeram + before.freeram / 8 >= before.freeram, "its memory comes back");
    total = fill("/tmp/small", 1 << 20, &err);
    CHECK(err == 0 && total == 1 << 20, "a 1 MiB file can be written afterwards");
    unlink("/tmp/small");
    pid_t c = fork();
    if (c == 0)
        _exit(42);
    int status = 0;
    CHECK(c > 0 && waitpid(c, &status, 0) == c && WIFEXITED(status) && WEXITSTATUS(status) == 42,
          "fork and wait still work");
    return tt_done();
}
