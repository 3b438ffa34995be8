/* su: run a shell or a command as another user, as util-linux su:
 *   su [-] [-l|--login] [-s|--shell SHELL] [USER] [-c|--command CMD]
 * USER (default root) comes from /etc/passwd; its groups from /etc/group
 * (initgroups), then its gid and uid are taken (setgid, setuid). HOME
 * and SHELL are set, and USER and LOGNAME unless the target is root;
 * "-", -l or --login start a login shell instead: a fresh environment
 * (only TERM kept) with HOME, SHELL, USER, LOGNAME and PATH, in HOME,
 * the shell named "-sh". The shell is USER's (/bin/sh when the entry has
 * none) or -s's (util-linux lets root name any; only root runs su here),
 * run as "SHELL -c CMD" with -c; su's exit status is its. Operands after
 * USER go to the shell after CMD, as util-linux passes them ($0, $1...). 
 *
 * Tiny OS has no passwords yet (no /etc/shadow, no PAM): only root may
 * use su, and any other caller is refused as a wrong password would be,
 * "su: Authentication failure", status 1. */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* login.defs(5)'s defaults for ENV_PATH and ENV_SUPATH. */
#define USER_PATH "/usr/local/bin:/bin:/usr/bin" /* ours (/bin) before the BusyBox toolbox (/usr/bin) */
#define ROOT_PATH "/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin"

static void usage(void)
{
    fprintf(stderr, "Usage: su [-] [-l] [-s SHELL] [USER [ARGUMENT...]] [-c COMMAND]\n");
    exit(1);
}

static void set(const char *name, const char *value)
{
    if (setenv(name, value, 1) != 0)
        err(1, "cannot set %s", name);
}

int main(int argc, char **argv)
{
    bool login = false;
    const char *command = NULL, *shell_opt = NULL;
    static const struct option longs[] = {
        {"login", no_argument, NULL, 'l'},
        {"command", required_argument, NULL, 'c'},
        {"shell", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0}};
    int opt;
    while ((opt = getopt_long(argc, argv, "lc:s:", longs, NULL)) != -1) {
        if (opt == 'l')
            login = true;
        else if (opt == 'c')
            command = optarg;
        else if (opt == 's')
            shell_opt = optarg;
        else
            usage();
    }
    if (optind < argc && !strcmp(argv[optind], "-")) { /* "su -": the old spelling of -l */
        login = true;
        optind++;
    }
    const char *name = optind < argc ? argv[optind++] : "root";
    char **extra = argv + optind; /* the shell's own operands */
    int nextra = argc - optind;

    struct passwd *pw = getpwnam(name);
    if (!pw || !pw->pw_dir[0])
        errx(1, "user %s does not exist or the user entry does not contain all the required fields", name);
    if (getuid() != 0) /* no passwords yet: nobody else can prove who they are */
        errx(1, "Authentication failure");
    /* Copies: initgroups reads /etc/group, getpwnam's storage stays ours. */
    uid_t uid = pw->pw_uid;
    gid_t gid = pw->pw_gid;
    char user[256], home[1024], shell[1024];
    snprintf(user, sizeof user, "%s", pw->pw_name);
    snprintf(home, sizeof home, "%s", pw->pw_dir);
    snprintf(shell, sizeof shell, "%s", shell_opt ? shell_opt : pw->pw_shell[0] ? pw->pw_shell : "/bin/sh");

    if (initgroups(user, gid) != 0)
        err(1, "cannot set groups");
    if (setgid(gid) != 0)
        err(1, "cannot set group id");
    if (setuid(uid) != 0)
        err(1, "cannot set user id");

    if (login) {
        char *term = getenv("TERM");
        char term_copy[256] = "";
        if (term)
            snprintf(term_copy, sizeof term_copy, "%s", term);
        clearenv();
        if (term_copy[0])
            set("TERM", term_copy);
        set("PATH", uid == 0 ? ROOT_PATH : USER_PATH);
    }
    set("HOME", home);
    set("SHELL", shell);
    if (login || uid != 0) {
        set("USER", user);
        set("LOGNAME", user);
    }
    if (login && chdir(home) != 0) {
        warn("warning: cannot change directory to %s", home);
        if (chdir("/") != 0)
            err(1, "cannot change directory to /");
    }

    /* argv[0] of a login shell is "-" and the shell's base name. */
    const char *base = strrchr(shell, '/') ? strrchr(shell, '/') + 1 : shell;
    char arg0[sizeof shell + 1];
    snprintf(arg0, sizeof arg0, "%s%s", login ? "-" : "", base);
    char **args = malloc((size_t)(nextra + 4) * sizeof *args);
    if (!args)
        err(1, "cannot allocate the arguments");
    int n = 0;
    args[n++] = arg0;
    if (command) {
        args[n++] = "-c";
        args[n++] = (char *)command;
    }
    for (int i = 0; i < nextra; i++)
        args[n++] = extra[i];
    args[n] = NULL;
    execv(shell, args);
    int e = errno;
    warn("failed to execute %s", shell);
    return e == ENOENT ? 127 : 126;
}
