/* pwd.c - the user and group databases: /etc/passwd and /etc/group, read
 * line by line on every call (passwd(5), group(5): NAME:PASSWD:ID:...).
 * The one parser of these files in our userland: id, ls, su, chown use
 * it through <pwd.h> and <grp.h>. No NSS, no shadow file. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASSWD_FILE "/etc/passwd"
#define GROUP_FILE "/etc/group"
#define LINE_MAX_DB 1024
#define MAX_MEMBERS 64

/* Splits line at ':' into at most n fields (the newline dropped); the
 * number of fields. */
static int split(char *line, char **f, int n)
{
    line[strcspn(line, "\n")] = 0;
    int k = 0;
    f[k++] = line;
    for (char *p = line; *p && k < n; p++)
        if (*p == ':') {
            *p = 0;
            f[k++] = p + 1;
        }
    return k;
}

static bool parse_id(const char *s, unsigned *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return false;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || v > 0xffffffffu)
        return false;
    *out = (unsigned)v;
    return true;
}

/* Calls match(fields, arg) on each well-formed line of file (nfields
 * fields, the third a number) into line, until it says yes. */
static bool find_line(const char *file, char *line, char **f, int nfields, bool (*match)(char **, const void *),
                      const void *arg)
{
    FILE *in = fopen(file, "r");
    if (!in)
        return false;
    bool found = false;
    unsigned id;
    while (!found && fgets(line, LINE_MAX_DB, in))
        found = split(line, f, nfields) == nfields && parse_id(f[2], &id) && match(f, arg);
    fclose(in);
    return found;
}

static bool by_name(char **f, const void *name) { return !strcmp(f[0], name); }

static bool by_id(char **f, const void *id)
{
    unsigned v;
    return parse_id(f[2], &v) && v == *(const unsigned *)id;
}

static struct passwd *passwd_of(bool (*match)(char **, const void *), const void *arg)
{
    static char line[LINE_MAX_DB];
    static struct passwd pw;
    char *f[7];
    unsigned uid, gid;
    if (!find_line(PASSWD_FILE, line, f, 7, match, arg) || !parse_id(f[2], &uid) || !parse_id(f[3], &gid))
        return NULL;
    pw = (struct passwd){f[0], f[1], uid, gid, f[4], f[5], f[6]};
    return &pw;
}

struct passwd *getpwnam(const char *name) { return passwd_of(by_name, name); }
struct passwd *getpwuid(uid_t uid) { return passwd_of(by_id, &uid); }

static struct group *group_of(bool (*match)(char **, const void *), const void *arg)
{
    static char line[LINE_MAX_DB];
    static struct group gr;
    static char *members[MAX_MEMBERS + 1];
    char *f[4];
    unsigned gid;
    if (!find_line(GROUP_FILE, line, f, 4, match, arg) || !parse_id(f[2], &gid))
        return NULL;
    int n = 0;
    for (char *m = f[3], *comma; *m && n < MAX_MEMBERS; m = comma + 1) {
        comma = strchr(m, ',');
        if (comma)
            *comma = 0;
        if (*m)
            members[n++] = m;
        if (!comma)
            break;
    }
    members[n] = NULL;
    gr = (struct group){f[0], f[1], gid, members};
    return &gr;
}

struct group *getgrnam(const char *name) { return group_of(by_name, name); }
struct group *getgrgid(gid_t gid) { return group_of(by_id, &gid); }

/* State of one getgrouplist walk: every group naming user as a member. */
struct walk {
    const char *user;
    gid_t *groups;
    int room, n;
};

static void add(struct walk *w, gid_t g)
{
    for (int i = 0; i < w->n && i < w->room; i++)
        if (w->groups[i] == g)
            return;
    if (w->n < w->room)
        w->groups[w->n] = g;
    w->n++;
}

static bool collect(char **f, const void *arg)
{
    struct walk *w = (struct walk *)arg;
    unsigned gid;
    if (!parse_id(f[2], &gid))
        return false;
    size_t len = strlen(w->user);
    for (const char *m = f[3]; *m;) {
        size_t k = strcspn(m, ",");
        if (k == len && !memcmp(m, w->user, len))
            add(w, gid);
        m += k + (m[k] == ',');
    }
    return false; /* every line */
}

int getgrouplist(const char *user, gid_t group, gid_t *groups, int *ngroups)
{
    struct walk w = {user, groups, *ngroups, 0};
    char line[LINE_MAX_DB], *f[4];
    add(&w, group);
    find_line(GROUP_FILE, line, f, 4, collect, &w);
    bool fits = w.n <= *ngroups;
    *ngroups = w.n;
    return fits ? w.n : -1;
}

int initgroups(const char *user, gid_t group)
{
    gid_t list[256];
    int n = 256;
    if (getgrouplist(user, group, list, &n) < 0) {
        errno = EINVAL;
        return -1;
    }
    return setgroups((size_t)n, list);
}
