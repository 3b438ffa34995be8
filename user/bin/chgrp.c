/* chgrp: change the group of files, as GNU chgrp:
 *   chgrp [-R] [-h] GROUP FILE...
 * GROUP is a name (/etc/group) or a number. -R: directories' contents
 * too (links not followed); -h: a link itself, not its target. The
 * owner may choose one of its own groups; root any (chown(2)). */
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
    unsigned id;
    if (!parse_owner(spec, true, &id))
        errx(1, "invalid group: '%s'", spec);
    chown_gid = id;
}

int main(int argc, char **argv)
{
    chown_verb = "changing group of";
    return chown_main(argc, argv, parse_spec);
}
