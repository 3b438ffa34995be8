/*
 * main.c - the boot path, in the order it happens. boot.S enters kmain()
 * in 64-bit mode on the boot stack, with the boot loader's magic number
 * and the physical address of its information structure.
 */
#include <stdint.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/cpu_features.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/idt.h"
#include "arch/x86_64/irq.h"
#include "boot/multiboot.h"
#include "boot/options.h"
#include "mm/aslr.h"
#include "drivers/console.h"
#include "drivers/keyboard.h"
#include "drivers/pci.h"
#include "drivers/virtio.h"
#include "drivers/serial.h"
#include "drivers/tty.h"
#include "fs/initramfs.h"
#include "fs/vfs_init.h"
#include "fs/writeback.h"
#include "ipc/ipc.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "arch/x86_64/fpu.h"
#include "syscall/syscall.h"
#include "arch/x86_64/percpu.h"
#include "mm/usercopy.h"
#include "debug/stack_protector.h"
#include "lib/kprintf.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/direct_map.h"
#include "mm/kmalloc.h"
#include "mm/paging.h"
#include "mm/pmm.h"
#include "tests/selftest.h"
#include "time/clock.h"
#include "version.h"

/* The initramfs archive while it is unpacked: how much of it went back. */
struct archive_release {
    const struct boot_module *m;
    uint64_t done; /* physical address up to which frames were released */
};

/* initramfs_unpack's consumed: the archive's frames below offset go. */
static void release_archive(void *ctx, size_t offset)
{
    struct archive_release *r = ctx;
    uint64_t upto = r->m->start + offset;
    if (upto > r->done) {
        pmm_release_boot_range(r->done, upto);
        r->done = upto & ~4095ull; /* a partial frame is looked at again next time */
    }
}

void kmain(uint32_t magic, uint64_t info_pa);

/* Until paging_init, only the first 4 GiB are in the direct map. */
static const void *early_phys(uint64_t pa, uint64_t len)
{
    if (pa + len < pa || pa + len > (4ull << 30))
        return NULL;
    return phys_to_virt(pa);
}

static struct boot_info boot_info;

static void print_banner(void)
{
    uint64_t total = pmm_total_frames() * 4096, freeb = pmm_free_frames() * 4096;
    kprintf("\n%s %s (x86_64), booted by %s%s%s\n", TINYOS_NAME, TINYOS_VERSION, boot_info.protocol,
            boot_info.loader_name ? " from " : "", boot_info.loader_name ? boot_info.loader_name : "");
    kprintf("memory: %lu MiB usable, %lu KiB free after boot\n", total >> 20, freeb >> 10);
    kprintf("cpu: %s, TSC %lu MHz, features:", cpu_brand(), clock_tsc_hz() / 1000000);
    cpu_features_print();
    kprintf("\n");
    kprintf("timer: PIT at %d Hz\n", TIMER_HZ);
    random_print_sources();
    kprintf("command line: \"%s\"\n", boot_info.cmdline);
}

/* Until the ring-3 shell exists: read lines and echo them back. */
static void kernel_console(void)
{
    kprintf("Kernel console: type a line and it is echoed back (Ctrl-A X leaves QEMU).\n");
    for (;;) {
        char line[256];
        kprintf("tinyos> ");
        console_readline(line, sizeof line);
        if (line[0])
            kprintf("echo: %s\n", line);
    }
}

/* Not stack-protected: the canary changes under its frame (below), and
 * it never returns to the boot stub anyway. */
__attribute__((no_stack_protector)) void kmain(uint32_t magic, uint64_t info_pa)
{
    console_init();
    cpu_features_detect(); /* RDSEED, RDRAND */
    random_init();
    stack_protector_init(); /* a random canary before most of the kernel runs */
    cpu_features_enable();
    gdt_init();
    idt_init(); /* from here on a fault prints a panic report */

    const char *err = multiboot_parse(magic, info_pa, early_phys, &boot_info);
    if (err)
        panic("%s", err);
    options_init(boot_info.cmdline);
    kprintf_set_quiet(option("quiet") != NULL);
    aslr_init();

    pmm_init(&boot_info);
    paging_init();
    kmalloc_init();
    percpu_init();
    usercopy_init(cpu_has(CPU_SMAP));
    syscall_init();
    syscall_trace(option("strace"));

    pic_init();
    clock_init();
    keyboard_init();
    serial_enable_rx_irq(COM1);
    sti();

    print_banner();
    const char *tests = option("selftest");
    if (tests)
        selftest_run(tests);

    vfs_init();
    ipc_init();
    /* The buses and their devices: disks register with the block layer
     * (their /dev nodes appear with devtmpfs, below). */
    pci_init();
    virtio_pci_init();
    if (boot_info.nmodules > 0) {
        const struct boot_module *m = &boot_info.modules[0];
        /* As its files move into the page cache, the archive's memory goes
         * back to the allocator (Linux frees the whole initrd after). */
        struct archive_release r = {m, m->start};
        int n = initramfs_unpack(phys_to_virt(m->start), m->end - m->start, release_archive, &r);
        kprintf("initramfs: %d entries from a %lu KiB archive\n", n, (m->end - m->start) / 1024);
        pmm_release_boot_range(m->start, m->end);
    }
    bool disk_root = vfs_boot_mounts();
    tty_init(option("console"));
    /* A root disk (root=) brings its own init: no initramfs needed. */
    if (boot_info.nmodules == 0 && !disk_root) {
        kprintf("no initramfs module: staying in the kernel console\n");
        kernel_console();
    }
    const char *init = option("init");
    const char *const defaults[] = {"/sbin/init", "/bin/sh", NULL};
    const char *const chosen[] = {init, NULL};
    const char *const *args;
    int nargs = option_init_args(&args);
    const char *errdev = option("stderr");
    if (errdev && strcmp(errdev, "com2") != 0) {
        kprintf("warning: stderr=%s unknown (com2 is the only choice)\n", errdev);
        errdev = NULL;
    }
    fpu_init();
    const char *maxproc = option("maxproc");
    if (maxproc)
        proc_set_limit((int)parse_ulong(maxproc));
    proc_start_init(init ? chosen : defaults, args, nargs, errdev ? "/dev/ttyS1" : NULL);
    writeback_start_flusher(); /* a root disk mounted before init: its flusher is pid 2 */
    tty_set_foreground(1); /* init's group owns the console */
    scheduler();
}
