/*
 * uapi/signal_list.h - the standard signals' names as an X-macro:
 * SIGNAL_LIST(X) expands X(NAME) for signals 1 to 31 in numeric order
 * (uapi/signal.h has the numbers). The real-time signals 32-64 have no
 * names of their own.
 */
#ifndef UAPI_SIGNAL_LIST_H
#define UAPI_SIGNAL_LIST_H

#include "uapi/signal.h"

#define SIGNAL_LIST(X) \
    X(SIGHUP) X(SIGINT) X(SIGQUIT) X(SIGILL) X(SIGTRAP) X(SIGABRT) X(SIGBUS) X(SIGFPE) \
    X(SIGKILL) X(SIGUSR1) X(SIGSEGV) X(SIGUSR2) X(SIGPIPE) X(SIGALRM) X(SIGTERM) X(SIGSTKFLT) \
    X(SIGCHLD) X(SIGCONT) X(SIGSTOP) X(SIGTSTP) X(SIGTTIN) X(SIGTTOU) X(SIGURG) X(SIGXCPU) \
    X(SIGXFSZ) X(SIGVTALRM) X(SIGPROF) X(SIGWINCH) X(SIGIO) X(SIGPWR) X(SIGSYS)

#endif
