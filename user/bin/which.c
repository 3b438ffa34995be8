/* which: the first executable regular file named NAME in the
 * directories of $PATH (a NAME with a '/' is checked as it is). -a: all
 * of them. Status 1 if any NAME was not found (as debianutils which). */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool all;

static bool executable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static bool find(const char *name, const char *path_var)
{
    if (strchr(name, '/')) {
        if (!executable(name))
            return false;
        puts(name);
        return true;
    }
    bool found = false;
    const char *dir = path_var;
    while (dir) {
        const char *colon = strchr(dir, ':');
        size_t dl = colon ? (size_t)(colon - dir) : strlen(dir);
        /* an empty entry means the current directory (POSIX 8.3, PATH) */
        size_t size = dl + strlen(name) + 3;
        char *full = malloc(size);
        if (!full)
            err(1, NULL);
        snprintf(full, size, "%.*s/%s", (int)(dl ? dl : 1), dl ? dir : ".", name);
        if (executable(full)) {
            puts(full);
            found = true;
        }
        free(full);
        if (found && !all)
            break;
        dir = colon ? colon + 1 : NULL;
    }
    return found;
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "a")) != -1) {
        if (opt == 'a')
            all = true;
        else
            return 2;
    }
    const char *path_var = getenv("PATH");
    if (!path_var)
        path_var = "";
    int status = 0;
    for (int i = optind; i < argc; i++)
        if (!find(argv[i], path_var))
            status = 1;
    return status;
}
