/*
 * startup.c - what a shell reads before its first command.
 *
 *   login shell (argv[0] starts with `-`, as init and login(1) start it,
 *   or `sh -l`): /etc/profile, then $HOME/.profile (dash's order);
 *   interactive shell: the file $ENV names, parameter-expanded as POSIX
 *   says; when ENV is unset, ~/.shrc. (POSIX and dash read only $ENV;
 *   the ~/.shrc default is ours, so that a user's settings work without
 *   first exporting ENV from a profile. ENV set to "" reads nothing.)
 *
 * A file that does not exist is skipped in silence; one that cannot be
 * read says why. $? after start-up is the last file's last status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

static void read_file(const char *path)
{
    if (!path || !*path || access(path, F_OK) != 0)
        return;
    source_file(path, true);
}

/* $HOME/NAME, or NULL without a HOME. */
static char *in_home(const char *name)
{
    const char *home = var_get("HOME");
    if (!home || !*home)
        return NULL;
    struct str s = {0};
    str_adds(&s, home);
    if (s.s[s.len - 1] != '/')
        str_addc(&s, '/');
    str_adds(&s, name);
    return str_take(&s);
}

void startup_login(void)
{
    read_file("/etc/profile");
    char *p = in_home(".profile");
    read_file(p);
    free(p);
}

void startup_interactive(void)
{
    /* POSIX: not for a set-user-ID or set-group-ID shell */
    if (getuid() != geteuid() || getgid() != getegid())
        return;
    const char *env = var_get("ENV");
    char *path = env ? expand_string(env) : in_home(".shrc");
    read_file(path);
    free(path);
}
