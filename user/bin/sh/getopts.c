/*
 * getopts.c - the getopts builtin: getopts OPTSTRING NAME [ARG...]
 *
 * Parses the arguments (the positional parameters without ARGs) one
 * option per call, as dash: NAME gets the letter, OPTARG its argument
 * (or "" for a letter without one), OPTIND the index of the next
 * argument to look at (inside a group of letters, -abc, already the one
 * after it, as in dash). Where we are inside such a group is remembered
 * here and forgotten whenever the script assigns OPTIND (OPTIND=1 starts
 * over; vars.c tells us).
 * The end (a non-option, "-", or "--" which is skipped) gives status 1
 * and NAME='?'. An unknown letter or a missing argument gives NAME='?'
 * and a message, or with a leading ':' in OPTSTRING no message and
 * NAME='?' (unknown) or ':' (missing) with OPTARG the letter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static int cur, pos;   /* inside argument cur (1-based) at letter pos; pos 0: not inside one */
static bool setting;   /* OPTIND is being set by us, not by the script */

void getopts_optind_assigned(void)
{
    if (!setting)
        pos = 0;
}

static void set_optind(int optind)
{
    char s[16];
    snprintf(s, sizeof s, "%d", optind);
    setting = true;
    var_set("OPTIND", s, false);
    setting = false;
}

static void set_char(const char *name, char c)
{
    char s[2] = {c, '\0'};
    var_set(name, s, false);
}

/* No more options: NAME is '?', OPTARG unset (as bash; dash leaves the
 * last one), OPTIND the first operand (optind < 0: left as it is). */
static int end_of_options(const char *name, int optind)
{
    set_char(name, '?');
    var_unset("OPTARG");
    if (optind >= 0)
        set_optind(optind);
    return 1;
}

int builtin_getopts(int argc, char **argv)
{
    if (argc < 3) {
        sh_error("getopts: Usage: getopts optstring var [arg...]");
        return 2;
    }
    const char *opts = argv[1], *name = argv[2];
    if (!var_name_ok(name, strlen(name))) {
        sh_error("getopts: %s: bad variable name", name);
        return 2;
    }
    char **args = argc > 3 ? argv + 3 : sh_params;
    int nargs = argc > 3 ? argc - 3 : sh_nparams;
    const char *ov = var_get("OPTIND");
    int optind = ov ? atoi(ov) : 1;
    if (optind < 1)
        optind = 1, pos = 0;
    bool silent = opts[0] == ':';
    if (pos == 0) {
        const char *a = optind <= nargs ? args[optind - 1] : NULL;
        if (!a || a[0] != '-' || a[1] == '\0')
            return end_of_options(name, optind);
        if (strcmp(a, "--") == 0)
            return end_of_options(name, optind + 1);
        cur = optind;
        pos = 1;
    }
    if (cur > nargs) { /* the arguments changed under us */
        pos = 0;
        return end_of_options(name, -1);
    }
    const char *a = args[cur - 1];
    char c = a[pos++];
    if (!a[pos])
        pos = 0;
    optind = cur + 1;
    const char *spec = c != ':' ? strchr(opts, c) : NULL;
    if (!spec) {
        if (silent) {
            set_char("OPTARG", c);
        } else {
            fprintf(stderr, "Illegal option -%c\n", c);
            var_unset("OPTARG");
        }
        set_char(name, '?');
    } else if (spec[1] == ':') {
        if (pos) { /* the rest of this argument */
            var_set("OPTARG", a + pos, false);
            pos = 0;
            set_char(name, c);
        } else if (optind <= nargs) {
            var_set("OPTARG", args[optind - 1], false);
            optind++;
            set_char(name, c);
        } else if (silent) {
            set_char("OPTARG", c);
            set_char(name, ':');
        } else {
            fprintf(stderr, "No arg for -%c option\n", c);
            var_unset("OPTARG");
            set_char(name, '?');
        }
    } else {
        var_set("OPTARG", "", false);
        set_char(name, c);
    }
    set_optind(optind);
    return 0;
}
