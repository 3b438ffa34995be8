/* df: file system space, from statfs(2) of the mounts in /proc/mounts, in
 * the layout of GNU coreutils 9's df:
 *   Filesystem     1K-blocks  Used Available Use% Mounted on
 * Columns are as wide as their widest cell (Filesystem at least 14,
 * numbers at least 5); Use% is used / (used + available), rounded up, as
 * coreutils computes it (root's reserved blocks count as neither).
 *   df [-a] [-h] [-k] [-T] [FILE...]
 * -a: also file systems with no blocks (proc, sysfs) and the mounts that
 *     another hides; -h: sizes as 1.5K 12M 3.9G (powers of 1024, rounded
 *     up, as df -h); -k: 1K blocks (the default); -T: a Type column.
 * FILE: only the file system each FILE is on. Without -a, like coreutils:
 * file systems of 0 blocks are left out, and of several mounts of one
 * file system (st_dev) only the one with the shortest mount point stays;
 * a mount point mounted over shows only its top mount. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#define MAX_MOUNTS 256

struct mnt {
    char *source, *dir, *type;
    dev_t dev;
    int hidden;
};

static struct mnt mounts[MAX_MOUNTS];
static int nmounts;

/* /proc/mounts writes space, tab, newline and backslash in names as \ooo. */
static void unescape(char *s)
{
    char *out = s;
    while (*s) {
        if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' && s[3] >= '0' &&
            s[3] <= '7') {
            *out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
            s += 4;
        } else {
            *out++ = *s++;
        }
    }
    *out = 0;
}

static void read_mounts(void)
{
    FILE *f = fopen("/proc/mounts", "r");
    if (!f)
        err(1, "cannot read table of mounted file systems");
    char line[4096];
    while (fgets(line, sizeof line, f) && nmounts < MAX_MOUNTS) {
        char *save, *source = strtok_r(line, " ", &save), *dir = strtok_r(NULL, " ", &save);
        char *type = strtok_r(NULL, " ", &save);
        if (!type)
            continue;
        unescape(source);
        unescape(dir);
        struct mnt *m = &mounts[nmounts++];
        m->source = strdup(source);
        m->dir = strdup(dir);
        m->type = strdup(type);
        struct stat st;
        m->dev = stat(dir, &st) == 0 ? st.st_dev : (dev_t)-1;
    }
    fclose(f);
}

/* coreutils' filter_mount_list, in short: a mount point mounted over
 * shows its top mount only; of one device mounted at several places, the
 * shortest mount point. The survivor takes the place of the first of
 * them in the list, as there. */
static void hide_duplicates(void)
{
    for (int j = 0; j < nmounts; j++)
        for (int i = 0; i < j; i++) {
            if (mounts[i].hidden)
                continue;
            int same_dir = !strcmp(mounts[i].dir, mounts[j].dir);
            int same_dev = mounts[i].dev == mounts[j].dev && mounts[i].dev != (dev_t)-1;
            if (!same_dir && !same_dev)
                continue;
            if (same_dir || strlen(mounts[j].dir) < strlen(mounts[i].dir))
                mounts[i] = mounts[j]; /* j was mounted over i, or is shorter */
            mounts[j].hidden = 1;
            break;
        }
}

/* n bytes as df -h prints them: below 1024 the number itself, else the
 * value in the largest unit that keeps it under 1024, rounded up to one
 * decimal below 10 and to a whole number from 10 on ("4.0K", "12G"). */
static void human(unsigned long long n, char *buf, size_t size)
{
    static const char units[] = "KMGTPEZY";
    if (n < 1024) {
        snprintf(buf, size, "%llu", n);
        return;
    }
    /* 128-bit arithmetic: ten times 2^64 does not overflow. */
    int k = 0;
    unsigned __int128 v = n, div = 1024;
    while (k < 7 && v / div >= 1024) {
        div *= 1024;
        k++;
    }
    unsigned long long tenths = (unsigned long long)((v * 10 + div - 1) / div);
    if (tenths < 100) {
        snprintf(buf, size, "%llu.%llu%c", tenths / 10, tenths % 10, units[k]);
        return;
    }
    unsigned long long whole = (unsigned long long)((v + div - 1) / div);
    if (whole >= 1024 && k < 7) /* 1023.5M rounds up to 1.0G */
        snprintf(buf, size, "1.0%c", units[k + 1]);
    else
        snprintf(buf, size, "%llu%c", whole, units[k]);
}

#define NCOLS 7
static char *cells[MAX_MOUNTS + 1][NCOLS];
static int nrows;

