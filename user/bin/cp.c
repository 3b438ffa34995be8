/* cp: copy files. "cp SRC DST", or "cp SRC... DIR" (into DIR).
 * -r/-R: directories recursively (symlinks inside are copied as links);
 * -p: keep mode bits; -f: replace a destination that cannot be opened;
 * -v: say what is copied; -n: never overwrite. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool recursive, preserve, force, verbose, no_clobber;
/* The directory the top-level -r copy created, so copying a directory
 * into itself stops instead of recursing forever. */
static dev_t made_dev;
static ino_t made_ino;
static bool made_valid;

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p) {
        fputs("cp: out of memory\n", stderr);
        exit(1);
    }
    size_t dl = strlen(dir);
    snprintf(p, n, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
    return p;
}

static const char *base_name(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t start = n;
    while (start > 0 && path[start - 1] != '/')
        start--;
    static char buf[4096];
    snprintf(buf, sizeof buf, "%.*s", (int)(n - start), path + start);
    return buf;
}

static int copy_file(const char *src, const char *dst, const struct stat *st)
{
    int in = open(src, O_RDONLY);
    if (in < 0) {
        fprintf(stderr, "cp: cannot open '%s' for reading: %s\n", src, strerror(errno));
        return 1;
    }
    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 07777);
    if (out < 0 && force && errno != ENOENT) {
        unlink(dst);
        out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 07777);
    }
    if (out < 0) {
        fprintf(stderr, "cp: cannot create regular file '%s': %s\n", dst, strerror(errno));
        close(in);
        return 1;
    }
    static char buf[65536];
    int status = 0;
    for (;;) {
        ssize_t r = read(in, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            fprintf(stderr, "cp: error reading '%s': %s\n", src, strerror(errno));
            status = 1;
            break;
        }
        if (r == 0)
            break;
        for (ssize_t done = 0; done < r;) {
            ssize_t w = write(out, buf + done, (size_t)(r - done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                fprintf(stderr, "cp: error writing '%s': %s\n", dst, strerror(errno));
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
        fprintf(stderr, "cp: error writing '%s': %s\n", dst, strerror(errno));
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
            fprintf(stderr, "cp: cannot overwrite non-directory '%s' with directory '%s'\n", dst, src);
            return 1;
        }
    } else if (mkdir(dst, (st->st_mode & 07777) | 0700) != 0 || stat(dst, &dst_st) != 0) {
        fprintf(stderr, "cp: cannot create directory '%s': %s\n", dst, strerror(errno));
        return 1;
    }
    if (top) {
        made_dev = dst_st.st_dev;
        made_ino = dst_st.st_ino;
        made_valid = true;
    }
    DIR *d = opendir(src);
    if (!d) {
        fprintf(stderr, "cp: cannot access '%s': %s\n", src, strerror(errno));
        return 1;
    }
    int status = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        char *s = join(src, de->d_name), *t = join(dst, de->d_name);
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
        fprintf(stderr, "cp: cannot stat '%s': %s\n", src, strerror(errno));
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (!recursive) {
            fprintf(stderr, "cp: -r not specified; omitting directory '%s'\n", src);
            return 1;
        }
        if (top && inside(&st, dst)) {
            fprintf(stderr, "cp: cannot copy a directory, '%s', into itself, '%s'\n", src, dst);
            return 1;
        }
        if (made_valid && st.st_dev == made_dev && st.st_ino == made_ino) {
            fprintf(stderr, "cp: cannot copy a directory into itself: '%s'\n", src);
            return 1;
        }
        if (verbose)
            printf("'%s' -> '%s'\n", src, dst);
        return copy_dir(src, dst, &st, top);
    }
    struct stat dst_st;
    if (stat(dst, &dst_st) == 0) {
        if (dst_st.st_dev == st.st_dev && dst_st.st_ino == st.st_ino) {
            fprintf(stderr, "cp: '%s' and '%s' are the same file\n", src, dst);
            return 1;
        }
        if (no_clobber)
            return 0;
        if (S_ISDIR(dst_st.st_mode)) {
            fprintf(stderr, "cp: cannot overwrite directory '%s' with non-directory\n", dst);
            return 1;
        }
    }
    if (verbose)
        printf("'%s' -> '%s'\n", src, dst);
    if (S_ISLNK(st.st_mode)) {
        char target[4096];
        ssize_t n = readlink(src, target, sizeof target - 1);
        if (n < 0) {
            fprintf(stderr, "cp: cannot read symbolic link '%s': %s\n", src, strerror(errno));
            return 1;
        }
        target[n] = 0;
        unlink(dst);
        if (symlink(target, dst) != 0) {
            fprintf(stderr, "cp: cannot create symbolic link '%s': %s\n", dst, strerror(errno));
            return 1;
        }
        return 0;
    }
    return copy_file(src, dst, &st);
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        for (const char *p = argv[i] + 1; *p; p++) {
            switch (*p) {
            case 'r': case 'R': recursive = true; break;
            case 'a': recursive = preserve = true; break;
            case 'p': preserve = true; break;
            case 'f': force = true; break;
            case 'v': verbose = true; break;
            case 'n': no_clobber = true; break;
            default:
                fprintf(stderr, "cp: invalid option -- '%c'\n", *p);
                return 1;
            }
        }
    }
    int count = argc - i;
    if (count < 1) {
        fputs("cp: missing file operand\n", stderr);
        return 1;
    }
    if (count < 2) {
        fprintf(stderr, "cp: missing destination file operand after '%s'\n", argv[i]);
        return 1;
    }
    const char *target = argv[argc - 1];
    struct stat st;
    bool into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
    if (count > 2 && !into_dir) {
        fprintf(stderr, "cp: target '%s' is not a directory\n", target);
        return 1;
    }
    int status = 0;
    for (; i < argc - 1; i++) {
        made_valid = false;
        if (into_dir) {
            char *dst = join(target, base_name(argv[i]));
            status |= copy_any(argv[i], dst, true);
            free(dst);
        } else {
            status |= copy_any(argv[i], target, true);
        }
    }
    return status;
}
