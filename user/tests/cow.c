/*
 * cow.c - fork gives the child a copy of the address space (copy-on-write
 * underneath): each side sees only its own writes to globals, .bss, the
 * heap, the stack, private mappings (anonymous and file) and brk, while
 * MAP_SHARED mappings stay shared. Read-only pages stay read-only in the
 * child, and the child's munmap/mprotect do not touch the parent.
 *
 * Parent and child hand control back and forth over two pipes, so every
 * check runs at a known point.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tt.h"

#define PG 4096
enum { HEAP_PAGES = 64, PRIV_PAGES = 4 };

static int g_data = 1;       /* .data */
static char g_bss[3 * PG];   /* .bss */

static int p2c[2], c2p[2];
static void give(int fd) { write(fd, "x", 1); }
static void take(int fd)
{
    char ch;
    while (read(fd, &ch, 1) < 0 && errno == EINTR)
        ;
}

static int all_bytes(const char *p, size_t n, char v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return 0;
    return 1;
}

/* Fill one byte per page (and the ends) so every page is touched. */
static void fill_pages(char *p, size_t npages, char v)
{
    for (size_t i = 0; i < npages; i++) {
        p[i * PG] = v;
        p[i * PG + PG - 1] = v;
        p[i * PG + 1234] = v;
    }
}
static int pages_are(const char *p, size_t npages, char v)
{
    for (size_t i = 0; i < npages; i++)
        if (p[i * PG] != v || p[i * PG + PG - 1] != v || p[i * PG + 1234] != v)
            return 0;
    return 1;
}

static int open_self(const char *argv0)
{
    int fd = open(argv0, O_RDONLY);
    if (fd < 0)
        fd = open("/proc/self/exe", O_RDONLY); /* the host: argv[0] is /bin/NAME, not a real file */
    return fd;
}

