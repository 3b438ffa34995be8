/*
 * options.c - the shell's options: one table for `set` and for the
 * shell's own command line (sh -e -x -o pipefail -c ...), `$-`, and the
 * `set -o` / `set +o` listings.
 *
 * The table is in dash's order (its `set -o` listing is the same, plus
 * pipefail, hashall), and `$-` lists the letters from the end of the
 * table backwards as dash does (`set -ex; echo $-` gives "xe").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

bool shopt[NOPTS];

static const struct {
    const char *name;
    char letter; /* 0: only by name */
} opts[NOPTS] = {
    [OPT_ERREXIT] = {"errexit", 'e'},     [OPT_NOGLOB] = {"noglob", 'f'},
    [OPT_IGNOREEOF] = {"ignoreeof", 0},  [OPT_INTERACTIVE] = {"interactive", 'i'},
    [OPT_MONITOR] = {"monitor", 'm'},    [OPT_NOEXEC] = {"noexec", 'n'},
    [OPT_STDIN] = {"stdin", 's'},        [OPT_XTRACE] = {"xtrace", 'x'},
    [OPT_VERBOSE] = {"verbose", 'v'},    [OPT_NOCLOBBER] = {"noclobber", 'C'},
    [OPT_ALLEXPORT] = {"allexport", 'a'}, [OPT_NOTIFY] = {"notify", 'b'},
    [OPT_NOUNSET] = {"nounset", 'u'},    [OPT_HASHALL] = {"hashall", 'h'},
    [OPT_PIPEFAIL] = {"pipefail", 0},
};

static int by_letter(char c)
{
    for (int i = 0; i < NOPTS; i++)
        if (opts[i].letter == c)
            return i;
    return -1;
}

static int by_name(const char *name)
{
    for (int i = 0; i < NOPTS; i++)
        if (strcmp(opts[i].name, name) == 0)
            return i;
    return -1;
}

/* interactive and stdin describe how the shell was started: `set` cannot change them */
static bool settable(int i, bool cmdline)
{
    return cmdline || (i != OPT_INTERACTIVE && i != OPT_STDIN);
}

const char *options_letters(void)
{
    static char buf[NOPTS + 1];
    int n = 0;
    for (int i = NOPTS - 1; i >= 0; i--)
        if (shopt[i] && opts[i].letter)
            buf[n++] = opts[i].letter;
    buf[n] = '\0';
    return buf;
}

/* set -o: dash's table; set +o: commands that put the options back. */
static void list_options(bool reinput)
{
    if (!reinput)
        printf("Current option settings\n");
    for (int i = 0; i < NOPTS; i++) {
        if (reinput)
            printf("set %co %s\n", shopt[i] ? '-' : '+', opts[i].name);
        else
            printf("%-16s%s\n", opts[i].name, shopt[i] ? "on" : "off");
    }
}

int options_parse(int argc, char **argv, bool cmdline, int *operand, bool *c_flag, bool *l_flag,
                  bool *ended)
{
    int i = 1;
    if (ended)
        *ended = false;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if ((a[0] != '-' && a[0] != '+') || !a[1]) {
            if (strcmp(a, "-") == 0) {
                /* `set -`: the end of the options; -x and -v go off (dash, old POSIX) */
                if (!cmdline)
                    shopt[OPT_XTRACE] = shopt[OPT_VERBOSE] = false;
                i++;
            }
            break;
        }
        if (strcmp(a, "--") == 0) {
            i++;
            if (ended)
                *ended = true;
            break;
        }
        bool on = a[0] == '-';
        for (const char *p = a + 1; *p; p++) {
            if (*p == 'o') {
                if (i + 1 >= argc || argv[i + 1][0] == '-' || argv[i + 1][0] == '+') {
                    if (cmdline) {
                        sh_error("-%c: option requires an argument", *p);
                        return 2;
                    }
                    list_options(!on); /* set -o / set +o alone */
                    continue;
                }
                int k = by_name(argv[++i]);
                if (k < 0) {
                    sh_error("%s: Illegal option %co %s", cmdline ? "sh" : "set", on ? '-' : '+', argv[i]);
                    return 2;
                }
                /* `set +o` lists interactive and stdin too: reading it back changes nothing */
                if (settable(k, cmdline))
                    shopt[k] = on;
                break; /* the name was the next argument: this one is done */
            }
            if (cmdline && *p == 'c' && c_flag) {
                *c_flag = on;
                continue;
            }
            if (cmdline && *p == 'l' && l_flag) { /* a login shell (bash, dash) */
                *l_flag = on;
                continue;
            }
            int k = by_letter(*p);
            if (k < 0 || !settable(k, cmdline)) {
                sh_error("%s: Illegal option %c%c", cmdline ? "sh" : "set", on ? '-' : '+', *p);
                return 2;
            }
            shopt[k] = on;
        }
    }
    *operand = i;
    return 0;
}

int bi_set(int argc, char **argv)
{
    if (argc == 1) {
        vars_list(VARS_ALL, "");
        return 0;
    }
    int operand;
    bool ended;
    if (options_parse(argc, argv, false, &operand, NULL, NULL, &ended))
        return sh_special_error(2);
    if (operand < argc || ended)
        set_params(argv + operand, argc - operand);
    return 0;
}
