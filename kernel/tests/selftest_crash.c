/*
 * selftest_crash.c - faults that must end in a panic report. Each runs
 * alone (selftest=NAME) and the test runner checks the report's content.
 */
#include "arch/x86_64/layout.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/paging.h"
#include "tests/selftest.h"

/* noinline + a volatile pointer: the fault happens here, in a named frame. */
__attribute__((noinline)) static void write_unmapped(void) { *(volatile uint64_t *)0xffffffffc0200000ull = 42; }

SELFTEST_CRASH(crash_page_fault)
{
    write_unmapped();
    return "survived a write to an unmapped page";
}

static volatile int keep_recursing = 1; /* the compiler cannot prove it ends */

__attribute__((noinline)) static int recurse(int depth)
{
    volatile char pad[256];
    pad[0] = (char)depth;
    if (!keep_recursing)
        return pad[0];
    return recurse(depth + 1) + pad[0];
}

SELFTEST_CRASH(crash_stack_overflow)
{
    recurse(0);
    return "survived infinite recursion";
}

/* A page of the kernel's data: writable, and NX when the CPU has NX. */
static uint8_t data_page[4096] __attribute__((aligned(4096)));

SELFTEST_CRASH(crash_exec_nx)
{
    if (!paging_nx_bit())
        return "CPU has no NX; run with -cpu max";
    memset(data_page, 0xC3, sizeof data_page); /* ret */
    ((void (*)(void))data_page)();
    return "executed code from an NX page";
}

SELFTEST_CRASH(crash_write_text)
{
    extern char __text_start[];
    *(volatile char *)(__text_start + 64) = 0;
    return "wrote to kernel text";
}

SELFTEST_CRASH(crash_panic_call)
{
    panic("deliberate panic from selftest %d", 42);
}
