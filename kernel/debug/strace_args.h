/*
 * strace_args.h - how strace.c prints one argument or result of a traced
 * call, into a bounded line buffer (a full buffer drops the rest).
 */
#ifndef DEBUG_STRACE_ARGS_H
#define DEBUG_STRACE_ARGS_H

#include <stddef.h>
#include <stdint.h>

struct strace_buf {
    char *s;
    size_t len, cap; /* cap counts the NUL */
};

void strace_printf(struct strace_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Argument i of arg[] (kind from strace_table.h). Reads user memory only
 * through the usercopy functions: a pointer that faults prints as its
 * address. ret is the call's result, for K_BUF_OUT. Returns false when
 * the argument is not shown at all (K_OPEN_MODE without O_CREAT). */
int strace_print_arg(struct strace_buf *b, uint8_t kind, const uint64_t *arg, int i, long ret);
/* " = 3", " = 0x7f...", " = -1 ENOENT (No such file or directory)", " = ?". */
void strace_print_ret(struct strace_buf *b, uint8_t ret_kind, const uint64_t *arg, long ret);

#endif
