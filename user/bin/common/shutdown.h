/* shutdown.h - poweroff, reboot and halt (one program each, this code
 * shared; see README.md here). Needs <err.h>, <fcntl.h>, <signal.h>,
 * <stdio.h>, <string.h>, <sys/reboot.h>, <unistd.h>.
 *
 *   poweroff|reboot|halt [-f] [-n]
 *
 * Without -f, when PID 1 is our init (or BusyBox's: both are "init" in
 * /proc/1/comm), the program asks init for a clean shutdown with
 * BusyBox's signals (SIGUSR2 power off, SIGTERM reboot, SIGUSR1 halt):
 * init stops every process, unmounts, syncs, and calls reboot(2). With
 * -f, or under another PID 1 (a test program), it syncs and calls
 * reboot(2) itself, as `poweroff -f` does on Linux. -n: no sync(2)
 * first (the kernel still writes every file system back before the
 * machine goes: kernel/syscall/sys_admin.c). */
#ifndef SHUTDOWN_H
#define SHUTDOWN_H

static inline int shutdown_pid1_is_init(void)
{
    char comm[32] = "";
    int fd = open("/proc/1/comm", O_RDONLY);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, comm, sizeof comm - 1);
    close(fd);
    return n > 0 && !strcmp(comm, "init\n");
}

static inline int shutdown_main(int argc, char **argv, int how, int init_signal)
{
    int force = 0, no_sync = 0, opt;
    while ((opt = getopt(argc, argv, "fnp")) != -1) {
        switch (opt) {
        case 'f': force = 1; break;
        case 'n': no_sync = 1; break;
        case 'p': break; /* halt -p: power off; ours always does */
        default:
            fprintf(stderr, "Usage: %s [-f] [-n]\n", program_invocation_short_name);
            return 1;
        }
    }
    if (optind < argc)
        errx(1, "extra operand '%s'", argv[optind]);
    if (!force && getpid() != 1 && shutdown_pid1_is_init()) {
        if (kill(1, init_signal) != 0)
            err(1, "cannot ask init to shut down");
        /* init ends us with everyone else; until then, nothing to do. */
        for (;;)
            pause();
    }
    if (!no_sync)
        sync();
    reboot(how);
    err(1, "reboot(2)");
}

#endif
