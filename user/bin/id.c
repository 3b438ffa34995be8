/* id: the user and group IDs with their names, in GNU's format:
 * "uid=1000(user) gid=1000(user) groups=1000(user),27(sudo)", with
 * " euid=..." / " egid=..." when the effective ids differ from the real
 * ones; the groups are the effective gid, then the supplementary groups
 * (getgroups), each once. With a USER operand: that user's ids and
 * groups from /etc/passwd and /etc/group.
 *   -u / -g  the effective uid / gid only    -G  every group id
 *   -n       names instead of numbers        -r  the real id (-u, -g) */
#include <err.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_GROUPS 256

static const char *user_name(unsigned id)
{
    struct passwd *pw = getpwuid(id);
    return pw ? pw->pw_name : NULL;
}

static const char *group_name(unsigned id)
{
    struct group *gr = getgrgid(id);
    return gr ? gr->gr_name : NULL;
}

/* "ID" or, with as_name, the name (the number when there is none; GNU
 * then warns and fails: *failed is set). */
static void print_one(unsigned id, const char *name, bool as_name, bool *failed, const char *what)
{
    if (as_name && name) {
        fputs(name, stdout);
        return;
    }
    if (as_name) {
        warnx("cannot find name for %s ID %u", what, id);
        *failed = true;
    }
    printf("%u", id);
}

/* "ID(NAME)" or "ID" when the database has no name for it. */
static void print_pair(const char *label, unsigned id, const char *name)
{
    printf("%s%u", label, id);
    if (name)
        printf("(%s)", name);
}

int main(int argc, char **argv)
{
    bool only_user = false, only_group = false, all_groups = false, as_name = false, real = false;
    int opt;
    while ((opt = getopt(argc, argv, "ugGnr")) != -1) {
        if (opt == 'u')
            only_user = true;
        else if (opt == 'g')
            only_group = true;
        else if (opt == 'G')
            all_groups = true;
        else if (opt == 'n')
            as_name = true;
        else if (opt == 'r')
            real = true;
        else
            return 1;
    }
    if (argc - optind > 1)
        errx(1, "extra operand '%s'", argv[optind + 1]);
    if (only_user + only_group + all_groups > 1)
        errx(1, "cannot print \"only\" of more than one choice");
    if ((as_name || real) && !only_user && !only_group && !all_groups)
        errx(1, "cannot print only names or real IDs in default format");

    unsigned ruid, euid, rgid, egid;
    gid_t groups[MAX_GROUPS];
    int n = 1;
    if (optind < argc) { /* a user from the database */
        struct passwd *pw = getpwnam(argv[optind]);
        char *end;
        unsigned long num = strtoul(argv[optind], &end, 10);
        if (!pw && *argv[optind] && !*end)
            pw = getpwuid((uid_t)num);
        if (!pw)
            errx(1, "'%s': no such user", argv[optind]);
        ruid = euid = pw->pw_uid;
        rgid = egid = pw->pw_gid;
        int room = MAX_GROUPS;
        n = getgrouplist(pw->pw_name, egid, groups, &room) < 0 ? MAX_GROUPS : room;
    } else {
        ruid = getuid(), euid = geteuid(), rgid = getgid(), egid = getegid();
        groups[0] = egid;
        int k = getgroups(MAX_GROUPS - 1, groups + 1);
        if (k < 0)
            err(1, "cannot get groups");
        for (int i = 1; i <= k; i++) /* the effective gid is listed first, once */
            if (groups[i] != egid)
                groups[n++] = groups[i];
    }

    bool failed = false;
    if (only_user || only_group) {
        unsigned id = only_user ? (real ? ruid : euid) : (real ? rgid : egid);
        print_one(id, only_user ? user_name(id) : group_name(id), as_name, &failed, only_user ? "user" : "group");
        putchar('\n');
        return failed;
    }
    if (all_groups) {
        if (real)
            groups[0] = rgid;
        for (int i = 0; i < n; i++) {
            if (i)
                putchar(' ');
            print_one(groups[i], group_name(groups[i]), as_name, &failed, "group");
        }
        putchar('\n');
        return failed;
    }
    print_pair("uid=", ruid, user_name(ruid));
    print_pair(" gid=", rgid, group_name(rgid));
    if (euid != ruid)
        print_pair(" euid=", euid, user_name(euid));
    if (egid != rgid)
        print_pair(" egid=", egid, group_name(egid));
    for (int i = 0; i < n; i++)
        print_pair(i ? "," : " groups=", groups[i], group_name(groups[i]));
    putchar('\n');
    return 0;
}
