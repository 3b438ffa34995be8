/* cp: copy files. "cp SRC DST", or "cp SRC... DIR" (into DIR).
 * -r/-R: directories recursively (symlinks inside are copied as links);
 * -p: keep mode bits; -f: replace a destination that cannot be opened;
 * -v: say what is copied; -n: never overwrite. */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/target_operands.h"

static bool recursive, preserve, force, verbose, no_clobber;
/* The directory the top-level -r copy created, so copying a directory
 * into itself stops instead of recursing forever. */
static dev_t made_dev;
static ino_t made_ino;
static bool made_valid;

static int copy_file(const char *src, const char *dst, const struct stat *st)
{
    int in = open(src, O_RDONLY);
    if (in < 0) {
        warn("cannot open '%s' for reading", src);
        return 1;
    }
    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 07777);
    if (out < 0 && force && errno != ENOENT) {
        unlink(dst);
        out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 07777);
    }
    if (out < 0) {
        warn("cannot create regular file '%s'", dst);
        close(in);
        return 1;
    }
    static char buf[65536];
    int status = 0;
    for (;;) {
        ssize_t r = read(in, buf, sizeof buf);
        if (r < 0) {
            warn("error reading '%s'", src);
            status = 1;
            break;
        }
        if (r == 0)
            break;
        for (ssize_t done = 0; done < r;) {
            ssize_t w = write(out, buf + done, (size_t)(r - done));
            if (w <= 0) {
                warn("error writing '%s'", dst);
                status = 1;
                goto done;
            }
            done += w;
        }
    }
done:
    close(in);
    if (preserve)
        fchmod(out, st->st_mode & 07777);
    if (close(out) != 0 && !status) {
        warn("error writing '%s'", dst);
        status = 1;
    }
    return status;
}

static int copy_any(const char *src, const char *dst, bool top);

/* Whether dst would lie inside the directory src: walk from dst's parent
 * up through ".." to the root, looking for src's inode. */
static bool inside(const struct stat *src, const char *dst)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", dst);
    char *slash = strrchr(path, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(path, sizeof path, ".");
    if (!path[0])
        snprintf(path, sizeof path, "/");
    for (int depth = 0; depth < 256; depth++) {
        struct stat st, up;
        if (stat(path, &st) != 0)
            return false;
        if (st.st_dev == src->st_dev && st.st_ino == src->st_ino)
            return true;
        size_t n = strlen(path);
        if (n + 4 >= sizeof path)
            return false;
        memcpy(path + n, "/..", 4);
        if (stat(path, &up) != 0 || (up.st_dev == st.st_dev && up.st_ino == st.st_ino))
            return false; /* reached the root */
    }
    return false;
}

static int copy_dir(const char *src, const char *dst, const struct stat *st, bool top)
{
    struct stat dst_st;
    if (stat(dst, &dst_st) == 0) {
        if (!S_ISDIR(dst_st.st_mode)) {
            warnx("cannot overwrite non-directory '%s' with directory '%s'", dst, src);
            return 1;
        }
    } else if (mkdir(dst, (st->st_mode & 07777) | 0700) != 0 || stat(dst, &dst_st) != 0) {
        warn("cannot create directory '%s'", dst);
        return 1;
    }
    if (top) {
        made_dev = dst_st.st_dev;
        made_ino = dst_st.st_ino;
        made_valid = true;
    }
    DIR *d = opendir(src);
    if (!d) {
        warn("cannot access '%s'", src);
        return 1;
    }
    int status = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char *s = path_join(src, de->d_name), *t = path_join(dst, de->d_name);
        status |= copy_any(s, t, false);
        free(s);
        free(t);
    }
    closedir(d);
    if (preserve)
        chmod(dst, st->st_mode & 07777);
    return status;
}

static int copy_any(const char *src, const char *dst, bool top)
{
    struct stat st;
    /* Operands are followed unless copying recursively; links inside a
     * tree are copied as links. */
    int r = top && !recursive ? stat(src, &st) : lstat(src, &st);
    if (r != 0) {
        warn("cannot stat '%s'", src);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (!recursive) {
            warnx("-r not specified; omitting directory '%s'", src);
            return 1;
        }
        if (top && inside(&st, dst)) {
            warnx("cannot copy a directory, '%s', into itself, '%s'", src, dst);
            return 1;
        }
        if (made_valid && st.st_dev == made_dev && st.st_ino == made_ino) {
            warnx("cannot copy a directory into itself: '%s'", src);
            return 1;
        }
        if (verbose)
            printf("'%s' -> '%s'\n", src, dst);
        return copy_dir(src, dst, &st, top);
    }
    struct stat dst_st;
    if (stat(dst, &dst_st) == 0) {
        if (dst_st.st_dev == st.st_dev && dst_st.st_ino == st.st_ino) {
            warnx("'%s' and '%s' are the same file", src, dst);
            return 1;
        }
        if (no_clobber)
            return 0;
        if (S_ISDIR(dst_st.st_mode)) {
            warnx("cannot overwrite directory '%s' with non-directory", dst);
            return 1;
        }
    }
    if (verbose)
        printf("'%s' -> '%s'\n", src, dst);
    if (S_ISLNK(st.st_mode)) {
        char target[4096];
        ssize_t n = readlink(src, target, sizeof target - 1);
        if (n < 0) {
            warn("cannot read symbolic link '%s'", src);
            return 1;
        }
        target[n] = 0;
        unlink(dst);
        if (symlink(target, dst) != 0) {
            warn("cannot create symbolic link '%s'", dst);
            return 1;
        }
        return 0;
    }
    return copy_file(src, dst, &st);
}

/* One source operand: a new top-level copy. */
static int copy_operand(const char *src, const char *dst)
{
    made_valid = false;
    return copy_any(src, dst, true);
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "rRapfvn")) != -1) {
        switch (opt) {
        case 'r': case 'R': recursive = true; break;
        case 'a': recursive = preserve = true; break;
        case 'p': preserve = true; break;
        case 'f': force = true; break;
        case 'v': verbose = true; break;
        case 'n': no_clobber = true; break;
        default: return 1;
        }
    }
    return for_each_source(argc, argv, optind, copy_operand);
}
