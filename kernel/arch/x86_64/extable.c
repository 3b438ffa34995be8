/* extable.c - look up a faulting RIP in the exception table (extable.h). */
#include "arch/x86_64/extable.h"

extern const struct extable_entry __ex_table_start[], __ex_table_end[];

const struct extable_entry *extable_lookup(uint64_t rip)
{
    /* A linear scan: the table has a handful of entries. */
    for (const struct extable_entry *e = __ex_table_start; e < __ex_table_end; e++)
        if (e->fault_rip == rip)
            return e;
    return NULL;
}

bool extable_fixup(struct trap_frame *f)
{
    const struct extable_entry *e = extable_lookup(f->rip);
    if (e)
        f->rip = e->fixup_rip;
    return e != NULL;
}
