/* chown: change the owner and/or group of files, as GNU chown:
 *   chown [-R] [-h] OWNER[:[GROUP]] FILE...    chown [-R] [-h] :GROUP FILE...
 * OWNER and GROUP are names (/etc/passwd, /etc/group) or numbers; "OWNER:"
 * with an empty group means OWNER's login group. -R: directories'
 * contents too (links not followed); -h: a link itself, not its target.
 * Only root may give a file away; an owner may change its group to one
 * of its own groups (chown(2)). */
#include <dirent.h>
#include <err.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/target_operands.h"
#include "common/walk_tree.h"
#include "common/chown_run.h"

static void parse_spec(const char *spec)
{
    char user[256];
    const char *colon = strchr(spec, ':');
    size_t ulen = colon ? (size_t)(colon - spec) : strlen(spec);
    if (ulen >= sizeof user)
        errx(1, "invalid user: '%s'", spec);
    memcpy(user, spec, ulen);
    user[ulen] = 0;
    unsigned id;
    if (ulen) {
        if (!parse_owner(user, false, &id))
            errx(1, "invalid user: '%s'", spec);
        chown_uid = id;
    }
    if (!colon)
        return;
    if (colon[1]) {
        if (!parse_owner(colon + 1, true, &id))
            errx(1, "invalid group: '%s'", spec);
        chown_gid = id;
    } else if (ulen) { /* "OWNER:": the owner's login group */
        struct passwd *pw = getpwuid(chown_uid);
        if (!pw)
            errx(1, "%s: invalid spec", spec);
        chown_gid = pw->pw_gid;
    }
}

int main(int argc, char **argv)
{
    chown_verb = "changing ownership of";
    return chown_main(argc, argv, parse_spec);
}
