/* grp.h - the group database, /etc/group (group(5)). */
#ifndef _GRP_H
#define _GRP_H

#include <bits/types.h>
#include <stddef.h>

struct group {
    char *gr_name;
    char *gr_passwd;
    gid_t gr_gid;
    char **gr_mem; /* the members' names, NULL-terminated */
};

/* The entry for a name or a gid, or NULL; static storage, as getpwnam. */
struct group *getgrnam(const char *name);
struct group *getgrgid(gid_t gid);
/* group, then every group listing user as a member, into groups (room for
 * *ngroups); *ngroups becomes the number found; -1 when they did not all
 * fit (glibc's contract). */
int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups);
/* setgroups(2) with getgrouplist's list. */
int initgroups(const char *user, gid_t group);
int setgroups(size_t size, const gid_t *list);

#endif
