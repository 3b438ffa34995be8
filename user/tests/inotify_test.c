/* inotify_test.c - inotify: the calls' errors, then the events the VFS
 * operations give, printed one per line (watch descriptors by name,
 * rename cookies as "pair" or "0"), so the host's Linux and Tiny OS must
 * agree on every event and its order. Also: coalescing, IN_ONESHOT,
 * IN_EXCL_UNLINK, IN_MASK_ADD/IN_MASK_CREATE, read sizes, FIONREAD,
 * poll/select/epoll, a blocked reader, the queue's overflow, fdinfo.
 * Differential.
 *
 * With the argument "limits" (Tiny OS only: it changes
 * /proc/sys/fs/inotify, which the host shares with everything else):
 * max_user_instances, max_user_watches and max_queued_events take
 * effect, and instances leave no memory behind. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/xattr.h>

#include "tt.h"

#define D "/tmp/inotify_test"

static int ifd;
static const char *wd_names[64];

static void name_wd(int wd, const char *name)
{
    if (wd > 0 && wd < 64)
        wd_names[wd] = name;
}

static const char *mask_text(uint32_t m)
{
    static const char *bits[] = {"ACCESS", "MODIFY", "ATTRIB", "CLOSE_WRITE", "CLOSE_NOWRITE", "OPEN",
                                 "MOVED_FROM", "MOVED_TO", "CREATE", "DELETE", "DELETE_SELF", "MOVE_SELF",
                                 "?", "UNMOUNT", "Q_OVERFLOW", "IGNORED"};
    static char out[128];
    out[0] = '\0';
    for (int i = 0; i < 16; i++)
        if (m & (1u << i)) {
            strcat(out, out[0] ? "|" : "");
            strcat(out, bits[i]);
        }
    if (m & IN_ISDIR)
        strcat(out, "|ISDIR");
    if (m & ~(0xffffu | IN_ISDIR))
        strcat(out, "|other");
    return out;
}

/* Prints every queued event of fd (which is non-blocking), one a line. */
static int dump(const char *what)
{
    char buf[8192] __attribute__((aligned(8)));
    int n = 0;
    uint32_t cookie = 0;
    printf("# %s\n", what);
    for (;;) {
        long len = read(ifd, buf, sizeof buf);
        if (len <= 0)
            break;
        for (long i = 0; i < len;) {
            struct inotify_event *e = (struct inotify_event *)(buf + i);
            const char *c = "0";
            if (e->cookie && e->cookie == cookie)
                c = "pair";
            else if (e->cookie)
                c = "new", cookie = e->cookie;
            printf("  %s %s%s%s cookie=%s\n", e->wd > 0 && e->wd < 64 && wd_names[e->wd] ? wd_names[e->wd] : "wd?",
                   mask_text(e->mask), e->len ? " " : "", e->len ? e->name : "", c);
            i += (long)sizeof *e + e->len;
            n++;
        }
    }
    fflush(stdout);
    return n;
}

static void touch(const char *p)
{
    int fd = open(p, O_WRONLY | O_CREAT, 0644);
    if (fd >= 0)
        close(fd);
}

