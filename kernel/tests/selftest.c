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

static const struct selftest *find(const char *name, size_t len)
{
    for (const struct selftest *t = __selftests_start; t < __selftests_end; t++)
        if (strlen(t->name) == len && strncmp(t->name, name, len) == 0)
            return t;
    return NULL;
}

/* Every name of the list that is no test: a typo must not pass unnoticed
 * beside the names that ran ("selftest=kmalloc_stress,nosuch"). */
static void report_unknown(const char *list)
{
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len && !find(p, len)) {
            kprintf("selftest: no test matches \"%.*s\"; known tests:", (int)len, p);
            for (const struct selftest *t = __selftests_start; t < __selftests_end; t++)
                kprintf(" %s", t->name);
            kprintf("\n");
            failed++;
        }
        p += len + (end ? 1 : 0);
    }
}

void selftest_run(const char *list)
{
    bool all = strcmp(list, "all") == 0;
    for (const struct selftest *t = __selftests_start; t < __selftests_end; t++)
        if (all ? !t->crash : listed(list, t->name))
            run_one(t);
    if (!all)
        report_unknown(list);
    kprintf("selftests: %d passed, %d failed\n", passed, failed);
    machine_exit(failed ? EXIT_FAILED : EXIT_OK);
}
