/* sys_info.c - sysinfo(2): uptime, memory and process counts. The free
 * RAM figure is the frame allocator's count, so user-space leak tests can
 * compare it before and after. */
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "time/clock.h"

struct linux_sysinfo {
    int64_t uptime;
    uint64_t loads[3];
    uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint64_t totalhigh, freehigh;
    uint32_t mem_unit;
    char reserved[4];
};

_Static_assert(sizeof(struct linux_sysinfo) == 112, "struct sysinfo is 112 bytes on x86_64");

long sys_sysinfo(uint64_t uinfo)
{
    struct linux_sysinfo si;
    memset(&si, 0, sizeof si);
    si.uptime = (int64_t)(clock_monotonic_ns() / 1000000000ull);
    si.totalram = pmm_total_frames() * 4096;
    si.freeram = kmalloc_free_frames() * 4096;
    si.procs = (uint16_t)proc_count();
    si.mem_unit = 1;
    return copy_to_user(uinfo, &si, sizeof si);
}
