/*
 * prompt.c - the interactive prompts. PS1 and PS2 are ordinary variables,
 * parameter-expanded before each display as POSIX says (so
 * PS1='$PWD> ' follows cd). Each `!` of PS1 becomes the number the next
 * history entry gets and `!!` a literal `!` (POSIX, as bash and ksh do;
 * dash leaves `!` alone).
 *
 * The default PS1 keeps Tiny OS's look, `tinyos:CWD$ `, through $PWD; it
 * does NOT turn `$` into `#` for root as bash's \$ would: the console's
 * shell is root's and everything that waits for the prompt expects `$`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

#define DEFAULT_PS1 "tinyos:$PWD\\$ "
#define DEFAULT_PS2 "> "

void prompt_init(void)
{
    if (!var_get("PS1"))
        var_set("PS1", DEFAULT_PS1, false);
    if (!var_get("PS2"))
        var_set("PS2", DEFAULT_PS2, false);
}

char *expand_string(const char *value)
{
    return expand_heredoc(value); /* the same rules as a here-document body's (dash's expandstr) */
}

/* PS1's `!` and `!!`, replaced before the expansion so that a `!` that
 * $PWD brings stays as it is. */
static char *history_numbers(const char *ps)
{
    struct str out = {0};
    str_adds(&out, "");
    for (const char *p = ps; *p; p++) {
        if (*p != '!') {
            str_addc(&out, *p);
        } else if (p[1] == '!') {
            str_addc(&out, '!');
            p++;
        } else {
            char num[24];
            snprintf(num, sizeof num, "%d", history_first() + history_count() + 1);
            str_adds(&out, num);
        }
    }
    return str_take(&out);
}

char *prompt_text(bool continuation)
{
    const char *ps = var_get(continuation ? "PS2" : "PS1");
    if (!ps)
        return xstrdup("");
    if (continuation)
        return expand_string(ps);
    char *numbered = history_numbers(ps);
    char *text = expand_string(numbered);
    free(numbered);
    return text;
}
