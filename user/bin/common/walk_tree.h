/* walk_tree.h - the -R walk of chmod, chown and chgrp: visit a file,
 * then, when it is a directory, everything below it (symbolic links met
 * on the way are visited, never followed: GNU's -P). Needs <dirent.h>,
 * <err.h>, <stdbool.h>, <stdlib.h>, <string.h>, <sys/stat.h> and
 * target_operands.h (path_join). */
#ifndef WALK_TREE_H
#define WALK_TREE_H

/* Calls visit(PATH, its stat) for path (stat when follow, else lstat)
 * and, with recursive, for each file below it. Returns the OR of the
 * visits' results, 1 for a file that could not be reached (GNU's
 * "cannot access" and "cannot read directory" messages). */
static inline int walk_tree(const char *path, bool follow, bool recursive,
                            int (*visit)(const char *path, const struct stat *st))
{
    struct stat st;
    if ((follow ? stat(path, &st) : lstat(path, &st)) != 0) {
        warn("cannot access '%s'", path);
        return 1;
    }
    int status = visit(path, &st);
    if (!recursive || !S_ISDIR(st.st_mode))
        return status;
    DIR *d = opendir(path);
    if (!d) {
        warn("cannot read directory '%s'", path);
        return 1;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *child = path_join(path, e->d_name);
        status |= walk_tree(child, false, true, visit);
        free(child);
    }
    closedir(d);
    return status;
}

#endif