static void errors(void)
{
    CHECK_EQ(raw_syscall(SYS_inotify_init1, 1, 0, 0), -EINVAL, "inotify_init1 with an unknown flag: EINVAL");
    int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    CHECK(fd >= 0, "inotify_init1(IN_CLOEXEC | IN_NONBLOCK)");
    CHECK_EQ(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC, "close-on-exec set");
    CHECK_EQ(fcntl(fd, F_GETFL) & (O_NONBLOCK | O_ACCMODE), O_NONBLOCK, "O_NONBLOCK, open for reading only");
    CHECK_EQ(raw_syscall(SYS_write, fd, "x", 1), -EBADF, "writing to it: EBADF");
    char buf[64];
    CHECK_EQ(raw_syscall(SYS_read, fd, buf, sizeof buf), -EAGAIN, "nothing to read: EAGAIN");
    int plain = (int)raw_syscall(SYS_inotify_init, 0, 0, 0);
    CHECK(plain >= 0 && !(fcntl(plain, F_GETFD) & FD_CLOEXEC) && !(fcntl(plain, F_GETFL) & O_NONBLOCK),
          "inotify_init: no flags");
    close(plain);

    CHECK_EQ(raw_syscall(SYS_inotify_add_watch, 99, D, IN_MODIFY), -EBADF, "add_watch on a closed fd: EBADF");
    int p[2];
    pipe(p);
    CHECK_EQ(raw_syscall(SYS_inotify_add_watch, p[0], D, IN_MODIFY), -EINVAL, "add_watch on a pipe: EINVAL");
    CHECK_EQ(raw_syscall(SYS_inotify_rm_watch, p[0], 1, 0), -EINVAL, "rm_watch on a pipe: EINVAL");
    close(p[0]);
    close(p[1]);
    CHECK_EQ(raw_syscall(SYS_inotify_add_watch, fd, D, 0), -EINVAL, "an empty mask: EINVAL");
    CHECK_EQ(raw_syscall(SYS_inotify_add_watch, fd, D, IN_MODIFY | IN_MASK_ADD | IN_MASK_CREATE), -EINVAL,
             "IN_MASK_ADD with IN_MASK_CREATE: EINVAL");
    CHECK_EQ(raw_syscall(SYS_inotify_add_watch, fd, D "/nope", IN_MODIFY), -ENOENT, "a missing path: ENOENT");
    CHECK_EQ(raw_syscall(SYS_inotify_add_watch, fd, 1, IN_MODIFY), -EFAULT, "a bad path pointer: EFAULT");
    CHECK_EQ(raw_syscall(SYS_inotify_add_watch, fd, D "/f", IN_MODIFY | IN_ONLYDIR), -ENOTDIR,
             "IN_ONLYDIR on a file: ENOTDIR");
    int w1 = inotify_add_watch(fd, D "/f", IN_MODIFY);
    CHECK(w1 > 0, "a watch");
    CHECK_EQ(inotify_add_watch(fd, D "/hard", IN_ATTRIB), w1, "the same file by another name: the same wd");
    CHECK_EQ(raw_syscall(SYS_inotify_add_watch, fd, D "/f", IN_MODIFY | IN_MASK_CREATE), -EEXIST,
             "IN_MASK_CREATE on a watched file: EEXIST");
    int w2 = inotify_add_watch(fd, D "/link", IN_MODIFY | IN_DONT_FOLLOW);
    CHECK_EQ(w2, w1 + 1, "the link itself (IN_DONT_FOLLOW): the next wd");
    CHECK_EQ(inotify_add_watch(fd, D "/link", IN_MODIFY), w1, "following it: the file's wd");
    CHECK_EQ(inotify_rm_watch(fd, w2), 0, "rm_watch");
    CHECK_EQ(raw_syscall(SYS_inotify_rm_watch, fd, w2, 0), -EINVAL, "rm_watch again: EINVAL");
    CHECK_EQ(raw_syscall(SYS_inotify_rm_watch, fd, 12345, 0), -EINVAL, "an unknown wd: EINVAL");
    CHECK_EQ(raw_syscall(SYS_inotify_rm_watch, 99, w1, 0), -EBADF, "rm_watch on a closed fd: EBADF");
    int w3 = inotify_add_watch(fd, D "/link", IN_MODIFY | IN_DONT_FOLLOW);
    CHECK_EQ(w3, w2 + 1, "descriptors are not reused at once");
    CHECK_EQ(raw_syscall(SYS_read, fd, buf, 8), -EINVAL, "a buffer smaller than one event: EINVAL");
    int avail = -1;
    CHECK_EQ(ioctl(fd, FIONREAD, &avail), 0, "FIONREAD");
    CHECK_EQ(avail, 16, "one IN_IGNORED queued: 16 bytes");
    CHECK_EQ(read(fd, buf, sizeof buf), 16, "read it");
    struct inotify_event *e = (struct inotify_event *)buf;
    CHECK(e->wd == w2 && e->mask == IN_IGNORED && e->len == 0 && e->cookie == 0, "IN_IGNORED for the removed wd");
    close(fd);
}

static void file_events(void)
{
    int w = inotify_add_watch(ifd, D "/f", IN_ALL_EVENTS);
    name_wd(w, "f");
    char buf[64];
    chmod(D "/f", 0600);
    int fd = open(D "/f", O_RDONLY);
    read(fd, buf, sizeof buf);
    read(fd, buf, sizeof buf); /* end of file: no event */
    close(fd);
    fd = open(D "/f", O_RDWR | O_CREAT, 0644);
    write(fd, "hello", 5);
    write(fd, "hello", 5); /* the same event again: coalesced */
    lseek(fd, 0, SEEK_SET);
    read(fd, buf, 2);
    write(fd, "x", 1);
    ftruncate(fd, 1);
    close(fd);
    fd = open(D "/f", O_PATH);
    close(fd); /* O_PATH: no events */
    fd = open(D "/f", O_WRONLY | O_TRUNC);
    close(fd);
    struct timeval tv[2] = {{1, 0}, {2, 0}};
    utimes(D "/f", tv);
    setxattr(D "/f", "user.x", "1", 1, 0);
    chown(D "/f", 0, 0);
    dump("a watched file: chmod, read, write, truncate, O_TRUNC, utimes, setxattr, chown");
    inotify_rm_watch(ifd, w);
    dump("its watch removed");
    chmod(D "/f", 0644);
    CHECK_EQ(dump("after rm_watch"), 0, "no events after rm_watch");
}

