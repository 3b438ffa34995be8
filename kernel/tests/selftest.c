/* selftest.c - the self-test runner (see selftest.h). */
#include "tests/selftest.h"

#include "arch/x86_64/power.h"
#include "lib/kprintf.h"
#include "lib/string.h"

extern const struct selftest __selftests_start[], __selftests_end[];

static int passed, failed;

static void run_one(const struct selftest *t)
{
    kprintf("selftest %s: running\n", t->name);
    const char *why = t->run();
    if (why) {
        kprintf("selftest %s: FAILED: %s\n", t->name, why);
        failed++;
    } else {
        kprintf("selftest %s: ok\n", t->name);
        passed++;
    }
}

/* Is name one of the comma-separated entries of list? */
static bool listed(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, name, n) == 0)
            return true;
        p += len + (end ? 1 : 0);
    }
    return false;
}

void selftest_run(const char *list)
{
    bool all = strcmp(list, "all") == 0;
    int matched = 0;
    for (const struct selftest *t = __selftests_start; t < __selftests_end; t++) {
        if (all ? !t->crash : listed(list, t->name)) {
            matched++;
            run_one(t);
        }
    }
    if (!matched) {
        kprintf("selftest: no test matches \"%s\"; known tests:", list);
        for (const struct selftest *t = __selftests_start; t < __selftests_end; t++)
            kprintf(" %s", t->name);
        kprintf("\n");
        failed++;
    }
    kprintf("selftests: %d passed, %d failed\n", passed, failed);
    machine_exit(failed ? EXIT_FAILED : EXIT_OK);
}
