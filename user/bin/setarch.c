/* setarch: run a program with another personality(2), as util-linux's
 *   setarch [ARCH] [-R] [--addr-no-randomize] [-L] [-Z] [-3] [--uname-2.6]
 *           [-v] [PROGRAM [ARG]...]
 * ARCH: x86_64, linux64 (the 64-bit domain, what uname -m says here) or
 * i386..i686, linux32 (PER_LINUX32: uname reports i686); without it the
 * current domain is kept. -R (--addr-no-randomize) lays the program out
 * without address randomization, -L (--addr-compat-layout), -Z
 * (--mmap-page-zero), -3 (--3gb) and --uname-2.6 set their flags. Without
 * a program it runs $SHELL, or /bin/sh. Exit status: the program's; 1 for
 * a bad architecture or option; 127 (126) when the program is not found
 * (cannot run). */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <unistd.h>

static const struct {
    const char *name;
    unsigned long domain;
} arches[] = {
    {"x86_64", PER_LINUX}, {"linux64", PER_LINUX}, {"i386", PER_LINUX32}, {"i486", PER_LINUX32},
    {"i586", PER_LINUX32}, {"i686", PER_LINUX32},  {"linux32", PER_LINUX32},
};

static void usage(FILE *f)
{
    fprintf(f, "Usage: setarch [<arch>] [options] [<program> [<argument>...]]\n"
               " -R, --addr-no-randomize  disables randomization of the virtual address space\n"
               " -L, --addr-compat-layout changes the way virtual memory is allocated\n"
               " -Z, --mmap-page-zero     turns on MMAP_PAGE_ZERO\n"
               " -3, --3gb                limits the used address space to a maximum of 3 GB\n"
               "     --uname-2.6          turns on UNAME26\n"
               " -v, --verbose            say what options are being switched on\n");
}

int main(int argc, char **argv)
{
    enum { OPT_UNAME26 = 256 };
    static const struct option longopts[] = {
        {"addr-no-randomize", no_argument, NULL, 'R'},  {"addr-compat-layout", no_argument, NULL, 'L'},
        {"mmap-page-zero", no_argument, NULL, 'Z'},     {"3gb", no_argument, NULL, '3'},
        {"uname-2.6", no_argument, NULL, OPT_UNAME26}, {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},               {NULL, 0, NULL, 0},
    };
    unsigned long current = (unsigned long)personality(0xffffffff);
    unsigned long domain = current & PER_MASK, flags = 0;
    int verbose = 0;
    /* The architecture, when given, comes first (util-linux: anything not
     * starting with '-'). */
    if (argc > 1 && argv[1][0] != '-') {
        const char *arch = argv[1];
        size_t i = 0;
        while (i < sizeof arches / sizeof arches[0] && strcmp(arches[i].name, arch))
            i++;
        if (i == sizeof arches / sizeof arches[0])
            errx(1, "%s: Unrecognized architecture", arch);
        domain = arches[i].domain;
        argv[1] = argv[0];
        argc--;
        argv++;
    }
    int opt;
    while ((opt = getopt_long(argc, argv, "+RLZ3vh", longopts, NULL)) != -1) {
        switch (opt) {
        case 'R':
            flags |= ADDR_NO_RANDOMIZE;
            break;
        case 'L':
            flags |= ADDR_COMPAT_LAYOUT;
            break;
        case 'Z':
            flags |= MMAP_PAGE_ZERO;
            break;
        case '3':
            flags |= ADDR_LIMIT_3GB;
            break;
        case OPT_UNAME26:
            flags |= UNAME26;
            break;
        case 'v':
            verbose = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 1;
        }
    }
    /* util-linux keeps the flags already set and adds the new ones. */
    unsigned long persona = domain | (current & ~(unsigned long)PER_MASK) | flags;
    if (personality(persona) < 0)
        err(1, "failed to set personality to %#lx", persona);
    if (verbose && (flags & ADDR_NO_RANDOMIZE))
        printf("Switching on ADDR_NO_RANDOMIZE.\n");
    char *shell[] = {getenv("SHELL") ? getenv("SHELL") : "/bin/sh", NULL};
    char **run = optind < argc ? argv + optind : shell;
    if (verbose) {
        printf("Execute command `%s'.\n", run[0]);
        fflush(stdout);
    }
    execvp(run[0], run);
    int e = errno;
    warn("failed to execute %s", run[0]);
    return e == ENOENT ? 127 : 126;
}