static void dir_events(void)
{
    int w = inotify_add_watch(ifd, D, IN_ALL_EVENTS);
    name_wd(w, "dir");
    touch(D "/new");
    mkdir(D "/sub", 0755);
    symlink("new", D "/sym");
    mknod(D "/fifo", S_IFIFO | 0644, 0);
    link(D "/new", D "/new2");
    chmod(D "/new", 0600);
    chmod(D "/sub", 0700);
    chmod(D, 0755);
    rename(D "/new", D "/renamed");
    rename(D "/renamed", D "/new2"); /* over another name of the same file: nothing */
    rename(D "/renamed", D "/sub/moved");
    rename(D "/sub/moved", D "/back");
    int fd = open(D "/back", O_WRONLY);
    write(fd, "z", 1);
    close(fd);
    fd = open(D, O_RDONLY | O_DIRECTORY);
    char dents[4096];
    while (syscall(SYS_getdents64, fd, dents, sizeof dents) > 0)
        ;
    close(fd);
    unlink(D "/sym");
    unlink(D "/fifo");
    unlink(D "/new2");
    unlink(D "/back");
    rmdir(D "/sub");
    dump("a watched directory: create, mkdir, symlink, mknod, link, chmod, rename, write, list, unlink, rmdir");

    /* Its children watched too: each event twice, the directory's first. */
    touch(D "/c");
    mkdir(D "/cd", 0755);
    int wc = inotify_add_watch(ifd, D "/c", IN_ALL_EVENTS);
    name_wd(wc, "c");
    int wcd = inotify_add_watch(ifd, D "/cd", IN_ALL_EVENTS);
    name_wd(wcd, "cd");
    chmod(D "/c", 0600);
    chmod(D "/cd", 0700);
    touch(D "/other");
    rename(D "/other", D "/c"); /* over a watched file */
    unlink(D "/c");
    rename(D "/cd", D "/cd2");
    rmdir(D "/cd2");
    dump("directory and children watched: chmod, rename over, unlink, move, rmdir");
    inotify_rm_watch(ifd, w);
    dump("the directory's watch removed");
}

static void deleted_while_open(void)
{
    touch(D "/open");
    int w = inotify_add_watch(ifd, D "/open", IN_ALL_EVENTS);
    name_wd(w, "open");
    int fd = open(D "/open", O_RDWR);
    unlink(D "/open");
    dump("unlinked while open: no IN_DELETE_SELF yet");
    write(fd, "a", 1);
    close(fd);
    dump("closed: now it is gone");

    /* IN_EXCL_UNLINK: no events about it once unlinked. */
    int wd = inotify_add_watch(ifd, D, IN_MODIFY | IN_CLOSE | IN_EXCL_UNLINK);
    name_wd(wd, "dir-excl");
    touch(D "/x");
    fd = open(D "/x", O_RDWR);
    write(fd, "1", 1);
    unlink(D "/x");
    write(fd, "2", 1);
    close(fd);
    dump("IN_EXCL_UNLINK: the write after unlink, and the close, are not reported");
    inotify_rm_watch(ifd, wd);
    dump("");
}

static void watch_flags(void)
{
    touch(D "/o");
    int w = inotify_add_watch(ifd, D "/o", IN_ATTRIB | IN_ONESHOT);
    name_wd(w, "oneshot");
    chmod(D "/o", 0600);
    chmod(D "/o", 0644);
    dump("IN_ONESHOT: one event, then IN_IGNORED");
    w = inotify_add_watch(ifd, D "/o", IN_ATTRIB);
    name_wd(w, "o");
    CHECK_EQ(inotify_add_watch(ifd, D "/o", IN_OPEN | IN_MASK_ADD), w, "IN_MASK_ADD keeps the wd");
    chmod(D "/o", 0600);
    close(open(D "/o", O_RDONLY));
    dump("IN_MASK_ADD: both IN_ATTRIB and IN_OPEN");
    CHECK_EQ(inotify_add_watch(ifd, D "/o", IN_OPEN), w, "replacing the mask keeps the wd");
    chmod(D "/o", 0644);
    close(open(D "/o", O_RDONLY));
    dump("replaced: IN_OPEN only");
    inotify_rm_watch(ifd, w);
    unlink(D "/o");
    dump("");
}

