/* fasync.c - see fasync.h. */
#include "fs/fasync.h"

#include "fs/file.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "uapi/errno.h"
#include "uapi/poll.h"
#include "uapi/signal.h"

int fasync_update(struct fasync **list, struct file *f, int fd, bool on)
{
    struct fasync **pp = list;
    while (*pp && (*pp)->f != f)
        pp = &(*pp)->next;
    if (!on) {
        if (*pp) {
            struct fasync *e = *pp;
            *pp = e->next;
            kfree(e);
        }
        return 0;
    }
    if (*pp) {
        (*pp)->fd = fd; /* asked again: the newest descriptor */
        return 0;
    }
    struct fasync *e = kmalloc(sizeof *e);
    if (!e)
        return -ENOMEM;
    *e = (struct fasync){f, fd, *list};
    *list = e;
    return 0;
}

/* si_band for each reason (Linux's band_table, as poll(2) bits). */
static const long band_of[] = {
    [POLL_IN] = POLLIN | POLLRDNORM, [POLL_OUT] = POLLOUT | POLLWRNORM | POLLWRBAND,
    [POLL_MSG] = POLLIN | POLLRDNORM | POLLMSG,
    [POLL_ERR] = POLLERR, [POLL_PRI] = POLLPRI | POLLRDBAND, [POLL_HUP] = POLLHUP | POLLERR};

/* Signals whose si_code values already mean something else get SI_SIGIO
 * instead of the reason (Linux's sig_specific_sicodes). */
static bool specific_codes(int sig)
{
    return sig == SIGILL || sig == SIGFPE || sig == SIGSEGV || sig == SIGBUS || sig == SIGTRAP || sig == SIGCHLD ||
           sig == SIGSYS;
}

/* Linux's send_sigio: plain SIGIO from the kernel, or the F_SETSIG
 * signal carrying the reason, the band and the descriptor. */
static void send_sigio(const struct file_owner *o, int fd, int reason)
{
    if (!o->id)
        return;
    struct ksiginfo si = {.code = SI_KERNEL};
    int sig = o->sig ? o->sig : SIGIO;
    if (o->sig) {
        si.code = sig != SIGIO && specific_codes(sig) ? SI_SIGIO : reason;
        si.addr = (uint64_t)band_of[reason];
        si.status = fd;
    }
    if (o->type == F_OWNER_PGRP) {
        signal_send_group(o->id, sig, &si);
        return;
    }
    struct proc *p = proc_find(o->id);
    if (!p || p->state == PROC_ZOMBIE)
        return;
    if (o->type == F_OWNER_TID)
        signal_send_thread(p, sig, &si);
    else
        signal_send_info(p, sig, &si);
}

void fasync_notify_all(struct fasync *list, int reason)
{
    for (struct fasync *e = list; e; e = e->next)
        send_sigio(&e->f->owner, e->fd, reason);
}

void fasync_signal(struct file *f, int fd, int reason) { send_sigio(&f->owner, fd, reason); }

bool fasync_owner_exists(int type, int id)
{
    if (type == F_OWNER_PGRP)
        return signal_send_group(id, 0, NULL) > 0;
    return proc_find(id) != NULL;
}
