/* rmdir: remove empty directories. -p: then their parents, as long as
 * they become empty. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int remove_dir(const char *path)
{
    if (rmdir(path) == 0)
        return 0;
    fprintf(stderr, "rmdir: failed to remove '%s': %s\n", path, strerror(errno));
    return 1;
}

int main(int argc, char **argv)
{
    bool parents = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        for (const char *p = argv[i] + 1; *p; p++) {
            if (*p != 'p') {
                fprintf(stderr, "rmdir: invalid option -- '%c'\n", *p);
                return 1;
            }
            parents = true;
        }
    }
    if (i == argc) {
        fputs("rmdir: missing operand\n", stderr);
        return 1;
    }
    int status = 0;
    for (; i < argc; i++) {
        if (remove_dir(argv[i])) {
            status = 1;
            continue;
        }
        if (!parents)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s", argv[i]);
        for (;;) {
            size_t n = strlen(path);
            while (n > 1 && path[n - 1] == '/')
                path[--n] = 0;
            char *slash = strrchr(path, '/');
            if (!slash || slash == path)
                break;
            *slash = 0;
            if (remove_dir(path)) {
                status = 1;
                break;
            }
        }
    }
    return status;
}
