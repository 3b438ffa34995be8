/* pwd.h - the user database, /etc/passwd (passwd(5)). */
#ifndef _PWD_H
#define _PWD_H

#include <bits/types.h>

struct passwd {
    char *pw_name;
    char *pw_passwd;
    uid_t pw_uid;
    gid_t pw_gid;
    char *pw_gecos;
    char *pw_dir;
    char *pw_shell;
};

/* The entry for a name or a uid, or NULL (errno unchanged when there is
 * none, as glibc). The result lives in static storage the next call of
 * either overwrites. */
struct passwd *getpwnam(const char *name);
struct passwd *getpwuid(uid_t uid);

#endif