static void readiness(void)
{
    touch(D "/r");
    int fd = inotify_init1(0);
    int w = inotify_add_watch(fd, D "/r", IN_ATTRIB | IN_OPEN);
    struct pollfd pf = {fd, POLLIN, 0};
    CHECK_EQ(poll(&pf, 1, 0), 0, "poll: not ready while empty");
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = 7}, out;
    CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev), 0, "epoll_ctl ADD an inotify fd");
    CHECK_EQ(epoll_wait(ep, &out, 1, 0), 0, "epoll: not ready");
    chmod(D "/r", 0600);
    CHECK_EQ(poll(&pf, 1, 0), 1, "poll: ready after an event");
    CHECK_EQ(pf.revents, POLLIN, "POLLIN");
    CHECK_EQ(epoll_wait(ep, &out, 1, 0), 1, "epoll: ready");
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(fd, &rs);
    struct timeval tv = {0, 0};
    CHECK_EQ(select(fd + 1, &rs, NULL, NULL, &tv), 1, "select: ready");
    char buf[256];
    CHECK_EQ(read(fd, buf, sizeof buf), 16, "read the event");

    /* A reader blocked in read() wakes when a child makes an event. */
    pid_t pid = xfork();
    if (pid == 0) {
        msleep(100);
        close(open(D "/r", O_RDONLY));
        _exit(0);
    }
    long n = read(fd, buf, sizeof buf);
    struct inotify_event *e = (struct inotify_event *)buf;
    CHECK(n == 16 && e->wd == w && e->mask == IN_OPEN, "a blocked read wakes with the child's IN_OPEN");
    child_status(pid);
    /* Two events, room for one: one is returned, the other stays. */
    chmod(D "/r", 0644);
    close(open(D "/r", O_RDONLY));
    int avail = 0;
    ioctl(fd, FIONREAD, &avail);
    CHECK_EQ(avail, 32, "FIONREAD: two events");
    CHECK_EQ(read(fd, buf, 20), 16, "a 20-byte read takes one whole event");
    CHECK_EQ(read(fd, buf, sizeof buf), 16, "the next read the other");
    close(ep);
    close(fd);
    unlink(D "/r");
}

static void overflow(void)
{
    touch(D "/q");
    int fd = inotify_init1(IN_NONBLOCK);
    FILE *f = fopen("/proc/sys/fs/inotify/max_queued_events", "r");
    int max = 0;
    CHECK(f && fscanf(f, "%d", &max) == 1, "read max_queued_events");
    if (f)
        fclose(f);
    inotify_add_watch(fd, D "/q", IN_ACCESS | IN_MODIFY);
    int q = open(D "/q", O_RDWR);
    char c = 'x';
    for (int i = 0; i < max / 2 + 10; i++) {
        pwrite(q, &c, 1, 0);
        pread(q, &c, 1, 0);
    }
    close(q);
    static char buf[65536];
    long total = 0, n, events = 0;
    struct inotify_event last = {0};
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (long i = 0; i < n; i += (long)sizeof(struct inotify_event)) {
            last = *(struct inotify_event *)(buf + i);
            events++;
        }
        total += n;
    }
    CHECK_EQ(events, max + 1, "max_queued_events events, then one more");
    CHECK(last.mask == IN_Q_OVERFLOW && last.wd == -1 && last.len == 0, "the last: IN_Q_OVERFLOW, wd -1");
    close(fd);
    unlink(D "/q");
}

static void fdinfo(void)
{
    touch(D "/i");
    int fd = inotify_init1(0);
    int w = inotify_add_watch(fd, D "/i", IN_MODIFY | IN_ONESHOT | IN_EXCL_UNLINK);
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "open /proc/self/fdinfo/N");
    unsigned wd = 0, mask = 0;
    int found = 0, flags_ok = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned fl;
        if (sscanf(line, "flags: %o", &fl) == 1)
            flags_ok = (fl & O_ACCMODE) == O_RDONLY;
        if (sscanf(line, "inotify wd:%x ino:%*x sdev:%*x mask:%x", &wd, &mask) == 2)
            found++;
    }
    if (f)
        fclose(f);
    CHECK(flags_ok, "fdinfo: flags, open for reading");
    CHECK_EQ(found, 1, "fdinfo: one watch line");
    CHECK_EQ(wd, w, "its wd");
    CHECK_EQ(mask, IN_MODIFY | IN_ONESHOT | IN_EXCL_UNLINK, "its mask with the flags");
    close(fd);
    unlink(D "/i");
}

