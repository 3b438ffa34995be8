/* whoami: the name of the effective user, from /etc/passwd. */
#include <err.h>
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (getopt(argc, argv, "") != -1)
        return 1;
    if (optind < argc)
        errx(1, "extra operand '%s'", argv[optind]);
    unsigned uid = geteuid();
    struct passwd *pw = getpwuid(uid);
    if (!pw)
        errx(1, "cannot find name for user ID %u", uid);
    puts(pw->pw_name);
    return 0;
}
