/* chmod: change the permission bits of files. MODE is octal (755) or
 * symbolic, chmod(1): comma-separated clauses [ugoa]*[-+=][rwxXst]*
 * or [-+=][ugo] (copy another class's bits); with no [ugoa] the bits
 * set in the umask are left alone. -R: directories' contents too
 * (symbolic links met on the way are not followed, as GNU's default). */
#include <ctype.h>
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/target_operands.h"
#include "common/walk_tree.h"

static const char *mode_arg;
static bool recursive;
static mode_t user_mask;

static bool parse_octal(const char *s, mode_t *out)
{
    unsigned long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '7' || p - s >= 4)
            return false;
        v = v * 8 + (unsigned long)(*p - '0');
    }
    *out = (mode_t)v;
    return *s != 0;
}

/* The bits of class WHO (S_IRWXU, S_IRWXG or S_IRWXO) spread to all three. */
static mode_t class_bits(mode_t mode, char who)
{
    unsigned rwx = who == 'u' ? (mode >> 6) & 7 : who == 'g' ? (mode >> 3) & 7 : mode & 7;
    return (mode_t)(rwx << 6 | rwx << 3 | rwx);
}

/* The new mode of a file with mode OLD (type bits included); false if
 * mode_arg is not a valid mode. */
static bool apply_mode(mode_t old, mode_t *out)
{
    mode_t mode = old & 07777;
    if (parse_octal(mode_arg, out))
        return true;
    const char *p = mode_arg;
    for (;;) {
        mode_t who = 0;
        for (; *p && strchr("ugoa", *p); p++)
            who |= *p == 'u' ? 04700 : *p == 'g' ? 02070 : *p == 'o' ? 01007 : 07777;
        bool masked = who == 0;
        if (masked)
            who = 07777;
        if (!*p || !strchr("+-=", *p))
            return false;
        while (*p && strchr("+-=", *p)) {
            char op = *p++;
            mode_t bits = 0;
            if (*p && strchr("ugo", *p)) {
                bits = class_bits(mode, *p++);
            } else {
                for (; *p && strchr("rwxXst", *p); p++) {
                    switch (*p) {
                    case 'r': bits |= 0444; break;
                    case 'w': bits |= 0222; break;
                    case 'x': bits |= 0111; break;
                    /* x only for directories and files some class may already run */
                    case 'X': bits |= S_ISDIR(old) || (mode & 0111) ? 0111 : 0; break;
                    case 's': bits |= 06000; break;
                    case 't': bits |= 01000; break;
                    }
                }
            }
            bits &= who;
            if (masked)
                bits &= ~user_mask;
            if (op == '+')
                mode |= bits;
            else if (op == '-')
                mode &= ~bits;
            else /* '=' clears the class's bits first (not s/t of a directory, like GNU) */
                mode = (mode & ~(who & (S_ISDIR(old) ? 0777 : 07777))) | bits;
        }
        if (!*p)
            break;
        if (*p++ != ',')
            return false;
    }
    *out = mode;
    return true;
}

static int change(const char *path, const struct stat *st)
{
    if (S_ISLNK(st->st_mode))
        return 0; /* a link's own mode means nothing (GNU skips them) */
    mode_t mode;
    apply_mode(st->st_mode, &mode);
    if (chmod(path, mode) != 0) {
        warn("changing permissions of '%s'", path);
        return 1;
    }
    return 0;
}

/* A mode such as "-w" looks like an option: operands (before "--")
 * that start with '-' and are valid modes are taken out of argv before
 * getopt sees them and joined with ',' into MODE, as GNU chmod does
 * ("chmod -r f -w" is "chmod -r,-w f"). Returns the new argc. */
static int take_dash_modes(int argc, char **argv)
{
    static char joined[4096];
    for (int i = 1; i < argc && strcmp(argv[i], "--");) {
        mode_t ignored;
        mode_arg = argv[i];
        if (argv[i][0] != '-' || !argv[i][1] || !strcmp(argv[i], "-R") || !apply_mode(0, &ignored)) {
            i++;
            continue;
        }
        size_t used = strlen(joined);
        snprintf(joined + used, sizeof joined - used, "%s%s", used ? "," : "", argv[i]);
        memmove(argv + i, argv + i + 1, (size_t)(argc - i) * sizeof *argv);
        argc--;
    }
    mode_arg = joined[0] ? joined : NULL;
    return argc;
}

int main(int argc, char **argv)
{
    user_mask = umask(0);
    umask(user_mask);
    argc = take_dash_modes(argc, argv);
    int opt;
    while ((opt = getopt(argc, argv, "R")) != -1) {
        if (opt == 'R')
            recursive = true;
        else
            return 1;
    }
    if (!mode_arg) {
        if (optind == argc)
            errx(1, "missing operand");
        mode_arg = argv[optind++];
    }
    mode_t ignored;
    if (!apply_mode(0, &ignored))
        errx(1, "invalid mode: '%s'", mode_arg);
    if (optind == argc)
        errx(1, "missing operand after '%s'", mode_arg);
    int status = 0;
    for (int i = optind; i < argc; i++)
        status |= walk_tree(argv[i], true, recursive, change);
    return status;
}
