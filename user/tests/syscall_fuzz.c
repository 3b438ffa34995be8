/*
 * syscall_fuzz.c - hostile arguments must never bring the kernel down.
 * Children make thousands of system calls with random numbers and
 * arguments drawn from a list of nasty values (kernel addresses,
 * non-canonical ones, NULL, -1, huge sizes, pointers into their own
 * memory); a child may die of a signal or get stuck, and is then killed.
 * The kernel must survive it all and still fork, pipe and exec afterwards.
 * The seed is fixed, so a failure can be replayed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tt.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

#define ROUNDS 30

static char scratch[8192];

static long value(void)
{
    static const long nasty[] = {
        0, 1, 2, -1, -2, 0x7fffffff, 0x80000000L, 0xffffffffL, 4096, 65536, (long)1 << 40,
        (long)0xffffffff80100000ul, (long)0xffff800000000000ul, (long)0x0000800000000000ul,
        (long)0x00007ffffffff000ul, (long)0x00007fffffffeff8ul, (long)0x8000000000000000ul, -4096,
    };
    switch (next() % 4) {
    case 0: return nasty[next() % (sizeof nasty / sizeof nasty[0])];
    case 1: return (long)(scratch + next() % sizeof scratch); /* valid memory */
    case 2: return (long)(next() % 64);                        /* small numbers, fds */
    default: return (long)next();
    }
}

/* Calls that would end the run for the wrong reason: leaving (exit),
 * replacing the program, multiplying processes, signalling others,
 * waiting forever on purpose. */
static int excluded(long nr)
{
    switch (nr) {
    case SYS_exit: case SYS_exit_group: case SYS_execve: case SYS_fork: case SYS_vfork: case SYS_clone:
    case SYS_kill: case SYS_tkill: case SYS_tgkill: case SYS_pause: case SYS_rt_sigsuspend:
    case SYS_rt_sigreturn: case SYS_setsid: case SYS_setpgid: case 59 + 263: /* execveat */
        return 1;
    default:
        return 0;
    }
}

static void fuzz(unsigned calls)
{
    /* Whatever it writes or reads: /dev/null, not the test's output. */
    int null = open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
    for (unsigned i = 0; i < calls; i++) {
        long nr = (long)(next() % 340);
        if (excluded(nr))
            continue;
        raw_syscall6(nr, value(), value(), value(), value(), value(), value());
    }
    _exit(0);
}

int main(int argc, char **argv)
{
    int finished = 0, died = 0, stuck = 0;
    if (argc > 1) /* another seed, to explore: syscall_fuzz SEED */
        rng = strtoull(argv[1], NULL, 0) | 1;
    for (int round = 0; round < ROUNDS; round++) {
        rng += (uint64_t)round * 0x1234567;
        pid_t c = fork();
        if (c == 0)
            fuzz(1500);
        /* Give each child a while, then kill it if it is blocked. */
        int st = 0, was_stuck = 0;
        for (int t = 0; t < 100; t++) {
            if (waitpid(c, &st, WNOHANG) == c)
                break;
            struct timespec ts = {0, 5000000};
            nanosleep(&ts, NULL);
            if (t == 99) {
                kill(c, SIGKILL);
                waitpid(c, &st, 0);
                stuck++;
                was_stuck = 1;
            }
        }
        if (WIFEXITED(st))
            finished++;
        else if (WIFSIGNALED(st) && !was_stuck) /* SIGKILL too: a random RLIMIT_CPU's hard limit */
            died++;
    }
    printf("rounds: %d finished, %d died of a signal, %d killed while stuck\n", finished, died, stuck);
    CHECK(finished + died + stuck == ROUNDS, "every fuzzing child ended");
    /* The system still works. */
    int p[2];
    CHECK_EQ(pipe(p), 0, "pipe after fuzzing");
    pid_t c = fork();
    if (c == 0) {
        write(p[1], "ok", 2);
        _exit(3);
    }
    char buf[2];
    CHECK_EQ(read(p[0], buf, 2), 2, "read from a new child");
    int st;
    CHECK_EQ(waitpid(c, &st, 0), c, "and reap it");
    CHECK_EQ(WEXITSTATUS(st), 3, "with its status");
    return tt_done();
}
