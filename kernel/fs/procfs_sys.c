/* procfs_sys.c - see procfs_sys.h. */
#include "fs/procfs_sys.h"

#include "arch/x86_64/cpu.h"
#include "boot/options.h"
#include "fs/page_cache.h"
#include "fs/super.h"
#include "fs/writeback.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "lib/format.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "time/clock.h"
#include "version.h"

#define TICK_NS 10000000ull /* USER_HZ: /proc counts time in 1/100 s */

/* Appends to buf at *n, never past size. */
#define ADD(...)                                                                                   \
    do {                                                                                           \
        if (*n < size) {                                                                           \
            int k_ = ksnprintf(buf + *n, size - *n, __VA_ARGS__);                                  \
            *n += k_ > 0 ? (size_t)k_ : 0;                                                         \
        }                                                                                          \
    } while (0)

static long done(size_t n, size_t size) { return (long)(n < size ? n : size); }

/* Linux's names for CPUID feature bits (arch/x86/include/asm/cpufeatures.h),
 * those of leaf 1 EDX and ECX, leaf 0x80000001 EDX and ECX and leaf 7 EBX,
 * in the order /proc/cpuinfo prints them. NULL: not printed. */
static const char *const leaf1_edx[32] = {
    "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep", "mtrr", "pge", "mca", "cmov",
    "pat", "pse36", "pn", "clflush", NULL, "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe"};
