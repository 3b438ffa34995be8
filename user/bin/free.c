/* free: memory in use and free, from /proc/meminfo, in the layout of
 * procps-ng 4's free. "used" is total minus available, as procps 4
 * computes it. Units: -k KiB (default), -b bytes, -m MiB, -g GiB. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A "Key:   N kB" value from meminfo text; -1 if absent. */
static long long meminfo_value(const char *text, const char *key)
{
    size_t klen = strlen(key);
    for (const char *line = text; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (!strncmp(line, key, klen) && line[klen] == ':')
            return strtoll(line + klen + 1, NULL, 10);
    }
    return -1;
}

static long long nonneg(long long v)
{
    return v < 0 ? 0 : v;
}

int main(int argc, char **argv)
{
    int shift = 0; /* KiB -> unit: right shift; bytes: -10 */
    int opt;
    while ((opt = getopt(argc, argv, "bkmg")) != -1) {
        switch (opt) {
        case 'b': shift = -10; break;
        case 'k': shift = 0; break;
        case 'm': shift = 10; break;
        case 'g': shift = 20; break;
        default:
            fputs("Usage: free [-b|-k|-m|-g]\n", stderr);
            return 1;
        }
    }
    if (optind < argc)
        errx(1, "extra operand '%s'", argv[optind]);
    FILE *f = fopen("/proc/meminfo", "r");
    if (!f)
        err(1, "/proc/meminfo");
    static char text[8192];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;

    long long total = nonneg(meminfo_value(text, "MemTotal"));
    long long freemem = nonneg(meminfo_value(text, "MemFree"));
    long long available = meminfo_value(text, "MemAvailable");
    if (available < 0)
        available = freemem;
    long long shared = nonneg(meminfo_value(text, "Shmem"));
    long long cache = nonneg(meminfo_value(text, "Buffers")) + nonneg(meminfo_value(text, "Cached"))
                    + nonneg(meminfo_value(text, "SReclaimable"));
    long long used = total - available;
    if (used < 0)
        used = total - freemem;
    long long swap_total = nonneg(meminfo_value(text, "SwapTotal"));
    long long swap_free = nonneg(meminfo_value(text, "SwapFree"));

    long long mem[6] = {total, used, freemem, shared, cache, available};
    long long swap[3] = {swap_total, swap_total - swap_free, swap_free};
    printf("%20s%12s%12s%12s%12s%12s\n", "total", "used", "free", "shared", "buff/cache", "available");
    printf("%-8s", "Mem:");
    for (int i = 0; i < 6; i++)
        printf("%12lld", shift < 0 ? mem[i] << -shift : mem[i] >> shift);
    printf("\n%-8s", "Swap:");
    for (int i = 0; i < 3; i++)
        printf("%12lld", shift < 0 ? swap[i] << -shift : swap[i] >> shift);
    putchar('\n');
    return fflush(stdout) ? 1 : 0;
}
