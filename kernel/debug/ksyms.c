/* ksyms.c - binary search in the generated symbol table (ksyms.h). */
#include "debug/ksyms.h"

#include "lib/kprintf.h"

/* Emitted by tools/gen-ksyms into the .ksyms section. */
extern const uint64_t ksym_count;
extern const uint64_t ksym_addrs[];   /* sorted, plus one end address */
extern const uint32_t ksym_name_offsets[];
extern const char ksym_names[];

const char *ksym_lookup(uint64_t addr, uint64_t *offset)
{
    uint64_t n = ksym_count;
    if (n == 0 || addr < ksym_addrs[0] || addr >= ksym_addrs[n])
        return NULL;
    uint64_t lo = 0, hi = n; /* invariant: ksym_addrs[lo] <= addr < ksym_addrs[hi] */
    while (hi - lo > 1) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (ksym_addrs[mid] <= addr)
            lo = mid;
        else
            hi = mid;
    }
    *offset = addr - ksym_addrs[lo];
    return ksym_names + ksym_name_offsets[lo];
}

void ksym_print(uint64_t addr)
{
    uint64_t off;
    const char *name = ksym_lookup(addr, &off);
    if (name)
        kprintf("0x%016lx <%s+0x%lx>", addr, name, off);
    else
        kprintf("0x%016lx <?>", addr);
}
