/* chown_run.h - what chown and chgrp share: their options (-R, -h),
 * names or numbers for users and groups, the change itself and GNU's
 * messages. Needs what walk_tree.h needs, plus <grp.h>, <pwd.h>,
 * <stdio.h>, <unistd.h>. */
#ifndef CHOWN_RUN_H
#define CHOWN_RUN_H

static uid_t chown_uid = (uid_t)-1; /* -1: left as it is */
static gid_t chown_gid = (gid_t)-1;
static bool chown_deref = true; /* chown(2) rather than lchown(2) */
static const char *chown_verb;  /* "changing ownership of" or "changing group of" */

/* A user or group: a name from the database, else a decimal number
 * (GNU takes "+N" as a number always). false when it is neither. */
static inline bool parse_owner(const char *s, bool group, unsigned *out)
{
    if (*s != '+') {
        if (group) {
            struct group *gr = getgrnam(s);
            if (gr) {
                *out = gr->gr_gid;
                return true;
            }
        } else {
            struct passwd *pw = getpwnam(s);
            if (pw) {
                *out = pw->pw_uid;
                return true;
            }
        }
    } else {
        s++;
    }
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || *s < '0' || *s > '9' || v >= 0xffffffffu)
        return false;
    *out = (unsigned)v;
    return true;
}

static inline int chown_visit(const char *path, const struct stat *st)
{
    (void)st;
    if ((chown_deref ? chown : lchown)(path, chown_uid, chown_gid) != 0) {
        warn("%s '%s'", chown_verb, path);
        return 1;
    }
    return 0;
}

/* Options and operands: [-R] [-h] SPEC FILE...; parse_spec(SPEC) sets the
 * ids (it exits on a bad one). Returns the exit status. */
static inline int chown_main(int argc, char **argv, void (*parse_spec)(const char *))
{
    bool recursive = false, no_deref = false;
    int opt;
    while ((opt = getopt(argc, argv, "Rh")) != -1) {
        if (opt == 'R')
            recursive = true;
        else if (opt == 'h')
            no_deref = true;
        else
            return 1;
    }
    if (optind == argc)
        errx(1, "missing operand");
    if (optind + 1 == argc)
        errx(1, "missing operand after '%s'", argv[optind]);
    parse_spec(argv[optind++]);
    /* -R is GNU's -P: no link is followed, a link itself is changed. */
    chown_deref = !no_deref && !recursive;
    int status = 0;
    for (int i = optind; i < argc; i++)
        status |= walk_tree(argv[i], chown_deref, recursive, chown_visit);
    return status;
}

#endif