static void limits(void)
{
    FILE *f = fopen("/proc/sys/fs/inotify/max_user_instances", "r");
    int old = 0;
    CHECK(f && fscanf(f, "%d", &old) == 1 && old == 128, "max_user_instances is 128");
    if (f)
        fclose(f);
    f = fopen("/proc/sys/fs/inotify/max_user_instances", "w");
    CHECK(f && fprintf(f, "3\n") > 0 && fclose(f) == 0, "set it to 3");
    int fds[4];
    for (int i = 0; i < 3; i++)
        fds[i] = inotify_init();
    CHECK(fds[0] >= 0 && fds[1] >= 0 && fds[2] >= 0, "three instances");
    CHECK_EQ(raw_syscall(SYS_inotify_init, 0, 0, 0), -EMFILE, "a fourth: EMFILE");
    close(fds[2]);
    fds[2] = inotify_init();
    CHECK(fds[2] >= 0, "after one closes, another");
    f = fopen("/proc/sys/fs/inotify/max_user_watches", "w");
    CHECK(f && fprintf(f, "2\n") > 0 && fclose(f) == 0, "max_user_watches 2");
    touch(D "/l1");
    touch(D "/l2");
    CHECK(inotify_add_watch(fds[0], D "/l1", IN_OPEN) > 0 && inotify_add_watch(fds[1], D "/l2", IN_OPEN) > 0,
          "two watches, in two instances");
    CHECK_EQ(raw_syscall(SYS_inotify_add_watch, fds[2], D, IN_OPEN), -ENOSPC, "a third: ENOSPC");
    CHECK(inotify_add_watch(fds[0], D "/l1", IN_ATTRIB) > 0, "changing a watch is not a new one");
    f = fopen("/proc/sys/fs/inotify/max_user_instances", "w");
    CHECK_EQ(fprintf(f, "-1\n") < 0 || fclose(f) != 0, 1, "writing -1: refused");
    f = fopen("/proc/sys/fs/inotify/max_user_watches", "w");
    fprintf(f, "8192\n");
    fclose(f);
    f = fopen("/proc/sys/fs/inotify/max_user_instances", "w");
    fprintf(f, "%d\n", old);
    fclose(f);
    for (int i = 0; i < 3; i++)
        close(fds[i]);
    f = fopen("/proc/sys/fs/inotify/max_queued_events", "w");
    fprintf(f, "5\n");
    fclose(f);
    int fd = inotify_init1(IN_NONBLOCK);
    f = fopen("/proc/sys/fs/inotify/max_queued_events", "w");
    fprintf(f, "16384\n");
    fclose(f);
    inotify_add_watch(fd, D "/l1", IN_ATTRIB | IN_OPEN);
    for (int i = 0; i < 5; i++) {
        chmod(D "/l1", 0600);
        close(open(D "/l1", O_RDONLY));
    }
    char buf[1024];
    CHECK_EQ(read(fd, buf, sizeof buf), 6 * 16, "a limit of 5 events taken at inotify_init: 5 and the overflow");
    close(fd);

    /* Instances with watches and queued events come and go: no memory kept. */
    struct sysinfo before, after;
    for (int round = 0; round < 4; round++) {
        if (round == 1)
            sysinfo(&before);
        for (int i = 0; i < 50; i++) {
            fd = inotify_init();
            inotify_add_watch(fd, D "/l1", IN_ATTRIB);
            inotify_add_watch(fd, D, IN_ALL_EVENTS);
            chmod(D "/l1", 0600 | (i & 1));
            close(fd);
        }
    }
    sysinfo(&after);
    CHECK((long)after.freeram >= (long)before.freeram - 16 * 1024, "150 instances with events: no memory kept");
    unlink(D "/l1");
    unlink(D "/l2");
}

int main(int argc, char **argv)
{
    mkdir(D, 0755);
    touch(D "/f");
    link(D "/f", D "/hard");
    symlink("f", D "/link");
    if (argc > 1 && !strcmp(argv[1], "limits")) {
        limits();
    } else {
        errors();
        ifd = inotify_init1(IN_NONBLOCK);
        file_events();
        dir_events();
        deleted_while_open();
        watch_flags();
        close(ifd);
        readiness();
        overflow();
        fdinfo();
    }
    unlink(D "/link");
    unlink(D "/hard");
    unlink(D "/f");
    rmdir(D);
    return tt_done();
}
