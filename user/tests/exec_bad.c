/*
 * exec_bad.c - execve of malformed executables fails cleanly: the caller
 * keeps running, gets the documented errno, and no memory is lost
 * (sysinfo's free RAM is the same before and after). The files come from
 * tests/make-bad-elfs under /bad. Then it execs itself with "ok" to show
 * a good execve still works after all that.
 */
#include <errno.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "tt.h"

static const struct {
    const char *name;
    int err;
} cases[] = {
    {"empty", ENOEXEC},
    {"not-elf", ENOEXEC},
    {"truncated-header", ENOEXEC},
    {"truncated-phdrs", EINVAL},
    {"truncated-segment", EINVAL},
    {"elf32-class", ENOEXEC},
    {"big-endian", ENOEXEC},
    {"wrong-machine", ENOEXEC},
    {"relocatable", ENOEXEC},
    {"entry-outside", EINVAL},
    {"bad-phentsize", EINVAL},
    {"phoff-overflow", EINVAL},
    {"huge-memsz", EINVAL},
    {"overlapping-segments", EINVAL},
    {"filesz-past-file", EINVAL},
    {"write-and-exec", EINVAL},
    {"kernel-address", EINVAL},
    {"not-executable", EACCES},
    {"no-such-file", ENOENT},
};

static unsigned long free_ram(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return si.freeram * si.mem_unit;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "ok") == 0) {
        printf("ok - a good execve after the bad ones\n");
        return 0;
    }
    char *args[] = {"x", NULL}, *env[] = {NULL};
    unsigned long before = 0;
    for (int round = 0; round < 3; round++) {
        if (round == 1)
            before = free_ram(); /* after a warm-up round */
        for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            char path[64], what[96];
            snprintf(path, sizeof path, "/bad/%s", cases[i].name);
            errno = 0;
            int r = execve(path, args, env);
            if (round == 0) {
                snprintf(what, sizeof what, "execve %s fails with %s", cases[i].name, strerror(cases[i].err));
                tt_check(r == -1 && errno == cases[i].err, what, "got %d, errno %d (%s)", r, errno, strerror(errno));
            }
        }
    }
    unsigned long after = free_ram();
    tt_check(before == after, "no memory lost to failed execs", "free RAM %lu before, %lu after", before, after);
    char *self[] = {argv[0], "ok", NULL};
    execve(argv[0], self, env);
    printf("not ok - execve of myself failed: %s\n", strerror(errno));
    return 1;
}
