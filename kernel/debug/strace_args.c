/*
 * strace_args.c - prints arguments and results as strace(1) 6.x does by
 * default: strings quoted with C escapes (octal for other bytes), cut at
 * 32 bytes with "..." after the quote, paths whole, flag sets as
 * NAME|NAME with what is left in hex, signals and errno values by name.
 * Values Linux defines that uapi/ has no use for yet are written here
 * as numbers with their names.
 */
#include "debug/strace_args.h"

#include <stdarg.h>
#include <stdbool.h>

#include "debug/strace_table.h"
#include "lib/format.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/errno_list.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"
#include "uapi/signal_list.h"

#define STRSIZE 32   /* strace's default -s: bytes of a string or buffer shown */
#define PATHSIZE 256 /* a longer path is shown cut, with "..." */
#define ARGVMAX 32   /* argv elements shown */

/* The kernel's own restart codes (proc/signal.h), seen on the way out of
 * an interrupted call before signal delivery turns them into EINTR or a
 * restart; strace names them the same way. */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ERESTART_RESTARTBLOCK 516

void strace_printf(struct strace_buf *b, const char *fmt, ...)
{
    if (b->len + 1 >= b->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        b->len += (size_t)n < b->cap - b->len ? (size_t)n : b->cap - b->len - 1;
}

static void put_char(struct strace_buf *b, char c)
{
    if (b->len + 1 < b->cap) {
        b->s[b->len++] = c;
        b->s[b->len] = '\0';
    }
}

static void print_addr(struct strace_buf *b, uint64_t v)
{
    if (v)
        strace_printf(b, "%#lx", v);
    else
        strace_printf(b, "NULL");
}

static void print_hex(struct strace_buf *b, uint64_t v)
{
    if (v)
        strace_printf(b, "%#lx", v);
    else
        put_char(b, '0');
}

/* strace's string_quote: \t \n \v \f \r \" \\ and printable ASCII as
 * they are, other bytes in octal, three digits only when an octal digit
 * follows (so the escape cannot swallow it). */
static void print_quoted(struct strace_buf *b, const char *s, size_t n)
{
    put_char(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\v' ? "\\v" : c == '\f' ? "\\f"
                        : c == '\r' ? "\\r" : c == '"' ? "\\\"" : c == '\\' ? "\\\\" : NULL;
        if (esc)
            strace_printf(b, "%s", esc);
        else if (c >= 0x20 && c < 0x7f)
            put_char(b, (char)c);
        else if (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7')
            strace_printf(b, "\\%03o", c);
        else
            strace_printf(b, "\\%o", c);
    }
    put_char(b, '"');
}

/* A NUL-terminated user string of at most max bytes shown; a longer one
 * is cut, with "..."; a bad pointer prints as an address. */
static void print_ustring(struct strace_buf *b, uint64_t u, size_t max)
{
    char buf[PATHSIZE + 1];
    if (!u) {
        strace_printf(b, "NULL");
        return;
    }
    long n = strncpy_from_user(buf, u, max + 1);
    if (n == -ENAMETOOLONG) {
        print_quoted(b, buf, max);
        strace_printf(b, "...");
    } else if (n < 0) {
        print_addr(b, u);
    } else {
        print_quoted(b, buf, (size_t)n);
    }
}

/* n bytes of user memory, the first STRSIZE shown. */
static void print_ubuf(struct strace_buf *b, uint64_t u, uint64_t n)
{
    char buf[STRSIZE];
    size_t k = n < STRSIZE ? (size_t)n : STRSIZE;
    if (copy_from_user(buf, u, k)) {
        print_addr(b, u);
        return;
    }
    print_quoted(b, buf, k);
    if (n > STRSIZE)
        strace_printf(b, "...");
}

struct flag_name {
    uint64_t value;
    const char *name;
};
#define FLAG(f) {f, #f}

/* Names every flag of v found in names (each consumed once seen), then
 * the rest in hex; "0" (or zero_name) for nothing. */
static void print_flags(struct strace_buf *b, uint64_t v, const struct flag_name *names, size_t count,
                        const char *zero_name)
{
    if (!v) {
        strace_printf(b, "%s", zero_name ? zero_name : "0");
        return;
    }
    bool first = true;
    for (size_t i = 0; i < count; i++) {
        if (names[i].value && (v & names[i].value) == names[i].value) {
            strace_printf(b, "%s%s", first ? "" : "|", names[i].name);
            v &= ~names[i].value;
            first = false;
        }
    }
    if (v)
        strace_printf(b, "%s%#lx", first ? "" : "|", v);
}

#define O_SYNC 04010000 /* __O_SYNC | O_DSYNC */
static const struct flag_name open_flags[] = {
    FLAG(O_CREAT),     FLAG(O_EXCL),      FLAG(O_NOCTTY),  FLAG(O_TRUNC),    FLAG(O_APPEND),
    FLAG(O_NONBLOCK),  FLAG(O_SYNC),      FLAG(O_DSYNC),   FLAG(O_ASYNC),    FLAG(O_DIRECT),
    FLAG(O_LARGEFILE), FLAG(O_TMPFILE),   FLAG(O_DIRECTORY), FLAG(O_NOFOLLOW), FLAG(O_NOATIME),
    FLAG(O_CLOEXEC),   FLAG(O_PATH),
};

static void print_open_flags(struct strace_buf *b, uint64_t v)
{
    static const char *const access[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
    uint32_t f = (uint32_t)v;
    strace_printf(b, "%s", access[f & O_ACCMODE]);
    f &= ~(uint32_t)O_ACCMODE;
    if (f) {
        put_char(b, '|');
        print_flags(b, f, open_flags, sizeof open_flags / sizeof open_flags[0], NULL);
    }
}

static const struct flag_name prot_flags[] = {
    FLAG(PROT_READ), FLAG(PROT_WRITE), FLAG(PROT_EXEC), {0x8, "PROT_SEM"},
    {0x01000000, "PROT_GROWSDOWN"}, {0x02000000, "PROT_GROWSUP"},
};

static const struct flag_name map_flags[] = {
    FLAG(MAP_FIXED),     FLAG(MAP_ANONYMOUS), {0x40, "MAP_32BIT"},  FLAG(MAP_GROWSDOWN), FLAG(MAP_DENYWRITE),
    FLAG(MAP_EXECUTABLE), FLAG(MAP_LOCKED),   FLAG(MAP_NORESERVE), FLAG(MAP_POPULATE), FLAG(MAP_NONBLOCK),
    FLAG(MAP_STACK),     FLAG(MAP_HUGETLB),   {0x80000, "MAP_SYNC"}, FLAG(MAP_FIXED_NOREPLACE),
};

static void print_map_flags(struct strace_buf *b, uint64_t v)
{
    static const char *const types[] = {[MAP_SHARED] = "MAP_SHARED", [MAP_PRIVATE] = "MAP_PRIVATE",
                                        [MAP_SHARED_VALIDATE] = "MAP_SHARED_VALIDATE"};
    uint32_t f = (uint32_t)v, type = f & MAP_TYPE;
    if (type < sizeof types / sizeof types[0] && types[type])
        strace_printf(b, "%s", types[type]);
    else
        strace_printf(b, "%#x", type);
    f &= ~(uint32_t)MAP_TYPE;
    if (f) {
        put_char(b, '|');
        print_flags(b, f, map_flags, sizeof map_flags / sizeof map_flags[0], NULL);
    }
}

static const struct flag_name at_flags[] = {
    FLAG(AT_SYMLINK_NOFOLLOW), FLAG(AT_REMOVEDIR), FLAG(AT_SYMLINK_FOLLOW), {0x800, "AT_NO_AUTOMOUNT"},
    FLAG(AT_EMPTY_PATH), {0x2000, "AT_STATX_FORCE_SYNC"}, {0x4000, "AT_STATX_DONT_SYNC"}, {0x8000, "AT_RECURSIVE"},
};

static const struct flag_name wait_flags[] = {
    {1, "WNOHANG"}, {2, "WUNTRACED"}, {4, "WEXITED"}, {8, "WCONTINUED"}, {0x01000000, "WNOWAIT"},
    {0x20000000, "__WNOTHREAD"}, {0x40000000, "__WALL"}, {0x80000000, "__WCLONE"},
};

static const struct flag_name access_flags[] = {{4, "R_OK"}, {2, "W_OK"}, {1, "X_OK"}};

static void print_signal(struct strace_buf *b, uint64_t v)
{
#define NAME(sig) [sig] = #sig,
    static const char *const names[] = {SIGNAL_LIST(NAME)};
#undef NAME
    int sig = (int)v;
    if (sig > 0 && sig < (int)(sizeof names / sizeof names[0]))
        strace_printf(b, "%s", names[sig]);
    else if (sig >= 32 && sig <= 64)
        strace_printf(b, "SIGRT_%d", sig - 32);
    else
        strace_printf(b, "%d", sig);
}

static void print_named(struct strace_buf *b, uint64_t v, const char *const *names, size_t count)
{
    if (v < count && names[v])
        strace_printf(b, "%s", names[v]);
    else
        strace_printf(b, "%#lx /* ??? */", v);
}

static void print_fcntl_cmd(struct strace_buf *b, uint64_t v)
{
    static const char *const low[] = {"F_DUPFD", "F_GETFD", "F_SETFD", "F_GETFL", "F_SETFL", "F_GETLK", "F_SETLK",
                                      "F_SETLKW", "F_SETOWN", "F_GETOWN", "F_SETSIG", "F_GETSIG", NULL, NULL,
                                      NULL, "F_SETOWN_EX", "F_GETOWN_EX", NULL, NULL, NULL, NULL, NULL, NULL,
                                      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                      NULL, "F_OFD_GETLK", "F_OFD_SETLK", "F_OFD_SETLKW"};
    static const char *const high[] = {"F_SETLEASE", "F_GETLEASE", "F_NOTIFY", NULL, NULL, NULL,
                                       "F_DUPFD_CLOEXEC", "F_SETPIPE_SZ", "F_GETPIPE_SZ", "F_ADD_SEALS",
                                       "F_GET_SEALS"};
    uint32_t cmd = (uint32_t)v;
    if (cmd >= 1024 && cmd - 1024 < sizeof high / sizeof high[0] && high[cmd - 1024])
        strace_printf(b, "%s", high[cmd - 1024]);
    else if (cmd < sizeof low / sizeof low[0] && low[cmd])
        strace_printf(b, "%s", low[cmd]);
    else
        strace_printf(b, "%#x /* F_??? */", cmd);
}

/* The terminal requests programs make most (ioctl_tty(2)); others in hex. */
static void print_ioctl_cmd(struct strace_buf *b, uint32_t cmd)
{
    static const char *const tty[] = {"TCGETS", "TCSETS", "TCSETSW", "TCSETSF", "TCGETA", "TCSETA", "TCSETAW",
                                      "TCSETAF", "TCSBRK", "TCXONC", "TCFLSH", "TIOCEXCL", "TIOCNXCL",
                                      "TIOCSCTTY", "TIOCGPGRP", "TIOCSPGRP", "TIOCOUTQ", "TIOCSTI",
                                      "TIOCGWINSZ", "TIOCSWINSZ", "TIOCMGET", "TIOCMBIS", "TIOCMBIC",
                                      "TIOCMSET", "TIOCGSOFTCAR", "TIOCSSOFTCAR", "FIONREAD", "TIOCLINUX",
                                      "TIOCCONS", "TIOCGSERIAL", "TIOCSSERIAL", "TIOCPKT", "FIONBIO",
                                      "TIOCNOTTY", "TIOCSETD", "TIOCGETD", "TCSBRKP"};
    if (cmd >= 0x5401 && cmd - 0x5401 < sizeof tty / sizeof tty[0])
        strace_printf(b, "%s", tty[cmd - 0x5401]);
    else if (cmd == 0x5450 || cmd == 0x5451)
        strace_printf(b, "%s", cmd == 0x5450 ? "FIONCLEX" : "FIOCLEX");
    else
        strace_printf(b, "%#x", cmd);
}

/* execve's argv: the strings, at most ARGVMAX of them. */
static void print_argv(struct strace_buf *b, uint64_t u)
{
    if (!u) {
        strace_printf(b, "NULL");
        return;
    }
    put_char(b, '[');
    for (int i = 0;; i++) {
        uint64_t p;
        if (copy_from_user(&p, u + 8 * (uint64_t)i, sizeof p)) {
            strace_printf(b, "%s%#lx", i ? ", " : "", u + 8 * (uint64_t)i);
            break;
        }
        if (!p)
            break;
        if (i == ARGVMAX) {
            strace_printf(b, ", ...");
            break;
        }
        if (i)
            strace_printf(b, ", ");
        print_ustring(b, p, STRSIZE);
    }
    put_char(b, ']');
}

/* execve's envp, as strace shows it by default: the address and a count. */
static void print_envp(struct strace_buf *b, uint64_t u)
{
    print_addr(b, u);
    if (!u)
        return;
    int n = 0;
    uint64_t p = 1;
    while (n < 100000 && !copy_from_user(&p, u + 8 * (uint64_t)n, sizeof p) && p)
        n++;
    if (!p)
        strace_printf(b, " /* %d var%s */", n, n == 1 ? "" : "s");
}

int strace_print_arg(struct strace_buf *b, uint8_t kind, const uint64_t *arg, int i, long ret)
{
    uint64_t v = arg[i];
    switch (kind) {
    case K_INT:
    case K_FD:
        strace_printf(b, "%d", (int)v);
        break;
    case K_UINT:
        strace_printf(b, "%u", (unsigned)v);
        break;
    case K_LONG:
        strace_printf(b, "%ld", (long)v);
        break;
    case K_ULONG:
        strace_printf(b, "%lu", v);
        break;
    case K_HEX:
        print_hex(b, v);
        break;
    case K_PTR:
        print_addr(b, v);
        break;
    case K_DIRFD:
        if ((int)v == AT_FDCWD)
            strace_printf(b, "AT_FDCWD");
        else
            strace_printf(b, "%d", (int)v);
        break;
    case K_PATH:
        print_ustring(b, v, PATHSIZE);
        break;
    case K_STR:
        print_ustring(b, v, STRSIZE);
        break;
    case K_BUF_IN:
        print_ubuf(b, v, i < 5 ? arg[i + 1] : 0);
        break;
    case K_BUF_OUT:
        if (ret < 0)
            print_addr(b, v);
        else
            print_ubuf(b, v, (uint64_t)ret);
        break;
    case K_OPEN_FLAGS:
        print_open_flags(b, v);
        break;
    case K_OPEN_MODE:
        /* open(2) reads the mode only to create (O_CREAT, O_TMPFILE). */
        if (i == 0 || !(arg[i - 1] & (O_CREAT | __O_TMPFILE)))
            return 0;
        strace_printf(b, "%#03o", (unsigned)v & 07777);
        break;
    case K_MODE:
        strace_printf(b, "%#03o", (unsigned)v);
        break;
    case K_PROT:
        print_flags(b, v, prot_flags, sizeof prot_flags / sizeof prot_flags[0], "PROT_NONE");
        break;
    case K_MAP_FLAGS:
        print_map_flags(b, v);
        break;
    case K_AT_FLAGS:
        print_flags(b, (uint32_t)v, at_flags, sizeof at_flags / sizeof at_flags[0], NULL);
        break;
    case K_WAIT_OPTS:
        print_flags(b, (uint32_t)v, wait_flags, sizeof wait_flags / sizeof wait_flags[0], NULL);
        break;
    case K_SIG:
        print_signal(b, v);
        break;
    case K_SIGHOW: {
        static const char *const how[] = {"SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK"};
        print_named(b, (uint32_t)v, how, 3);
        break;
    }
    case K_WHENCE: {
        static const char *const whence[] = {"SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE"};
        print_named(b, (uint32_t)v, whence, 5);
        break;
    }
    case K_ACCESS:
        print_flags(b, (uint32_t)v, access_flags, 3, "F_OK");
        break;
    case K_ARGV:
        print_argv(b, v);
        break;
    case K_ENVP:
        print_envp(b, v);
        break;
    case K_FCNTL_CMD:
        print_fcntl_cmd(b, v);
        break;
    case K_FCNTL_ARG:
        /* The commands that take no argument show none. */
        switch ((uint32_t)arg[i - 1]) {
        case F_GETFD: case F_GETFL: case 9 /* F_GETOWN */: case 11 /* F_GETSIG */:
        case 1025 /* F_GETLEASE */: case F_GETPIPE_SZ: case F_GET_SEALS:
            return 0;
        }
        print_hex(b, v);
        break;
    case K_IOCTL_CMD:
        print_ioctl_cmd(b, (uint32_t)v);
        break;
    case K_CLOCK: {
        static const char *const clocks[] = {"CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
                                             "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW",
                                             "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME",
                                             "CLOCK_REALTIME_ALARM", "CLOCK_BOOTTIME_ALARM", NULL, "CLOCK_TAI"};
        if ((int)v < 0) /* a CPU-time clock of a pid or thread */
            strace_printf(b, "%d", (int)v);
        else
            print_named(b, (uint32_t)v, clocks, sizeof clocks / sizeof clocks[0]);
        break;
    }
    case K_ARCH_CODE: {
        static const char *const codes[] = {"ARCH_SET_GS", "ARCH_SET_FS", "ARCH_GET_FS", "ARCH_GET_GS"};
        uint32_t code = (uint32_t)v;
        if (code >= 0x1001 && code <= 0x1004)
            strace_printf(b, "%s", codes[code - 0x1001]);
        else if (code == 0x1011 || code == 0x1012)
            strace_printf(b, "%s", code == 0x1011 ? "ARCH_GET_CPUID" : "ARCH_SET_CPUID");
        else
            strace_printf(b, "%#x /* ARCH_??? */", code);
        break;
    }
    default:
        print_hex(b, v);
    }
    return 1;
}

static void print_errno(struct strace_buf *b, long err)
{
#define NAME(name, text) [name] = #name,
    static const char *const names[] = {ERRNO_LIST(NAME)};
#undef NAME
#define TEXT(name, text) [name] = text,
    static const char *const texts[] = {ERRNO_LIST(TEXT)};
#undef TEXT
    if (err > 0 && err < (long)(sizeof names / sizeof names[0]) && names[err])
        strace_printf(b, " = -1 %s (%s)", names[err], texts[err]);
    else if (err == ERESTARTSYS)
        strace_printf(b, " = ? ERESTARTSYS (To be restarted if SA_RESTART is set)");
    else if (err == ERESTARTNOINTR)
        strace_printf(b, " = ? ERESTARTNOINTR (To be restarted)");
    else if (err == ERESTARTNOHAND)
        strace_printf(b, " = ? ERESTARTNOHAND (To be restarted if no handler)");
    else if (err == ERESTART_RESTARTBLOCK)
        strace_printf(b, " = ? ERESTART_RESTARTBLOCK (Interrupted by signal)");
    else
        strace_printf(b, " = -1 E??? (errno %ld)", err);
}

void strace_print_ret(struct strace_buf *b, uint8_t ret_kind, const uint64_t *arg, long ret)
{
    /* strace lines its results up at column 40. */
    while (b->len < 39)
        put_char(b, ' ');
    if (ret_kind == R_NONE)
        strace_printf(b, " = ?");
    else if (ret < 0 && ret >= -4095)
        print_errno(b, -ret);
    else if (ret_kind == R_HEX)
        strace_printf(b, " = %#lx", (uint64_t)ret);
    else if (ret_kind == R_FCNTL && ret > 0 && (uint32_t)arg[1] == F_GETFD)
        strace_printf(b, " = %#lx (flags %s)", ret, ret == FD_CLOEXEC ? "FD_CLOEXEC" : "?");
    else if (ret_kind == R_FCNTL && (uint32_t)arg[1] == F_GETFL) {
        strace_printf(b, " = %#lx (flags ", ret);
        print_open_flags(b, (uint64_t)ret);
        strace_printf(b, ")");
    }
    else
        strace_printf(b, " = %ld", ret);
}
