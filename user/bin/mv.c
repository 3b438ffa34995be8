/* mv: rename files. "mv SRC DST", or "mv SRC... DIR" (into DIR).
 * -f: no prompting (the default here); -n: never overwrite; -v: verbose.
 * Everything is one file system, so a rename is all it takes; across
 * file systems (EXDEV) mv says so rather than copying. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool no_clobber, verbose;

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

static int move(const char *src, const char *dst)
{
    struct stat st, dst_st;
    if (lstat(src, &st) != 0) {
        fprintf(stderr, "mv: cannot stat '%s': %s\n", src, strerror(errno));
        return 1;
    }
    if (lstat(dst, &dst_st) == 0) {
        if (no_clobber)
            return 0;
        if (st.st_dev == dst_st.st_dev && st.st_ino == dst_st.st_ino) {
            fprintf(stderr, "mv: '%s' and '%s' are the same file\n", src, dst);
            return 1;
        }
        if (S_ISDIR(dst_st.st_mode) && !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "mv: cannot overwrite directory '%s' with non-directory\n", dst);
            return 1;
        }
    }
    if (rename(src, dst) != 0) {
        fprintf(stderr, "mv: cannot move '%s' to '%s': %s\n", src, dst, strerror(errno));
        return 1;
    }
    if (verbose)
        printf("renamed '%s' -> '%s'\n", src, dst);
    return 0;
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
            case 'f': case 'i': no_clobber = false; break;
            case 'n': no_clobber = true; break;
            case 'v': verbose = true; break;
            default:
                fprintf(stderr, "mv: invalid option -- '%c'\n", *p);
                return 1;
            }
        }
    }
    int count = argc - i;
    if (count < 1) {
        fputs("mv: missing file operand\n", stderr);
        return 1;
    }
    if (count < 2) {
        fprintf(stderr, "mv: missing destination file operand after '%s'\n", argv[i]);
        return 1;
    }
    const char *target = argv[argc - 1];
    struct stat st;
    bool into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
    if (count > 2 && !into_dir) {
        fprintf(stderr, "mv: target '%s' is not a directory\n", target);
        return 1;
    }
    int status = 0;
    for (; i < argc - 1; i++) {
        if (!into_dir) {
            status |= move(argv[i], target);
            continue;
        }
        const char *base = base_name(argv[i]);
        size_t n = strlen(target) + strlen(base) + 2;
        char *dst = malloc(n);
        if (!dst)
            return 1;
        size_t tl = strlen(target);
        snprintf(dst, n, "%s%s%s", target, tl && target[tl - 1] == '/' ? "" : "/", base);
        status |= move(argv[i], dst);
        free(dst);
    }
    return status;
}
