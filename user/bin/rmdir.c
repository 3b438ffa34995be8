/* rmdir: remove empty directories. -p: then their parents, as long as
 * they become empty. */
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int remove_dir(const char *path)
{
    if (rmdir(path) == 0)
        return 0;
    warn("failed to remove '%s'", path);
    return 1;
}

int main(int argc, char **argv)
{
    bool parents = false;
    int opt;
    while ((opt = getopt(argc, argv, "p")) != -1) {
        if (opt != 'p')
            return 1;
        parents = true;
    }
    if (optind == argc)
        errx(1, "missing operand");
    int status = 0;
    for (int i = optind; i < argc; i++) {
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
