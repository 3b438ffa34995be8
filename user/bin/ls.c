/* ls: list files and directories, in the output formats of GNU ls.
 *   -a  include names starting with '.'    -A  the same without . and ..
 *   -l  long format                        -1  one name per line
 *   -d  list directories themselves        -F  append a type indicator
 *   -i  inode numbers                      -h  human-readable sizes (-l)
 *   -r  reverse order                      -t  newest first
 *   -n  -l with numeric user and group IDs -R  list subdirectories recursively
 *   -S  largest first                      (-S and -t: the later one wins)
 * Names sort by byte value (the C locale). On a terminal the names go in
 * columns, down then across; otherwise one per line. Owners and groups
 * by name (/etc/passwd, /etc/group), numbers when unknown. Times are UTC. */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct entry {
    char *name;  /* as shown */
    char *link;  /* symlink target (-l), or NULL */
    struct stat st;
};

struct list {
    struct entry *v;
    size_t n, cap;
};

static bool opt_numeric; /* -n: -l with numeric user and group IDs */
static bool opt_all, opt_almost_all, opt_long, opt_one, opt_dir, opt_classify, opt_inode, opt_human,
    opt_reverse, opt_recursive;
static enum { SORT_NAME, SORT_TIME, SORT_SIZE } sort_by = SORT_NAME;
static int status;
static time_t now;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        err(2, NULL);
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

static void list_add(struct list *l, const char *name, const struct stat *st, char *link)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        struct entry *v = realloc(l->v, l->cap * sizeof *v);
        if (!v)
            err(2, NULL);
        l->v = v;
    }
    l->v[l->n++] = (struct entry){xstrdup(name), link, *st};
}

static void list_free(struct list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].name);
        free(l->v[i].link);
    }
    free(l->v);
    *l = (struct list){0};
}

static int compare(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = 0;
    if (sort_by == SORT_SIZE && x->st.st_size != y->st.st_size)
        c = x->st.st_size > y->st.st_size ? -1 : 1;
    if (sort_by == SORT_TIME) {
        const struct timespec *tx = &x->st.st_mtim, *ty = &y->st.st_mtim;
        if (tx->tv_sec != ty->tv_sec)
            c = tx->tv_sec > ty->tv_sec ? -1 : 1;
        else if (tx->tv_nsec != ty->tv_nsec)
            c = tx->tv_nsec > ty->tv_nsec ? -1 : 1;
    }
    if (!c)
        c = strcmp(x->name, y->name);
    return opt_reverse ? -c : c;
}

/* The target of a symlink, or NULL if it cannot be read. */
static char *read_link(const char *path)
{
    size_t size = 256;
    for (;;) {
        char *buf = xmalloc(size);
        ssize_t n = readlink(path, buf, size);
        if (n < 0) {
            free(buf);
            return NULL;
        }
        if ((size_t)n < size) {
            buf[n] = 0;
            return buf;
        }
        free(buf);
        size *= 2;
    }
}

static void mode_string(mode_t m, char out[11])
{
    out[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b'
           : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
    const char *rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++)
        out[1 + i] = m & (0400 >> i) ? rwx[i] : '-';
    if (m & S_ISUID)
        out[3] = m & S_IXUSR ? 's' : 'S';
    if (m & S_ISGID)
        out[6] = m & S_IXGRP ? 's' : 'S';
    if (m & S_ISVTX)
        out[9] = m & S_IXOTH ? 't' : 'T';
    out[10] = 0;
}

static char type_indicator(mode_t m)
{
    if (S_ISDIR(m))
        return '/';
    if (S_ISLNK(m))
        return '@';
    if (S_ISFIFO(m))
        return '|';
    if (S_ISSOCK(m))
        return '=';
    if (S_ISREG(m) && (m & 0111))
        return '*';
    return 0;
}

/* An owner's or group's name, or its number when the database has none.
 * The last answer of each kind is kept: a listing mostly repeats one
 * owner, and each look-up reads the whole file. */
