/* whoami: the name of the effective user, from /etc/passwd. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/user_names.h"

int main(int argc, char **argv)
{
    if (getopt(argc, argv, "") != -1)
        return 1;
    if (optind < argc)
        errx(1, "extra operand '%s'", argv[optind]);
    unsigned uid = geteuid();
    char name[64];
    if (!user_name(PASSWD_FILE, uid, name, sizeof name))
        errx(1, "cannot find name for user ID %u", uid);
    puts(name);
    return 0;
}
