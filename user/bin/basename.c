/* basename: NAME with any leading directories and trailing slashes
 * removed, and SUFFIX too if given (unless that is all that is left),
 * as POSIX basename(1) describes. */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (getopt(argc, argv, "") != -1)
        return 1;
    int count = argc - optind;
    if (count < 1)
        errx(1, "missing operand");
    if (count > 2)
        errx(1, "extra operand '%s'", argv[optind + 2]);
    const char *s = argv[optind];
    size_t end = strlen(s);
    while (end > 1 && s[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && s[start - 1] != '/')
        start--;
    /* "/" alone (or "//") stays "/" */
    if (end == 1 && s[0] == '/')
        start = 0;
    size_t len = end - start;
    if (count == 2) {
        size_t sl = strlen(argv[optind + 1]);
        if (sl < len && memcmp(s + end - sl, argv[optind + 1], sl) == 0)
            len -= sl;
    }
    printf("%.*s\n", (int)len, s + start);
    return 0;
}
