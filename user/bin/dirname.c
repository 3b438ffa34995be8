/* dirname: each NAME without its last component (and the slashes around
 * it); "." when there is no slash, "/" for the root (POSIX dirname(1)). */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void print_dirname(const char *s)
{
    size_t end = strlen(s);
    while (end > 1 && s[end - 1] == '/')
        end--;
    while (end > 0 && s[end - 1] != '/')
        end--;
    if (end == 0) {
        puts(s[0] == '/' ? "/" : ".");
        return;
    }
    while (end > 1 && s[end - 1] == '/')
        end--;
    printf("%.*s\n", (int)end, s);
}

int main(int argc, char **argv)
{
    if (getopt(argc, argv, "") != -1)
        return 1;
    if (optind == argc)
        errx(1, "missing operand");
    for (int i = optind; i < argc; i++)
        print_dirname(argv[i]);
    return 0;
}
