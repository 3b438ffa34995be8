/* backtrace.c - see backtrace.h. Frame layout (SysV ABI with frame
 * pointers): [rbp] = caller's rbp, [rbp + 8] = return address. */
#include "debug/backtrace.h"

#include "arch/x86_64/extable.h"
#include "arch/x86_64/layout.h"
#include "debug/ksyms.h"
#include "lib/kprintf.h"

void backtrace_print(uint64_t rbp)
{
    kprintf("Backtrace:\n");
    for (int depth = 0; depth < 16; depth++) {
        uint64_t next, ret;
        if (rbp < DIRECT_MAP_BASE || (rbp & 7))
            break; /* 0 ends the chain (boot.S clears rbp) */
        if (probe_read_u64((void *)rbp, &next) || probe_read_u64((void *)(rbp + 8), &ret))
            break;
        if (!ret)
            break;
        kprintf("  #%d ", depth);
        ksym_print(ret);
        kprintf("\n");
        if (next <= rbp)
            break; /* the stack grows down: callers' frames lie above */
        rbp = next;
    }
}