int main(int argc, char **argv)
{
    (void)argc;
    char stackbuf[2 * PG];
    char *heap = malloc(HEAP_PAGES * PG);
    char *priv = mmap(NULL, PRIV_PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *untouched = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *readonce = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *shared = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(heap && priv != MAP_FAILED && untouched != MAP_FAILED && readonce != MAP_FAILED && shared != MAP_FAILED,
          "heap, private, and shared mappings");
    if (!heap || priv == MAP_FAILED || untouched == MAP_FAILED || readonce == MAP_FAILED || shared == MAP_FAILED)
        return tt_done();
    int fd = open_self(argv[0]);
    char *fmap = fd >= 0 ? mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    CHECK(fmap != MAP_FAILED, "private writable mapping of our own ELF file");
    if (fmap == MAP_FAILED)
        return tt_done();
    volatile char sink = readonce[100]; /* read, never written: maps the zero page */
    (void)sink;

    g_data = 1;
    memset(g_bss, 'P', sizeof g_bss);
    memset(stackbuf, 'P', sizeof stackbuf);
    fill_pages(heap, HEAP_PAGES, 'P');
    memset(priv, 'P', PRIV_PAGES * PG);
    memset(shared, 0, PG);
    long brk0 = raw_syscall(SYS_brk, 0, 0, 0);

    pipe(p2c);
    pipe(c2p);
    pid_t c = xfork();
    if (c == 0) {
        /* Child: write everything, let the parent look, then check ours survived the parent's writes. */
        int bad = 0;
        g_data = 2;
        memset(g_bss, 'C', sizeof g_bss);
        memset(stackbuf, 'C', sizeof stackbuf);
        fill_pages(heap, HEAP_PAGES, 'C');
        memset(priv, 'C', PRIV_PAGES * PG);
        untouched[0] = 'C';
        untouched[PG] = 'C';
        readonce[100] = 'C';
        fmap[0] = 'C';
        shared[0] = 'C';
        long b = raw_syscall(SYS_brk, brk0 + 5 * PG, 0, 0);
        if (b == brk0 + 5 * PG)
            memset((char *)brk0, 'C', 5 * PG);
        give(c2p[1]);
        take(p2c[0]); /* the parent has checked and written its own values */
        if (g_data != 2)
            bad |= 1;
        if (!all_bytes(g_bss, sizeof g_bss, 'C'))
            bad |= 2;
        if (!all_bytes(stackbuf, sizeof stackbuf, 'C'))
            bad |= 4;
        if (!pages_are(heap, HEAP_PAGES, 'C'))
            bad |= 8;
        if (!all_bytes(priv, PRIV_PAGES * PG, 'C'))
            bad |= 16;
        if (untouched[0] != 'C' || untouched[PG] != 'C' || readonce[100] != 'C' || fmap[0] != 'C')
            bad |= 32;
        if (shared[0] != 'P' || shared[1] != 'p')
            bad |= 64; /* the parent's writes to the shared page are visible */
        _exit(bad);
    }
    take(c2p[0]); /* the child has written everything */
    CHECK(c > 0, "fork");
    CHECK_EQ(g_data, 1, "parent's .data global unchanged by the child's write");
    CHECK(all_bytes(g_bss, sizeof g_bss, 'P'), "parent's .bss unchanged");
    CHECK(all_bytes(stackbuf, sizeof stackbuf, 'P'), "parent's stack buffer unchanged");
    CHECK(pages_are(heap, HEAP_PAGES, 'P'), "parent's 64 heap pages unchanged");
    CHECK(all_bytes(priv, PRIV_PAGES * PG, 'P'), "parent's MAP_PRIVATE pages unchanged");
    CHECK(untouched[0] == 0 && untouched[PG] == 0, "pages never touched before fork are still zero in the parent");
    CHECK(readonce[100] == 0, "a page only read before fork (zero page) is still zero in the parent");
    CHECK(fmap[0] == 0x7f && fmap[1] == 'E', "parent's private file mapping still shows the file");
    CHECK(shared[0] == 'C', "MAP_SHARED|MAP_ANONYMOUS: the parent sees the child's write");
    CHECK_EQ(raw_syscall(SYS_brk, 0, 0, 0), brk0, "the child's brk does not move the parent's");
    /* Now the parent writes; the child must not see it (except in the shared page). */
    g_data = 3;
    memset(g_bss, 'Q', sizeof g_bss);
    memset(stackbuf, 'Q', sizeof stackbuf);
    fill_pages(heap, HEAP_PAGES, 'Q');
    memset(priv, 'Q', PRIV_PAGES * PG);
    untouched[0] = 'Q';
    readonce[100] = 'Q';
    fmap[0] = 'Q';
    shared[0] = 'P';
    shared[1] = 'p';
    give(p2c[1]);
    int st = child_status(c);
    CHECK(st == 0, "the child still sees its own values after the parent's writes, and the parent's shared write");
    if (st != 0)
        printf("# child status %#x\n", st);
    CHECK(g_data == 3 && all_bytes(g_bss, sizeof g_bss, 'Q') && pages_are(heap, HEAP_PAGES, 'Q') &&
              all_bytes(priv, PRIV_PAGES * PG, 'Q') && stackbuf[0] == 'Q' && fmap[0] == 'Q',
          "the parent keeps its own writes after the child exits");
    close(p2c[0]);
    close(p2c[1]);
    close(c2p[0]);
    close(c2p[1]);

    /* A read-only page stays read-only in the child: writing it is SIGSEGV, not a copy. */
    {
        char *ro = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        ro[0] = 'R';
        mprotect(ro, PG, PROT_READ);
        pid_t k = xfork();
        if (k == 0) {
            *(volatile char *)ro = 'W';
            _exit(0);
        }
        int s = child_status(k);
        CHECK(s >= 0 && WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV, "child writing a read-only page dies of SIGSEGV");
        CHECK(ro[0] == 'R', "and the parent's read-only page keeps its value");
        /* The text segment too: COW must not make it writable. */
        k = xfork();
        if (k == 0) {
            *(volatile char *)main = 0;
            _exit(0);
        }
        s = child_status(k);
        CHECK(s >= 0 && WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV, "child writing its text dies of SIGSEGV");
    }

    /* The child's munmap and mprotect do not touch the parent's mappings. */
    {
        memset(priv, 'M', PRIV_PAGES * PG);
        pid_t k = xfork();
        if (k == 0) {
            int r = munmap(priv, 2 * PG) | mprotect(priv + 2 * PG, 2 * PG, PROT_NONE) | munmap(shared, PG);
            _exit(r == 0 ? 0 : 1);
        }
        int s = child_status(k);
        CHECK(s == 0, "child unmaps and protects its copies");
        CHECK(all_bytes(priv, PRIV_PAGES * PG, 'M'), "the parent's pages are still mapped and readable");
        priv[PRIV_PAGES * PG - 1] = 'm';
        shared[2] = 's';
        CHECK(priv[PRIV_PAGES * PG - 1] == 'm' && shared[2] == 's', "and writable");
    }

    /* Three generations: each sees its own writes; the shared page is shared by all. */
    {
        memset(priv, 'A', PG);
        memset(shared, 0, PG);
        pipe(p2c);
        pid_t k = xfork();
        if (k == 0) {
            memset(priv, 'B', PG);
            pid_t g = fork();
            if (g == 0) {
                int bad = priv[0] != 'B';
                memset(priv, 'G', PG);
                shared[0] = 'G';
                _exit(bad);
            }
            int s;
            int bad = waitpid(g, &s, 0) != g || s != 0;
            bad |= (priv[0] != 'B' || priv[PG - 1] != 'B' || shared[0] != 'G') << 1;
            shared[1] = 'B';
            _exit(bad);
        }
        int s = child_status(k);
        CHECK(s == 0, "child and grandchild each keep their own copy of a page");
        CHECK(priv[0] == 'A' && shared[0] == 'G' && shared[1] == 'B',
              "the grandparent keeps its copy and sees both in the shared page");
        close(p2c[0]);
        close(p2c[1]);
    }

    /* Ten children add to a shared counter; private counters stay private. */
    {
        volatile long *counter = (volatile long *)shared;
        static long private_counter;
        *counter = 0;
        private_counter = 0;
        pid_t kids[10];
        for (int i = 0; i < 10; i++) {
            kids[i] = xfork();
            if (kids[i] == 0) {
                for (int j = 0; j < 1000; j++) {
                    __sync_fetch_and_add(counter, 1);
                    private_counter++;
                }
                _exit(private_counter == 1000 ? 0 : 1);
            }
        }
        int bad = 0;
        for (int i = 0; i < 10; i++)
            bad += child_status(kids[i]) != 0;
        CHECK(bad == 0 && *counter == 10000 && private_counter == 0,
              "ten children each add 1000 to a shared counter (10000) and to a private one (parent's stays 0)");
    }

    /* Many forks of a big dirty address space, each child checking and dirtying it. */
    {
        fill_pages(heap, HEAP_PAGES, 'H');
        int bad = 0;
        for (int i = 0; i < 20; i++) {
            pid_t k = xfork();
            if (k == 0) {
                int ok = pages_are(heap, HEAP_PAGES, 'H');
                fill_pages(heap, HEAP_PAGES, (char)i);
                _exit(ok && pages_are(heap, HEAP_PAGES, (char)i) ? 0 : 1);
            }
            bad += child_status(k) != 0;
        }
        CHECK(bad == 0 && pages_are(heap, HEAP_PAGES, 'H'), "20 children each see and then privately rewrite 64 heap pages");
    }

    reap_all();
    return tt_done();
}
