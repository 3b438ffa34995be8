/* target_operands.h - the operands of cp and mv, as GNU's take them:
 * "SRC DST", or "SRC... DIR" (each SRC goes to DIR/its last name), with
 * their exact messages for missing operands and a target that is not a
 * directory. Shared by including this file: a program here is one .c
 * file or one directory, and the build has no library of program
 * helpers (see README.md in this directory). Needs <err.h>, <stdio.h>,
 * <stdlib.h>, <string.h>, <sys/stat.h>. */
#ifndef TARGET_OPERANDS_H
#define TARGET_OPERANDS_H

/* dir + "/" + name (no second '/' when dir ends in one), malloc'd */
static inline char *path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), n = dl + strlen(name) + 2;
    char *p = malloc(n);
    if (!p)
        err(1, NULL);
    snprintf(p, n, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
    return p;
}

/* DIR/ + the last component of src, trailing slashes dropped ("a/b/" -> "DIR/b") */
static inline char *path_in_dir(const char *dir, const char *src)
{
    size_t end = strlen(src);
    while (end > 1 && src[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && src[start - 1] != '/')
        start--;
    char *base = strndup(src + start, end - start);
    if (!base)
        err(1, NULL);
    char *p = path_join(dir, base);
    free(base);
    return p;
}

/* Calls op(SRC, DST) for each source operand argv[first .. argc-1);
 * returns the OR of the results, or exits (status 1) on bad operands. */
static inline int for_each_source(int argc, char **argv, int first, int (*op)(const char *src, const char *dst))
{
    int count = argc - first;
    if (count < 1)
        errx(1, "missing file operand");
    if (count < 2)
        errx(1, "missing destination file operand after '%s'", argv[first]);
    const char *target = argv[argc - 1];
    struct stat st;
    bool into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
    if (count > 2 && !into_dir)
        errx(1, "target '%s' is not a directory", target);
    int status = 0;
    for (int i = first; i < argc - 1; i++) {
        if (!into_dir) {
            status |= op(argv[i], target);
            continue;
        }
        char *dst = path_in_dir(target, argv[i]);
        status |= op(argv[i], dst);
        free(dst);
    }
    return status;
}

#endif
