/* options.c - see options.h. */
#include "boot/options.h"

#include "lib/kprintf.h"

static struct cmdline cmdline;
static char line_copy[CMDLINE_MAX_LEN]; /* the boot loader's copy may not last */

static const char *const known[] = {"selftest", "quiet", "init", "console", "stderr", "maxproc", "strace",
                                     "virtio", "root", "rootflags", "ro", "rw", "norandmaps", NULL};

void options_init(const char *line)
{
    size_t n = 0;
    while (line[n] && n + 1 < sizeof line_copy) {
        line_copy[n] = line[n];
        n++;
    }
    line_copy[n] = '\0';
    cmdline_parse(&cmdline, line);
    if (cmdline.truncated)
        kprintf("warning: kernel command line too long; options past %d bytes / %d options ignored\n",
                CMDLINE_MAX_LEN, CMDLINE_MAX_OPTS);
    for (int i = 0; i < cmdline.count; i++)
        if (!cmdline_key_known(cmdline.opts[i].key, known))
            kprintf("warning: unknown kernel command-line option \"%s\" ignored\n", cmdline.opts[i].key);
}

const char *option(const char *key) { return cmdline_get(&cmdline, key); }

const char *options_line(void) { return line_copy; }

int option_init_args(const char *const **argv)
{
    *argv = cmdline.init_args;
    return cmdline.init_argc;
}

unsigned long parse_ulong(const char *s)
{
    unsigned long v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (unsigned long)(*s++ - '0');
    return v;
}
