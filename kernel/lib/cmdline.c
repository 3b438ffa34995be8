/* cmdline.c - kernel command-line parsing (see cmdline.h). */
#include "lib/cmdline.h"

#include "lib/string.h"

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The character after a backslash; *p points just past the backslash. */
static char unescape(const char **p)
{
    char c = *(*p)++;
    if (c == 'n')
        return '\n';
    if (c == 't')
        return '\t';
    if (c == 'x' && hexval((*p)[0]) >= 0 && hexval((*p)[1]) >= 0) {
        char v = (char)(hexval((*p)[0]) * 16 + hexval((*p)[1]));
        *p += 2;
        return v;
    }
    return c; /* \\, \", "\ " and any other: the character itself */
}

void cmdline_parse(struct cmdline *cl, const char *src)
{
    size_t out = 0;
    cl->count = 0;
    cl->init_argc = 0;
    cl->truncated = false;
    bool after_dashes = false;
    if (!src)
        src = "";
    const char *p = src;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        if (!*p)
            break;
        if (out + 1 >= sizeof cl->buf) {
            cl->truncated = true;
            break;
        }
        /* Copy one option into buf, removing quotes; '=' splits key and value. */
        char *key = cl->buf + out;
        char *value = NULL;
        bool quoted = false;
        while (*p && (quoted || (*p != ' ' && *p != '\t' && *p != '\n'))) {
            char c = *p++;
            if (c == '"') {
                quoted = !quoted;
                continue;
            }
            if (c == '\\' && *p) {
                c = unescape(&p); /* \\ \" \n \t \xHH and "\ " */
            }
            if (out + 1 >= sizeof cl->buf) {
                cl->truncated = true;
                continue; /* skip the rest of this option */
            }
            if (c == '=' && !value && !after_dashes) {
                cl->buf[out++] = '\0';
                value = cl->buf + out;
                continue;
            }
            cl->buf[out++] = c;
        }
        if (cl->truncated)
            break;
        cl->buf[out++] = '\0';
        /* The counts are checked only now: "--" and nameless words take no slot. */
        if (after_dashes) {
            if (cl->init_argc == CMDLINE_MAX_OPTS) {
                cl->truncated = true;
                break;
            }
            cl->init_args[cl->init_argc++] = key;
            continue;
        }
        if (strcmp(key, "--") == 0 && !value) {
            after_dashes = true;
            continue;
        }
        if (!*key)
            continue; /* "=x" or a lone "" has no name: ignore it */
        if (cl->count == CMDLINE_MAX_OPTS) {
            cl->truncated = true;
            break;
        }
        cl->opts[cl->count].key = key;
        cl->opts[cl->count].value = value ? value : key + strlen(key); /* "" */
        cl->count++;
    }
}

const char *cmdline_get(const struct cmdline *cl, const char *key)
{
    for (int i = cl->count - 1; i >= 0; i--)
        if (strcmp(cl->opts[i].key, key) == 0)
            return cl->opts[i].value;
    return NULL;
}

bool cmdline_key_known(const char *key, const char *const *known)
{
    for (; *known; known++)
        if (strcmp(key, *known) == 0)
            return true;
    return false;
}
