/* extable.c - look up a faulting RIP in the exception table (extable.h). */
#include "arch/x86_64/extable.h"

extern const struct extable_entry __ex_table_start[], __ex_table_end[];

bool extable_fixup(struct trap_frame *f)
{
    /* A linear scan: the table has a handful of entries. */
    for (const struct extable_entry *e = __ex_table_start; e < __ex_table_end; e++) {
        if (e->fault_rip == f->rip) {
            f->rip = e->fixup_rip;
            return true;
        }
    }
    return false;
}
