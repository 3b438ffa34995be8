/*
 * strace.c - the strace boot option's lines (see strace.h): the call's
 * name and arguments (strace_table.c says what each is, strace_args.c
 * prints it), the result, one line per call.
 */
#include "debug/strace.h"

#include "debug/strace_args.h"
#include "debug/strace_table.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"
#include "uapi/syscall_nr.h"

#define LINE_MAX 1024

/* strace=PID or strace=NAME; neither: every process. */
static int only_pid;
static char only_name[PROC_NAME_LEN];

void strace_init(const char *filter)
{
    if (!filter || !*filter)
        return;
    int pid = 0;
    const char *s = filter;
    while (*s >= '0' && *s <= '9' && pid < 10000000)
        pid = pid * 10 + (*s++ - '0');
    if (!*s)
        only_pid = pid;
    else
        for (size_t i = 0; i + 1 < sizeof only_name && filter[i]; i++)
            only_name[i] = filter[i];
}

static bool wanted(const struct proc *p)
{
    if (only_pid)
        return p->pid == only_pid;
    if (only_name[0])
        return strcmp(p->name, only_name) == 0;
    return true;
}

static const struct strace_sig *sig_of(uint32_t nr)
{
    static const struct strace_sig unknown = {NULL, R_INT, 6, {K_HEX, K_HEX, K_HEX, K_HEX, K_HEX, K_HEX}};
    return nr < SYSCALL_TABLE_SIZE && strace_table[nr].name ? &strace_table[nr] : &unknown;
}

/* Formats arguments from c->next up to (not including) stop. */
static void format_args(struct strace_call *c, struct strace_buf *b, int stop, long ret)
{
    const struct strace_sig *sig = sig_of(c->nr);
    for (int i = c->next; i < stop; i++) {
        size_t mark = b->len;
        if (i)
            strace_printf(b, ", ");
        if (!strace_print_arg(b, sig->kind[i], c->arg, i, ret)) {
            b->len = mark; /* not shown: drop its separator too */
            b->s[mark] = '\0';
        }
    }
    c->next = (uint8_t)stop;
}

static void emit(struct strace_call *c, struct strace_buf *b)
{
    strace_printf(b, "\n");
    if (b->len && b->s[b->len - 1] != '\n') /* cut short: still one line */
        b->s[b->len - 1] = '\n';
    klog_tagged(STRACE_LOG_TAG, b->s, b->len);
    kfree(c->line);
    c->line = NULL;
}

void strace_enter(struct strace_call *c)
{
    c->line = NULL;
    struct proc *p = current();
    if (!wanted(p))
        return;
    c->line = kmalloc(LINE_MAX);
    if (!c->line)
        return;
    struct strace_buf b = {c->line, 0, LINE_MAX};
    b.s[0] = '\0';
    /* strace -f's prefix, once there is more than one process to tell apart. */
    if (proc_count() > 1)
        strace_printf(&b, "[pid %d] ", p->pid);
    const struct strace_sig *sig = sig_of(c->nr);
    if (sig->name)
        strace_printf(&b, "%s(", sig->name);
    else
        strace_printf(&b, "syscall_%#x(", c->nr);
    c->next = 0;
    int stop = 0;
    while (stop < sig->nargs && sig->kind[stop] != K_BUF_OUT)
        stop++;
    format_args(c, &b, stop, 0);
    c->len = b.len;
    if (sig->ret == R_NONE) { /* exit, exit_group: no way back to print on */
        format_args(c, &b, sig->nargs, 0);
        strace_printf(&b, ")");
        strace_print_ret(&b, R_NONE, c->arg, 0);
        emit(c, &b);
    }
}

void strace_exit(struct strace_call *c, long ret)
{
    if (!c->line)
        return;
    struct strace_buf b = {c->line, c->len, LINE_MAX};
    const struct strace_sig *sig = sig_of(c->nr);
    format_args(c, &b, sig->nargs, ret);
    strace_printf(&b, ")");
    strace_print_ret(&b, sig->ret, c->arg, ret);
    emit(c, &b);
}
