/* id: the real user and group IDs with their names, as
 * "uid=0(root) gid=0(root) groups=0(root)"; -u / -g: the number only
 * (-n: the name instead). Tiny OS has no supplementary groups
 * (getgroups), so "groups=" lists the primary group alone. */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/user_names.h"

static void print_id(const char *file, unsigned id, bool as_name)
{
    char name[64];
    if (as_name && user_name(file, id, name, sizeof name))
        puts(name);
    else
        printf("%u\n", id);
}

int main(int argc, char **argv)
{
    bool only_user = false, only_group = false, as_name = false;
    int opt;
    while ((opt = getopt(argc, argv, "ugn")) != -1) {
        if (opt == 'u')
            only_user = true;
        else if (opt == 'g')
            only_group = true;
        else if (opt == 'n')
            as_name = true;
        else
            return 1;
    }
    if (optind < argc)
        errx(1, "extra operand '%s'", argv[optind]);
    if (only_user && only_group)
        errx(1, "cannot print \"only\" of more than one choice");
    if (as_name && !only_user && !only_group)
        errx(1, "cannot print only names or real IDs in default format");
    unsigned uid = geteuid(), gid = getegid();
    if (only_user || only_group) {
        print_id(only_user ? PASSWD_FILE : GROUP_FILE, only_user ? uid : gid, as_name);
        return 0;
    }
    char user[64] = "", group[64] = "";
    bool has_user = user_name(PASSWD_FILE, uid, user, sizeof user);
    bool has_group = user_name(GROUP_FILE, gid, group, sizeof group);
    printf("uid=%u", uid);
    if (has_user)
        printf("(%s)", user);
    printf(" gid=%u", gid);
    if (has_group)
        printf("(%s)", group);
    printf(" groups=%u", gid);
    if (has_group)
        printf("(%s)", group);
    putchar('\n');
    return 0;
}
