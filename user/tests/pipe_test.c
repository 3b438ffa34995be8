/*
 * pipe_test.c - pipes between processes and the descriptor calls:
 * pipe, pipe2, dup, dup2, dup3, fcntl, close-on-exec, EOF, EPIPE/SIGPIPE,
 * O_NONBLOCK, PIPE_BUF atomicity, with Linux's errno values.
 *
 * argv[1] = "fdcheck" A B: the execve target; exits 0 if descriptor A is
 * closed (it was close-on-exec) and B is open (it was not).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

static int is_closed(int fd)
{
    errno = 0;
    return fcntl(fd, F_GETFD) == -1 && errno == EBADF;
}

/* The data pattern for byte i of the stream. */
static unsigned char pat(unsigned long i) { return (unsigned char)(i * 131 + (i >> 9) * 7 + 1); }

enum { MIB = 1 << 20 };

int main(int argc, char **argv)
{
    if (argc > 3 && !strcmp(argv[1], "fdcheck"))
        return is_closed(atoi(argv[2])) && !is_closed(atoi(argv[3])) ? 0 : 1;

    int fds[2];
    char buf[8192];

    /* --- 1 MiB through a pipe, odd write and read sizes, checksummed. --- */
    {
        CHECK_EQ(pipe(fds), 0, "pipe");
        pid_t c = xfork();
        if (c == 0) {
            static unsigned char out[70000];
            static const int sizes[] = {1, 4095, 4096, 4097, 65536, 65537, 1000, 3, 69999};
            close(fds[0]);
            unsigned long pos = 0;
            unsigned long sum = 0;
            int k = 0;
            while (pos < MIB) {
                unsigned long n = sizes[k++ % 9];
                if (n > MIB - pos)
                    n = MIB - pos;
                for (unsigned long i = 0; i < n; i++) {
                    out[i] = pat(pos + i);
                    sum = sum * 31 + out[i];
                }
                unsigned long done = 0;
                while (done < n) {
                    ssize_t w = write(fds[1], out + done, n - done);
                    if (w <= 0)
                        _exit(2);
                    done += w;
                }
                pos += n;
            }
            write(fds[1], &sum, 0); /* a zero-length write is fine and sends nothing */
            _exit(0);
        }
        close(fds[1]);
        unsigned long pos = 0, sum = 0, wrong = 0;
        static const int rsizes[] = {7, 8192, 1, 4096, 5000};
        int k = 0;
        ssize_t n;
        while ((n = read(fds[0], buf, rsizes[k++ % 5])) > 0) {
            for (ssize_t i = 0; i < n; i++) {
                unsigned char b = (unsigned char)buf[i];
                wrong += b != pat(pos + i);
                sum = sum * 31 + b;
            }
            pos += n;
        }
        CHECK_EQ(n, 0, "read returns 0 (end of file) after the writer exits");
        CHECK_EQ(pos, MIB, "1 MiB arrives");
        CHECK_EQ(wrong, 0, "every byte in order");
        /* The same checksum, computed independently. */
        unsigned long want = 0;
        for (unsigned long i = 0; i < MIB; i++)
            want = want * 31 + pat(i);
        CHECK(sum == want, "checksum matches");
        CHECK_EQ(child_status(c), 0, "writer exits 0");
        close(fds[0]);
    }

    /* --- EOF only when every writer has closed. --- */
    {
        pipe(fds);
        pid_t kids[3];
        for (int i = 0; i < 3; i++) {
            kids[i] = xfork();
            if (kids[i] == 0) {
                close(fds[0]);
                msleep(10 * (i + 1));
                char ch = (char)('a' + i);
                write(fds[1], &ch, 1);
                _exit(0);
            }
        }
        close(fds[1]);
        int total = 0, mask = 0;
        ssize_t n;
        char ch;
        while ((n = read(fds[0], &ch, 1)) == 1) {
            total++;
            if (ch >= 'a' && ch <= 'c')
                mask |= 1 << (ch - 'a');
        }
        CHECK(n == 0 && total == 3 && mask == 7, "three writers: all data, then EOF after the last one closes");
        for (int i = 0; i < 3; i++)
            child_status(kids[i]);
        close(fds[0]);
    }

    /* --- A reader blocked on an empty pipe wakes with EOF when the writer exits. --- */
    {
        pipe(fds);
        pid_t c = xfork();
        if (c == 0) {
            close(fds[0]);
            msleep(30);
            _exit(0); /* closes the write end without writing */
        }
        close(fds[1]);
        CHECK_EQ(read(fds[0], buf, 1), 0, "a blocked reader gets EOF when the last writer exits");
        child_status(c);
        close(fds[0]);
    }

    /* --- SIGPIPE / EPIPE. --- */
    {
        pipe(fds);
        close(fds[0]);
        pid_t c = xfork();
        if (c == 0) {
            signal(SIGPIPE, SIG_DFL);
            write(fds[1], "x", 1);
            _exit(0);
        }
        int s = child_status(c);
        CHECK(s >= 0 && WIFSIGNALED(s) && WTERMSIG(s) == SIGPIPE, "writing a pipe with no reader: killed by SIGPIPE");
        signal(SIGPIPE, SIG_IGN);
        errno = 0;
        CHECK(write(fds[1], "x", 1) == -1 && errno == EPIPE, "with SIGPIPE ignored: write fails with EPIPE");
        CHECK_EQ(raw_syscall(SYS_write, fds[1], "x", 1), -EPIPE, "raw write: -EPIPE");
        close(fds[1]);

        /* A writer blocked on a full pipe gets EPIPE when the reader goes away. */
        pipe(fds);
        c = xfork();
        if (c == 0) {
            static char big[65536];
            close(fds[0]);
            for (;;) {
                ssize_t w = write(fds[1], big, sizeof big);
                if (w < 0)
                    _exit(errno == EPIPE ? 0 : 1);
            }
        }
        close(fds[1]);
        read(fds[0], buf, 100);
        msleep(30); /* the writer fills the pipe and blocks */
        close(fds[0]);
        s = child_status(c);
        CHECK(s == 0, "a writer blocked on a full pipe gets EPIPE (SIGPIPE ignored) when the reader closes");
        signal(SIGPIPE, SIG_DFL);
    }

    /* --- O_NONBLOCK, pipe2 flags. --- */
    {
        CHECK_EQ(pipe2(fds, O_NONBLOCK), 0, "pipe2(O_NONBLOCK)");
        CHECK((fcntl(fds[0], F_GETFL) & O_NONBLOCK) && (fcntl(fds[1], F_GETFL) & O_NONBLOCK), "both ends O_NONBLOCK");
        errno = 0;
        CHECK(read(fds[0], buf, 1) == -1 && errno == EAGAIN, "non-blocking read of an empty pipe: EAGAIN");
        long total = 0;
        ssize_t w;
        static char big[4096];
        while ((w = write(fds[1], big, sizeof big)) > 0 && total < 16 * MIB)
            total += w;
        CHECK(w == -1 && errno == EAGAIN && total >= 4096, "non-blocking write to a full pipe: EAGAIN");
        CHECK_EQ(read(fds[0], buf, 10), 10, "reading from the full pipe");
        close(fds[1]);
        long left = 0;
        ssize_t n;
        while ((n = read(fds[0], buf, sizeof buf)) > 0)
            left += n;
        CHECK(n == 0 && left == total - 10, "non-blocking read with no writer: the rest, then 0 (EOF), not EAGAIN");
        close(fds[0]);

        CHECK_EQ(pipe2(fds, O_CLOEXEC), 0, "pipe2(O_CLOEXEC)");
        CHECK(fcntl(fds[0], F_GETFD) == FD_CLOEXEC && fcntl(fds[1], F_GETFD) == FD_CLOEXEC, "both ends FD_CLOEXEC");
        CHECK((fcntl(fds[0], F_GETFL) & O_ACCMODE) == O_RDONLY && (fcntl(fds[1], F_GETFL) & O_ACCMODE) == O_WRONLY,
              "F_GETFL: read end O_RDONLY, write end O_WRONLY");
        CHECK(!(fcntl(fds[0], F_GETFL) & O_NONBLOCK), "no O_NONBLOCK unless asked");
        close(fds[0]);
        close(fds[1]);
        CHECK_EQ(pipe(fds), 0, "plain pipe");
        CHECK(fcntl(fds[0], F_GETFD) == 0 && fcntl(fds[1], F_GETFD) == 0, "plain pipe: FD_CLOEXEC clear");
        errno = 0;
        CHECK(write(fds[0], "x", 1) == -1 && errno == EBADF, "write to the read end: EBADF");
        errno = 0;
        CHECK(read(fds[1], buf, 1) == -1 && errno == EBADF, "read from the write end: EBADF");
        close(fds[0]);
        close(fds[1]);
        int bad[2] = {-5, -5};
        CHECK_EQ(raw_syscall(SYS_pipe2, bad, O_APPEND, 0), -EINVAL, "pipe2 with an invalid flag: EINVAL");
        CHECK_EQ(raw_syscall(SYS_pipe, 1, 0, 0), -EFAULT, "pipe with a bad pointer: EFAULT");
        CHECK_EQ(raw_syscall(SYS_read, 1000000, buf, 1), -EBADF, "read of a descriptor never opened: EBADF");
    }

    /* --- PIPE_BUF atomicity with two writers. --- */
    {
        enum { REC = 512, NREC = 100 };
        pipe(fds);
        pid_t w[2];
        for (int i = 0; i < 2; i++) {
            w[i] = xfork();
            if (w[i] == 0) {
                char rec[REC];
                memset(rec, 'A' + i, REC);
                close(fds[0]);
                for (int r = 0; r < NREC; r++)
                    if (write(fds[1], rec, REC) != REC)
                        _exit(1);
                _exit(0);
            }
        }
        close(fds[1]);
        static char all[2 * NREC * REC];
        long got = 0;
        ssize_t n;
        while (got < (long)sizeof all && (n = read(fds[0], all + got, sizeof all - got)) > 0)
            got += n;
        int mixed = 0, as = 0;
        for (long r = 0; r < got / REC; r++) {
            char first = all[r * REC];
            as += first == 'A';
            for (int i = 1; i < REC; i++)
                if (all[r * REC + i] != first) {
                    mixed++;
                    break;
                }
        }
        CHECK(got == (long)sizeof all && mixed == 0 && as == NREC,
              "two writers' 512-byte writes (<= PIPE_BUF) never interleave");
        CHECK(child_status(w[0]) == 0 && child_status(w[1]) == 0, "both writers exit 0");
        close(fds[0]);
    }

    /* --- dup, dup2, dup3. --- */
    {
        pipe(fds);
        int lowest = fds[0]; /* pipe took the two lowest free descriptors */
        close(fds[0]);
        int d = dup(fds[1]);
        CHECK_EQ(d, lowest, "dup returns the lowest free descriptor");
        CHECK_EQ(fcntl(d, F_GETFD), 0, "dup'd descriptor has FD_CLOEXEC clear");
        close(d);
        int r0 = fds[1];
        pipe(fds); /* fds[0] == lowest again, fds[1] above r0 */
        CHECK_EQ(dup2(fds[1], fds[1]), fds[1], "dup2(fd, fd) returns fd");
        errno = 0;
        CHECK(dup2(999, 999) == -1 && errno == EBADF, "dup2(closed fd, same fd): EBADF");
        errno = 0;
        CHECK(dup2(999, 50) == -1 && errno == EBADF, "dup2(closed fd, x): EBADF");
        errno = 0;
        CHECK(dup2(fds[1], -1) == -1 && errno == EBADF, "dup2(fd, -1): EBADF");
        errno = 0;
        CHECK(dup2(fds[1], INT_MAX) == -1 && errno == EBADF, "dup2(fd, INT_MAX): EBADF");
        /* dup2 over an open descriptor closes it first: r0 was the first pipe's write end. */
        fcntl(r0, F_SETFD, FD_CLOEXEC);
        CHECK_EQ(dup2(fds[1], r0), r0, "dup2 onto an open descriptor");
        CHECK_EQ(fcntl(r0, F_GETFD), 0, "dup2 clears FD_CLOEXEC on the new descriptor");
        write(r0, "q", 1);
        char ch = 0;
        CHECK(read(fds[0], &ch, 1) == 1 && ch == 'q', "the dup2'd descriptor writes into the new pipe");
        /* dup3 through the raw call: musl's dup3() does part of the job itself (EINVAL for
         * old == new, dup2 when flags are 0). */
        CHECK_EQ(raw_syscall(SYS_dup3, fds[1], 40, O_CLOEXEC), 40, "dup3(fd, 40, O_CLOEXEC)");
        CHECK_EQ(fcntl(40, F_GETFD), FD_CLOEXEC, "dup3 O_CLOEXEC sets FD_CLOEXEC");
        CHECK_EQ(raw_syscall(SYS_dup3, fds[1], 40, 0), 40, "dup3(fd, 40, 0) over it");
        CHECK_EQ(fcntl(40, F_GETFD), 0, "dup3 without O_CLOEXEC clears it");
        CHECK_EQ(raw_syscall(SYS_dup3, fds[1], fds[1], 0), -EINVAL, "dup3(fd, fd, 0): EINVAL");
        CHECK_EQ(raw_syscall(SYS_dup3, fds[1], 41, O_NONBLOCK), -EINVAL, "dup3 with a flag other than O_CLOEXEC: EINVAL");
        CHECK_EQ(raw_syscall(SYS_dup3, 999, 41, 0), -EBADF, "dup3 of a closed descriptor: EBADF");
        CHECK(is_closed(41), "a failed dup3 leaves the target closed");
        CHECK_EQ(raw_syscall(SYS_dup2, fds[1], fds[1], 0), fds[1], "raw dup2(fd, fd) returns fd");
        CHECK_EQ(raw_syscall(SYS_dup2, 999, 999, 0), -EBADF, "raw dup2(closed, same): EBADF");
        errno = 0;
        CHECK(dup(999) == -1 && errno == EBADF, "dup of a closed descriptor: EBADF");
        close(40);
        errno = 0;
        CHECK(close(40) == -1 && errno == EBADF, "closing twice: EBADF");

        /* Descriptors from dup share the open file description (status flags), not FD flags. */
        d = dup(fds[0]);
        fcntl(fds[0], F_SETFL, O_NONBLOCK);
        CHECK(fcntl(d, F_GETFL) & O_NONBLOCK, "O_NONBLOCK set through one descriptor shows through its dup");
        errno = 0;
        CHECK(read(d, &ch, 1) == -1 && errno == EAGAIN, "and the dup reads non-blocking: EAGAIN");
        fcntl(fds[0], F_SETFL, 0);
        CHECK(!(fcntl(d, F_GETFL) & O_NONBLOCK), "F_SETFL 0 clears it for both");
        fcntl(fds[0], F_SETFD, FD_CLOEXEC);
        CHECK_EQ(fcntl(d, F_GETFD), 0, "FD_CLOEXEC is per descriptor");
        fcntl(fds[0], F_SETFD, 0);
        close(d);
        /* Closing one of two descriptors of a write end does not give EOF yet. */
        d = dup(fds[1]);
        close(fds[1]);
        write(d, "z", 1);
        CHECK(read(fds[0], &ch, 1) == 1 && ch == 'z', "a pipe lives on through a dup of its write end");
        close(d);
        close(r0);
        CHECK_EQ(read(fds[0], &ch, 1), 0, "EOF once the last write descriptor closes");
        close(fds[0]);
    }

    /* --- fcntl. --- */
    {
        pipe(fds);
        CHECK_EQ(fcntl(fds[0], F_SETFD, FD_CLOEXEC), 0, "F_SETFD FD_CLOEXEC");
        CHECK_EQ(fcntl(fds[0], F_GETFD), FD_CLOEXEC, "F_GETFD reads it back");
        CHECK_EQ(fcntl(fds[0], F_SETFD, 0), 0, "F_SETFD 0");
        CHECK_EQ(fcntl(fds[0], F_GETFD), 0, "F_GETFD is 0 again");
        CHECK_EQ(fcntl(fds[0], F_GETFL), O_RDONLY, "F_GETFL of the read end: O_RDONLY");
        CHECK_EQ(fcntl(fds[1], F_GETFL), O_WRONLY, "F_GETFL of the write end: O_WRONLY");
        CHECK_EQ(fcntl(fds[0], F_SETFL, O_NONBLOCK | O_WRONLY), 0, "F_SETFL O_NONBLOCK (with an access mode)");
        CHECK_EQ(fcntl(fds[0], F_GETFL), O_RDONLY | O_NONBLOCK, "F_GETFL: O_NONBLOCK set, access mode unchanged");
        char ch;
        errno = 0;
        CHECK(read(fds[0], &ch, 1) == -1 && errno == EAGAIN, "read after F_SETFL O_NONBLOCK: EAGAIN");
        fcntl(fds[0], F_SETFL, 0);
        CHECK_EQ(fcntl(fds[0], F_DUPFD, 20), 20, "F_DUPFD 20 gives 20");
        CHECK_EQ(fcntl(fds[0], F_DUPFD, 20), 21, "F_DUPFD 20 again gives 21");
        CHECK_EQ(fcntl(21, F_GETFD), 0, "F_DUPFD: FD_CLOEXEC clear");
        CHECK_EQ(fcntl(fds[0], F_DUPFD_CLOEXEC, 20), 22, "F_DUPFD_CLOEXEC 20 gives 22");
        CHECK_EQ(fcntl(22, F_GETFD), FD_CLOEXEC, "F_DUPFD_CLOEXEC: FD_CLOEXEC set");
        int want = 0;
        while (!is_closed(want))
            want++;
        int lowest = fcntl(fds[0], F_DUPFD, 0);
        CHECK_EQ(lowest, want, "F_DUPFD 0 gives the lowest free descriptor");
        close(lowest);
        write(fds[1], "k", 1);
        CHECK(read(21, &ch, 1) == 1 && ch == 'k', "F_DUPFD'd descriptor reads the same pipe");
        close(20);
        close(21);
        close(22);
        errno = 0;
        CHECK(fcntl(fds[0], F_DUPFD, -1) == -1 && errno == EINVAL, "F_DUPFD with a negative minimum: EINVAL");
        errno = 0;
        CHECK(fcntl(999, F_GETFD) == -1 && errno == EBADF, "fcntl on a closed descriptor: EBADF");
        CHECK_EQ(raw_syscall(SYS_fcntl, fds[0], 9999, 0), -EINVAL, "fcntl with an unknown command: EINVAL");
        close(fds[0]);
        close(fds[1]);
    }

    /* --- close-on-exec is honoured by execve; other descriptors survive it. --- */
    {
        int keep[2], drop[2];
        pipe(keep);
        pipe2(drop, O_CLOEXEC);
        char a[16], b[16];
        snprintf(a, sizeof a, "%d", drop[0]);
        snprintf(b, sizeof b, "%d", keep[0]);
        char *av[] = {argv[0], "fdcheck", a, b, NULL};
        pid_t c = xfork();
        if (c == 0) {
            exec_self(av);
            _exit(127);
        }
        CHECK_EQ(child_status(c), 0, "after execve: the O_CLOEXEC descriptor is closed, the other one open");
        /* The exec'd child's close-on-exec end is gone: our reader sees EOF when we close ours. */
        close(drop[1]);
        CHECK_EQ(read(drop[0], buf, 1), 0, "and it no longer holds the pipe");
        close(keep[0]);
        close(keep[1]);
        close(drop[0]);
    }

    reap_all();
    return tt_done();
}