static void id_name(bool group, unsigned id, char *buf, size_t size)
{
    static char last[2][32];
    static long last_id[2] = {-1, -1};
    if (last_id[group] != (long)id) {
        if (opt_numeric) {
            snprintf(buf, size, "%u", id);
            return;
        }
        const char *name = NULL;
        if (group) {
            struct group *gr = getgrgid(id);
            name = gr ? gr->gr_name : NULL;
        } else {
            struct passwd *pw = getpwuid(id);
            name = pw ? pw->pw_name : NULL;
        }
        if (name && strlen(name) < sizeof last[0])
            snprintf(last[group], sizeof last[0], "%s", name);
        else
            snprintf(last[group], sizeof last[0], "%u", id);
        last_id[group] = id;
    }
    snprintf(buf, size, "%s", last[group]);
}

static void owner_name(unsigned id, char *buf, size_t size) { id_name(false, id, buf, size); }
static void group_name(unsigned id, char *buf, size_t size) { id_name(true, id, buf, size); }

/* Size column: bytes, or for -h GNU's 1024-based "4.0K" style (one
 * decimal below 10, rounded up as GNU does). Devices show "major, minor". */
static void human_size(unsigned long long n, char *buf, size_t size);

static void size_string(const struct stat *st, char *buf, size_t size)
{
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
        unsigned long d = st->st_rdev;
        snprintf(buf, size, "%lu, %lu", ((d >> 8) & 0xfff) | ((d >> 32) & ~0xfffUL),
                 (d & 0xff) | ((d >> 12) & ~0xffUL));
        return;
    }
    human_size((unsigned long long)st->st_size, buf, size);
}

/* n bytes as -l shows them: plain, or with -h as above. */
static void human_size(unsigned long long n, char *buf, size_t size)
{
    if (!opt_human || n < 1024) {
        snprintf(buf, size, "%llu", n);
        return;
    }
    const char *units = "KMGTPE";
    int u = 0;
    unsigned long long scale = 1024;
    while (n >= scale * 1024 && units[u + 1]) {
        scale *= 1024;
        u++;
    }
    /* tenths, rounded up */
    unsigned long long tenths = (n * 10 + scale - 1) / scale;
    if (tenths < 100)
        snprintf(buf, size, "%llu.%llu%c", tenths / 10, tenths % 10, units[u]);
    else
        snprintf(buf, size, "%llu%c", (n + scale - 1) / scale, units[u]);
}

