/* dirent.c - directory streams over getdents64. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "syscall.h"

struct tinyc_dir {
    int fd;
    size_t pos, len; /* unread records are buf[pos..len) */
    struct dirent ent;
    char buf[4096] __attribute__((aligned(8)));
};

/* The kernel's record (include/linux/dirent.h) */
struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
    char d_name[];
};

DIR *fdopendir(int fd)
{
    DIR *d = malloc(sizeof *d);
    if (!d)
        return NULL;
    d->fd = fd;
    d->pos = d->len = 0;
    return d;
}

DIR *opendir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    DIR *d = fdopendir(fd);
    if (!d)
        close(fd);
    return d;
}

/* NULL at the end (errno untouched) or on error (errno set). */
struct dirent *readdir(DIR *d)
{
    if (d->pos >= d->len) {
        long n = SC3(SYS_getdents64, d->fd, d->buf, sizeof d->buf);
        if (n <= 0)
            return NULL;
        d->pos = 0;
        d->len = (size_t)n;
    }
    struct linux_dirent64 *k = (struct linux_dirent64 *)(d->buf + d->pos);
    d->pos += k->d_reclen;
    d->ent.d_ino = k->d_ino;
    d->ent.d_off = k->d_off;
    d->ent.d_reclen = k->d_reclen;
    d->ent.d_type = k->d_type;
    size_t max = k->d_reclen - offsetof(struct linux_dirent64, d_name);
    size_t nlen = strnlen(k->d_name, max < sizeof d->ent.d_name ? max : sizeof d->ent.d_name - 1);
    memcpy(d->ent.d_name, k->d_name, nlen);
    d->ent.d_name[nlen] = '\0';
    return &d->ent;
}

void rewinddir(DIR *d)
{
    lseek(d->fd, 0, SEEK_SET);
    d->pos = d->len = 0;
}

int closedir(DIR *d)
{
    int r = close(d->fd);
    free(d);
    return r;
}

int dirfd(DIR *d)
{
    return d->fd;
}
