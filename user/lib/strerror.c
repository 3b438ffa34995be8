/*
 * strerror.c - messages for errno values and signals, worded exactly as
 * glibc words them (programs' output is compared with glibc's), and
 * "Unknown error N" / "Unknown signal N" for the rest.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "uapi/errno_list.h"

/* uapi/errno_list.h: the names and messages, shared with the kernel's
 * strace decoder. */
#define MESSAGE(name, text) [name] = text,
static const char *const error_messages[] = {
    [0] = "Success",
    ERRNO_LIST(MESSAGE)
};
#undef MESSAGE

static const char *const signal_messages[] = {
    [1] = "Hangup",
    [2] = "Interrupt",
    [3] = "Quit",
    [4] = "Illegal instruction",
    [5] = "Trace/breakpoint trap",
    [6] = "Aborted",
    [7] = "Bus error",
    [8] = "Floating point exception",
    [9] = "Killed",
    [10] = "User defined signal 1",
    [11] = "Segmentation fault",
    [12] = "User defined signal 2",
    [13] = "Broken pipe",
    [14] = "Alarm clock",
    [15] = "Terminated",
    [16] = "Stack fault",
    [17] = "Child exited",
    [18] = "Continued",
    [19] = "Stopped (signal)",
    [20] = "Stopped",
    [21] = "Stopped (tty input)",
    [22] = "Stopped (tty output)",
    [23] = "Urgent I/O condition",
    [24] = "CPU time limit exceeded",
    [25] = "File size limit exceeded",
    [26] = "Virtual timer expired",
    [27] = "Profiling timer expired",
    [28] = "Window changed",
    [29] = "I/O possible",
    [30] = "Power failure",
    [31] = "Bad system call",
};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

char *strerror(int errnum)
{
    static char unknown[32];
    if (errnum >= 0 && errnum < COUNT(error_messages) && error_messages[errnum])
        return (char *)error_messages[errnum];
    snprintf(unknown, sizeof unknown, "Unknown error %d", errnum);
    return unknown;
}

char *strsignal(int sig)
{
    static char unknown[32];
    if (sig > 0 && sig < COUNT(signal_messages))
        return (char *)signal_messages[sig];
    if (sig >= SIGRTMIN && sig <= SIGRTMAX)
        snprintf(unknown, sizeof unknown, "Real-time signal %d", sig - SIGRTMIN);
    else
        snprintf(unknown, sizeof unknown, "Unknown signal %d", sig);
    return unknown;
}