static const char *const ext_edx[32] = {
    [11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext", [25] = "fxsr_opt", [26] = "pdpe1gb", [27] = "rdtscp",
    [29] = "lm", [30] = "3dnowext", [31] = "3dnow"};
static const char *const leaf1_ecx[32] = {
    "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "ssse3", "cid", "sdbg", "fma",
    "cx16", "xtpr", "pdcm", NULL, "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt", "tsc_deadline_timer",
    "aes", "xsave", NULL, "avx", "f16c", "rdrand", "hypervisor"};
static const char *const ext_ecx[32] = {
    [0] = "lahf_lm", [1] = "cmp_legacy", [2] = "svm", [3] = "extapic", [4] = "cr8_legacy", [5] = "abm", [6] = "sse4a",
    [7] = "misalignsse", [8] = "3dnowprefetch", [9] = "osvw", [11] = "xop", [16] = "fma4", [21] = "tbm"};
static const char *const leaf7_ebx[32] = {
    [0] = "fsgsbase", [3] = "bmi1", [4] = "hle", [5] = "avx2", [7] = "smep", [8] = "bmi2", [9] = "erms",
    [10] = "invpcid", [11] = "rtm", [16] = "avx512f", [18] = "rdseed", [19] = "adx", [20] = "smap",
    [23] = "clflushopt", [24] = "clwb", [29] = "sha_ni"};

static void add_flags(char *buf, size_t size, size_t *n, const char *const names[32], uint32_t bits)
{
    for (int i = 0; i < 32; i++)
        if ((bits >> i & 1) && names[i])
            ADD(" %s", names[i]);
}

long procfs_cpuinfo(int pid, char *buf, size_t size)
{
    (void)pid;
    uint32_t a, b, c, d, max_ext;
    char vendor[13];
    cpuid(0, 0, &a, &b, &c, &d);
    uint32_t max_leaf = a;
    memcpy(vendor, &b, 4);
    memcpy(vendor + 4, &d, 4);
    memcpy(vendor + 8, &c, 4);
    vendor[12] = '\0';
    cpuid(0x80000000, 0, &max_ext, &b, &c, &d);
    char model[49] = "unknown";
    if (max_ext >= 0x80000004) { /* the brand string, 48 bytes in three leaves */
        for (uint32_t i = 0; i < 3; i++) {
            cpuid(0x80000002 + i, 0, &a, &b, &c, &d);
            uint32_t r[4] = {a, b, c, d};
            memcpy(model + 16 * i, r, 16);
        }
        model[48] = '\0';
    }
    const char *name = model;
    while (*name == ' ')
        name++;
    uint32_t sig, brand, ecx1, edx1;
    cpuid(1, 0, &sig, &brand, &ecx1, &edx1);
    /* Family and model with their extended parts (Intel SDM vol. 2A, CPUID leaf 1). */
    uint32_t family = sig >> 8 & 0xf, modl = sig >> 4 & 0xf;
    if (family == 0xf)
        family += sig >> 20 & 0xff;
    if (family >= 6)
        modl |= (sig >> 16 & 0xf) << 4;
    uint64_t khz = clock_tsc_hz() / 1000;
    size_t n0 = 0, *n = &n0;
    ADD("processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\nmodel name\t: %s\nstepping\t: %u\n"
        "cpu MHz\t\t: %lu.%03lu\ncache size\t: 512 KB\nphysical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\n"
        "cpu cores\t: 1\napicid\t\t: 0\ninitial apicid\t: 0\nfpu\t\t: yes\nfpu_exception\t: yes\n"
        "cpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
        vendor, family, modl, name, sig & 0xf, khz / 1000, khz % 1000, max_leaf);
    add_flags(buf, size, n, leaf1_edx, edx1);
    if (max_ext >= 0x80000001) {
        cpuid(0x80000001, 0, &a, &b, &c, &d);
        add_flags(buf, size, n, ext_edx, d);
        add_flags(buf, size, n, leaf1_ecx, ecx1);
        add_flags(buf, size, n, ext_ecx, c);
    } else {
        add_flags(buf, size, n, leaf1_ecx, ecx1);
    }
    if (max_leaf >= 7) {
        cpuid(7, 0, &a, &b, &c, &d);
        add_flags(buf, size, n, leaf7_ebx, b);
    }
    uint32_t addr_bits = 0x3028; /* 40 physical, 48 virtual when the CPU does not say */
    if (max_ext >= 0x80000008)
        cpuid(0x80000008, 0, &addr_bits, &b, &c, &d);
    ADD("\nbogomips\t: %lu.%02lu\nclflush size\t: %u\ncache_alignment\t: 64\n"
        "address sizes\t: %u bits physical, %u bits virtual\npower management:\n\n",
        khz * 2 / 1000, (khz * 2 / 10) % 100, (brand >> 8 & 0xff) * 8, addr_bits & 0xff, addr_bits >> 8 & 0xff);
    return done(n0, size);
}

long procfs_version(int pid, char *buf, size_t size)
{
    (void)pid;
    /* The release and version match uname(2) (sys_proc.c). */
    return done((size_t)ksnprintf(buf, size,
                                  "Linux version 6.1.0-tinyos (tinyos@tinyos) (gcc) #1 " TINYOS_NAME " " TINYOS_VERSION
                                  "\n"),
                size);
}

long procfs_cmdline(int pid, char *buf, size_t size)
{
    (void)pid;
    return done((size_t)ksnprintf(buf, size, "%s\n", options_line()), size);
}

/* Counts processes (thread group leaders alive) and the runnable ones;
 * newest is the pid of the one created last. */
static void count_procs(int *total, int *running, int *newest)
{
    *total = *running = *newest = 0;
    uint64_t newest_ns = 0;
    for (int i = 0; i < proc_slots_used; i++) {
        const struct proc *p = proc_table[i];
        if (!p || p->state == PROC_UNUSED || p->state == PROC_ZOMBIE)
            continue;
        (*total)++;
        if (p->state == PROC_RUNNING || p->state == PROC_READY)
            (*running)++;
        if (p->start_ns >= newest_ns) {
            newest_ns = p->start_ns;
            *newest = p->pid;
        }
    }
}

long procfs_loadavg(int pid, char *buf, size_t size)
{
    (void)pid;
    int total, running, newest;
    count_procs(&total, &running, &newest);
    /* Load averages are not kept: 0.00, what an idle Linux shows. */
    return done((size_t)ksnprintf(buf, size, "0.00 0.00 0.00 %d/%d %d\n", running, total, newest), size);
}

long procfs_stat(int pid, char *buf, size_t size)
{
    (void)pid;
    uint64_t user = 0, sys = 0;
    for (int i = 0; i < proc_slots_used; i++) {
        const struct proc *p = proc_table[i];
        if (p && p->state != PROC_UNUSED) {
            user += p->utime;
            sys += p->stime;
        }
    }
    uint64_t now = clock_monotonic_ns(), ticks = now / TICK_NS;
    /* Time nobody was charged for was idle; children reaped already took
     * their ticks with them, so this overstates idle a little. */
    uint64_t idle = ticks > user + sys ? ticks - user - sys : 0;
    int total, running, newest;
    count_procs(&total, &running, &newest);
    int64_t btime = (clock_realtime_ns() - (int64_t)now) / 1000000000;
    size_t n0 = 0, *n = &n0;
    ADD("cpu  %lu 0 %lu %lu 0 0 0 0 0 0\ncpu0 %lu 0 %lu %lu 0 0 0 0 0 0\nintr 0\nctxt 0\nbtime %ld\n"
        "processes %d\nprocs_running %d\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
        user, sys, idle, user, sys, idle, btime, newest, running);
    return done(n0, size);
}

long procfs_filesystems(int pid, char *buf, size_t size)
{
    (void)pid;
    size_t used = 0, *n = &used;
    for (const struct fs_type *t = fs_types(); t; t = t->next)
        ADD("%s\t%s\n", t->requires_dev ? "" : "nodev", t->name);
    return done(used, size);
}

long procfs_meminfo(int pid, char *buf, size_t size)
{
    (void)pid;
    uint64_t total = pmm_total_frames() * 4, free = kmalloc_free_frames() * 4, disk, buffers;
    writeback_cache_pages(&disk, &buffers);
    disk *= 4;
    buffers *= 4;
    uint64_t cached = pc_total_pages() * 4 - buffers, shmem = cached - disk;
    /* tmpfs pages are Shmem and Cached, and not available: they cannot be
     * dropped (Linux counts them the same way). Disk files' pages and the
     * disks' own (Buffers) can be, once written back. */
    return ksnprintf(buf, size,
                     "MemTotal:       %8lu kB\nMemFree:        %8lu kB\nMemAvailable:   %8lu kB\n"
                     "Buffers:        %8lu kB\nCached:         %8lu kB\nSwapCached:            0 kB\n"
                     "SwapTotal:             0 kB\nSwapFree:              0 kB\nDirty:          %8lu kB\n"
                     "Shmem:          %8lu kB\n",
                     total, free, free + disk + buffers, buffers, cached, pc_dirty_pages() * 4, shmem);
}

long procfs_uptime(int pid, char *buf, size_t size)
{
    (void)pid;
    uint64_t cs = clock_monotonic_ns() / 10000000; /* centiseconds */
    return ksnprintf(buf, size, "%lu.%02lu 0.00\n", cs / 100, cs % 100);
}

long procfs_ps(int pid, char *buf, size_t size)
{
    (void)pid;
    size_t n = (size_t)ksnprintf(buf, size, "  PID  PPID  PGID   SID STATE NAME\n");
    for (int i = 0; i < proc_slots_used && n < size; i++) {
        const struct proc *p = proc_table[i];
        if (p)
            n += (size_t)ksnprintf(buf + n, size - n, "%5d %5d %5d %5d %c     %s\n", p->pid,
                                   p->parent ? p->parent->pid : 0, p->pgid, p->sid, proc_state_letter(p), p->name);
    }
    return (long)(n < size ? n : size);
}