static int digits(unsigned long long n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

static void print_long(const struct list *l)
{
    int w_links = 1, w_owner = 1, w_group = 1, w_size = 1, w_ino = 1;
    char buf[64];
    for (size_t i = 0; i < l->n; i++) {
        const struct stat *st = &l->v[i].st;
        int d = digits(st->st_nlink);
        if (d > w_links)
            w_links = d;
        owner_name(st->st_uid, buf, sizeof buf);
        if ((int)strlen(buf) > w_owner)
            w_owner = (int)strlen(buf);
        group_name(st->st_gid, buf, sizeof buf);
        if ((int)strlen(buf) > w_group)
            w_group = (int)strlen(buf);
        size_string(st, buf, sizeof buf);
        if ((int)strlen(buf) > w_size)
            w_size = (int)strlen(buf);
        if (digits(st->st_ino) > w_ino)
            w_ino = digits(st->st_ino);
    }
    for (size_t i = 0; i < l->n; i++) {
        const struct entry *e = &l->v[i];
        char mode[11], owner[32], group[32], size[64], date[32];
        mode_string(e->st.st_mode, mode);
        owner_name(e->st.st_uid, owner, sizeof owner);
        group_name(e->st.st_gid, group, sizeof group);
        size_string(&e->st, size, sizeof size);
        struct tm tm;
        time_t t = e->st.st_mtim.tv_sec;
        gmtime_r(&t, &tm);
        /* Recent (within six months, not in the future): time of day;
         * otherwise the year, as GNU ls does. */
        bool recent = t > now - 15778476 && t <= now + 60;
        strftime(date, sizeof date, recent ? "%b %e %H:%M" : "%b %e  %Y", &tm);
        if (opt_inode)
            printf("%*lu ", w_ino, (unsigned long)e->st.st_ino);
        printf("%s %*lu %-*s %-*s %*s %s %s", mode, w_links, (unsigned long)e->st.st_nlink, w_owner, owner,
               w_group, group, w_size, size, date, e->name);
        if (e->link)
            printf(" -> %s", e->link);
        else if (opt_classify && type_indicator(e->st.st_mode))
            putchar(type_indicator(e->st.st_mode));
        putchar('\n');
    }
}

/* The width of the terminal, or 0 when standard output is not one. */
static int terminal_width(void)
{
    if (!isatty(1))
        return 0;
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

static int shown_width(const struct entry *e)
{
    int w = (int)strlen(e->name);
    if (opt_inode)
        w += digits(e->st.st_ino) + 1;
    if (opt_classify && type_indicator(e->st.st_mode))
        w++;
    return w;
}

static void print_name(const struct entry *e)
{
    if (opt_inode)
        printf("%lu ", (unsigned long)e->st.st_ino);
    fputs(e->name, stdout);
    if (opt_classify && type_indicator(e->st.st_mode))
        putchar(type_indicator(e->st.st_mode));
}

/* Moves from column `from` to `to` as GNU ls does (its indent()): a tab
 * wherever one fits before `to` (tab stops every 8), then spaces. */
static void indent(int from, int to)
{
    while (from < to) {
        if (to / 8 > (from + 1) / 8) {
            putchar('\t');
            from += 8 - from % 8;
        } else {
            putchar(' ');
            from++;
        }
    }
}

/* Columns filled down then across: the most columns that fit, each as
 * wide as its longest name plus two spaces of separation. */
static void print_columns(const struct list *l, int width)
{
    size_t n = l->n, cols = 1;
    int *colw = xmalloc((n + 1) * sizeof *colw);
    for (size_t try = n; try > 1; try--) {
        size_t rows = (n + try - 1) / try;
        if ((rows - 1) * try >= n && try > 1)
            continue; /* the last column would be empty */
        int total = 0;
        for (size_t c = 0; c < try; c++) {
            int w = 0;
            for (size_t r = 0; r < rows && c * rows + r < n; r++)
                if (shown_width(&l->v[c * rows + r]) > w)
                    w = shown_width(&l->v[c * rows + r]);
            total += w + (c + 1 < try ? 2 : 0);
        }
        if (total < width) {
            cols = try;
            break;
        }
    }
    size_t rows = (n + cols - 1) / cols;
    for (size_t c = 0; c < cols; c++) {
        colw[c] = 0;
        for (size_t r = 0; r < rows && c * rows + r < n; r++)
            if (shown_width(&l->v[c * rows + r]) > colw[c])
                colw[c] = shown_width(&l->v[c * rows + r]);
    }
    for (size_t r = 0; r < rows; r++) {
        int pos = 0; /* the column this name starts at */
        for (size_t c = 0; c < cols; c++) {
            size_t i = c * rows + r;
            if (i >= n)
                break;
            print_name(&l->v[i]);
            if (c + 1 < cols && (c + 1) * rows + r < n)
                indent(pos + shown_width(&l->v[i]), pos + colw[c] + 2);
            pos += colw[c] + 2;
        }
        putchar('\n');
    }
    free(colw);
}

static void print_list(struct list *l)
{
    qsort(l->v, l->n, sizeof *l->v, compare);
    int width;
    if (opt_long)
        print_long(l);
    else if (!opt_one && (width = terminal_width()) > 0 && l->n)
        print_columns(l, width);
    else
        for (size_t i = 0; i < l->n; i++) {
            print_name(&l->v[i]);
            putchar('\n');
        }
}

static void list_directory(const char *path, bool header)
{
    DIR *d = opendir(path);
    if (!d) {
        warn("cannot open directory '%s'", path);
        status = 2;
        return;
    }
    if (header)
        printf("%s:\n", path);
    struct list l = {0};
    unsigned long long blocks = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *name = de->d_name;
        if (name[0] == '.') {
            bool dots = !strcmp(name, ".") || !strcmp(name, "..");
            if (!opt_all && !(opt_almost_all && !dots))
                continue;
        }
        /* dirfd() is not in our libc: stat by the full path */
        size_t plen = strlen(path) + strlen(name) + 2;
        char *full = xmalloc(plen);
        snprintf(full, plen, "%s/%s", path, name);
        struct stat st;
        if (lstat(full, &st) < 0) {
            warn("cannot access '%s'", full);
            status = 1;
            free(full);
            continue;
        }
        char *link = opt_long && S_ISLNK(st.st_mode) ? read_link(full) : NULL;
        free(full);
        blocks += (unsigned long long)st.st_blocks;
        list_add(&l, name, &st, link);
    }
    closedir(d);
    /* st_blocks counts 512-byte units; GNU ls shows 1024-byte ones,
     * rounded up (gnulib human.c: human_ceiling is the default) */
    if (opt_long) {
        char total[64];
        if (opt_human)
            human_size(blocks * 512, total, sizeof total); /* "total 8.0K", as GNU's -h */
        else
            snprintf(total, sizeof total, "%llu", (blocks + 1) / 2);
        printf("total %s\n", total);
    }
    print_list(&l);
    /* -R: then each subdirectory in the order shown, after a blank line,
     * as "PATH/NAME:" (GNU's order: depth first). Symlinks to directories
     * are not followed (lstat above), nor are . and .. entered. */
    for (size_t i = 0; opt_recursive && i < l.n; i++) {
        const char *name = l.v[i].name;
        if (!S_ISDIR(l.v[i].st.st_mode) || !strcmp(name, ".") || !strcmp(name, ".."))
            continue;
        size_t plen = strlen(path) + strlen(name) + 2;
        char *sub = xmalloc(plen);
        size_t len = strlen(path);
        snprintf(sub, plen, "%s%s%s", path, len && path[len - 1] == '/' ? "" : "/", name);
        putchar('\n');
        list_directory(sub, true);
        free(sub);
    }
    list_free(&l);
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "aAl1dFihnrRSt")) != -1) {
        switch (opt) {
        case 'a': opt_all = true; break;
        case 'A': opt_almost_all = true; break;
        case 'l': opt_long = true; opt_one = false; break;
        case 'n': opt_long = opt_numeric = true; opt_one = false; break;
        case '1': opt_one = true; opt_long = false; break;
        case 'd': opt_dir = true; break;
        case 'F': opt_classify = true; break;
        case 'i': opt_inode = true; break;
        case 'h': opt_human = true; break;
        case 'r': opt_reverse = true; break;
        case 't': sort_by = SORT_TIME; break;
        case 'S': sort_by = SORT_SIZE; break;
        case 'R': opt_recursive = true; break;
        default: return 2;
        }
    }
    /* getopt has moved the names after the options ("ls /tmp -l"). */
    char **names = argv + optind;
    int count = argc - optind;
    now = time(NULL);
    char *dot[] = {".", NULL};
    char **operands = count ? names : dot;
    if (!count)
        count = 1;

    /* Operands that are not directories are listed first, together; then
     * each directory, with a "name:" header when there is more than one. */
    struct list files = {0}, dirs = {0};
    for (int k = 0; k < count; k++) {
        struct stat st;
        bool follow = !opt_long && !opt_dir && !opt_classify;
        int r = follow ? stat(operands[k], &st) : lstat(operands[k], &st);
        if (r < 0 && follow)
            r = lstat(operands[k], &st); /* a dangling symlink is still a name */
        if (r < 0) {
            warn("cannot access '%s'", operands[k]);
            status = 2;
            continue;
        }
        if (S_ISLNK(st.st_mode) && !opt_dir && opt_long == false && opt_classify) {
            struct stat target; /* -F follows operand links to directories */
            if (stat(operands[k], &target) == 0 && S_ISDIR(target.st_mode))
                st = target;
        }
        if (S_ISDIR(st.st_mode) && !opt_dir)
            list_add(&dirs, operands[k], &st, NULL);
        else
            list_add(&files, operands[k], &st, opt_long && S_ISLNK(st.st_mode) ? read_link(operands[k]) : NULL);
    }
    print_list(&files);
    qsort(dirs.v, dirs.n, sizeof *dirs.v, compare);
    bool headers = count > 1 || status || opt_recursive;
    for (size_t k = 0; k < dirs.n; k++) {
        if (k > 0 || files.n)
            putchar('\n');
        list_directory(dirs.v[k].name, headers);
    }
    list_free(&files);
    list_free(&dirs);
    if (fflush(stdout))
        return 2;
    return status;
}