static char *num_cell(unsigned long long bytes, int human_sizes)
{
    char buf[32];
    if (human_sizes)
        human(bytes, buf, sizeof buf);
    else
        snprintf(buf, sizeof buf, "%llu", (bytes + 1023) / 1024);
    return strdup(buf);
}

static void add_row(const struct mnt *m, const struct statfs *s, int human_sizes)
{
    char **row = cells[nrows++];
    unsigned long long unit = (unsigned long long)(s->f_frsize ? s->f_frsize : s->f_bsize);
    unsigned long long total = s->f_blocks, avail = s->f_bavail;
    unsigned long long used = s->f_blocks >= s->f_bfree ? s->f_blocks - s->f_bfree : 0;
    row[0] = m->source;
    row[1] = m->type;
    row[2] = num_cell(total * unit, human_sizes);
    row[3] = num_cell(used * unit, human_sizes);
    row[4] = num_cell(avail * unit, human_sizes);
    if (used + avail == 0) {
        row[5] = strdup("-");
    } else {
        char buf[8];
        unsigned long long pct = (used * 100 + used + avail - 1) / (used + avail);
        snprintf(buf, sizeof buf, "%llu%%", pct);
        row[5] = strdup(buf);
    }
    row[6] = m->dir;
}

static void print_table(int show_type)
{
    static const int min_width[NCOLS] = {14, 4, 5, 5, 5, 4, 0};
    int width[NCOLS];
    for (int c = 0; c < NCOLS; c++) {
        width[c] = min_width[c];
        for (int r = 0; r < nrows; r++) {
            int w = (int)strlen(cells[r][c]);
            if (w > width[c])
                width[c] = w;
        }
    }
    for (int r = 0; r < nrows; r++) {
        for (int c = 0; c < NCOLS; c++) {
            if (c == 1 && !show_type)
                continue;
            if (c == 0 || c == 1) /* left aligned */
                printf("%-*s ", width[c], cells[r][c]);
            else if (c < NCOLS - 1)
                printf("%*s ", width[c], cells[r][c]);
            else
                printf("%s\n", cells[r][c]);
        }
    }
}

/* The mount a file is on: the last (topmost) mount with its st_dev. */
static int mount_of(const char *file)
{
    struct stat st;
    if (stat(file, &st) != 0) {
        warn("%s", file);
        return -1;
    }
    for (int i = nmounts - 1; i >= 0; i--)
        if (mounts[i].dev == st.st_dev)
            return i;
    warnx("%s: can't find mount point", file);
    return -1;
}

int main(int argc, char **argv)
{
    int all = 0, human_sizes = 0, show_type = 0, opt;
    while ((opt = getopt(argc, argv, "ahkT")) != -1) {
        switch (opt) {
        case 'a': all = 1; break;
        case 'h': human_sizes = 1; break;
        case 'k': human_sizes = 0; break;
        case 'T': show_type = 1; break;
        default:
            fputs("Usage: df [-ahkT] [FILE]...\n", stderr);
            return 1;
        }
    }
    read_mounts();
    static char *header[NCOLS] = {"Filesystem", "Type", "1K-blocks", "Used", "Available", "Use%", "Mounted on"};
    if (human_sizes) {
        header[2] = "Size";
        header[4] = "Avail";
    }
    for (int c = 0; c < NCOLS; c++)
        cells[0][c] = header[c];
    nrows = 1;
    int status = 0;
    if (optind < argc) {
        for (int i = optind; i < argc; i++) {
            int m = mount_of(argv[i]);
            struct statfs s;
            if (m < 0) {
                status = 1;
            } else if (statfs(argv[i], &s) != 0) {
                warn("%s", argv[i]);
                status = 1;
            } else {
                add_row(&mounts[m], &s, human_sizes);
            }
        }
    } else {
        if (!all)
            hide_duplicates();
        for (int i = 0; i < nmounts; i++) {
            struct statfs s;
            if (mounts[i].hidden)
                continue;
            if (statfs(mounts[i].dir, &s) != 0) {
                if (errno != EACCES && errno != ENOENT)
                    warn("%s", mounts[i].dir), status = 1;
                continue;
            }
            if (!all && s.f_blocks == 0)
                continue;
            add_row(&mounts[i], &s, human_sizes);
        }
    }
    if (nrows == 1 && status == 0) {
        warnx("no file systems processed");
        return 1;
    }
    if (nrows > 1)
        print_table(show_type);
    return fflush(stdout) ? 1 : status;
}
