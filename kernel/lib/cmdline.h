/*
 * cmdline.h - split a kernel command line into options.
 *
 * Syntax, as Linux's: options separated by spaces; each is "key=value" or a
 * bare "key" (a flag, whose value is ""). Double quotes group spaces into a
 * value: init="/bin/sh -x" (the quotes are removed). A backslash escapes
 * the next character, with \n, \t and \xHH for bytes a command line cannot
 * hold (Tiny OS's addition: tools/tinyos-run passes any argument this way).
 * Everything after a lone "--" is not options but arguments for init, as
 * on Linux.
 */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#define CMDLINE_MAX_LEN 4096
#define CMDLINE_MAX_OPTS 32

struct cmdline_opt {
    const char *key;
    const char *value;
};

struct cmdline {
    char buf[CMDLINE_MAX_LEN];
    struct cmdline_opt opts[CMDLINE_MAX_OPTS];
    int count;
    const char *init_args[CMDLINE_MAX_OPTS]; /* the words after "--" */
    int init_argc;
    bool truncated; /* the line or the option count exceeded the limits */
};

/* Parses src (NULL means empty) into cl. Never fails: what does not fit is
 * dropped and cl->truncated set. */
void cmdline_parse(struct cmdline *cl, const char *src);

/* The value of the last option named key ("" for a flag), or NULL. */
const char *cmdline_get(const struct cmdline *cl, const char *key);

/* True if key appears in the NULL-terminated list known. */
bool cmdline_key_known(const char *key, const char *const *known);

#endif
