/* selftest_debug.c - the symbol table that makes backtraces readable. */
#include "debug/ksyms.h"
#include "lib/string.h"
#include "tests/selftest.h"

void kmain(uint32_t magic, uint64_t info_pa);

SELFTEST(ksyms_lookup)
{
    uint64_t off;
    const char *name = ksym_lookup((uint64_t)kmain + 5, &off);
    if (!name || strcmp(name, "kmain") != 0 || off != 5)
        return "kmain+5 not resolved to kmain";
    if (ksym_lookup(0x1000, &off))
        return "a user address resolved to a kernel symbol";
    return NULL;
}
