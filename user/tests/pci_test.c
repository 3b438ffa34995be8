/*
 * pci_test.c - /proc/bus/pci/devices, the lspci -b view of the bus, on
 * QEMU's i440FX machine (tests/suites/block.py):
 *
 *   pci_test NDISKS MODERN [BUS]
 *
 * Every line has Linux's 18 tab-separated fields (drivers/pci/proc.c):
 * "BBDD", "VVVVDDDD", the IRQ, seven region starts and seven sizes (16
 * hex digits, space-padded), the driver. The host bridge (8086:1237) and
 * the PIIX3 (8086:7000) are there; each of the NDISKS virtio disks is a
 * 1af4 function bound to "virtio-pci" with an interrupt and an I/O BAR 0
 * (legacy registers) and, when MODERN is 1, a 64-bit prefetchable memory
 * BAR (the virtio 1.0 structures). With BUS, the disks are on that bus
 * (behind a PCI-to-PCI bridge, which must be listed too: class 0604's
 * QEMU pci-bridge 1b36:0001).
 */
#define _GNU_SOURCE
#include <string.h>

#include "tt.h"

#define MAXF 24

/* Splits line at tabs into at most MAXF fields; their count. */
static int split(char *line, char **f)
{
    int n = 0;
    line[strcspn(line, "\n")] = 0;
    for (char *p = line; n < MAXF;) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = 0;
        p = t + 1;
    }
    return n;
}

static int is_hex_field(const char *s, size_t width)
{
    if (strlen(s) != width)
        return 0;
    size_t i = 0;
    while (s[i] == ' ')
        i++;
    if (i == width)
        return 0;
    for (; i < width; i++)
        if (!strchr("0123456789abcdef", s[i]))
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    int ndisks = argc > 1 ? atoi(argv[1]) : 1, modern = argc > 2 ? atoi(argv[2]) : 1;
    int bus = argc > 3 ? (int)strtol(argv[3], NULL, 16) : -1, on_bus = 0, bridge = 0;
    FILE *f = fopen("/proc/bus/pci/devices", "r");
    CHECK(f != NULL, "open /proc/bus/pci/devices");
    if (!f)
        return tt_done();
    char line[1024];
    int lines = 0, well_formed = 0, host_bridge = 0, isa = 0, disks = 0, disks_ok = 0, mem_bar = 0;
    while (fgets(line, sizeof line, f)) {
        char *fl[MAXF];
        int n = split(line, fl);
        lines++;
        int ok = n == 18 && strlen(fl[0]) == 4 && strlen(fl[1]) == 8;
        for (int i = 3; ok && i <= 16; i++)
            if (!is_hex_field(fl[i], 16))
                ok = 0;
        well_formed += ok;
        if (!ok)
            continue;
        if (!strcmp(fl[0], "0000") && !strcmp(fl[1], "80861237"))
            host_bridge = 1;
        if (!strcmp(fl[0], "0008") && !strcmp(fl[1], "80867000"))
            isa = 1;
        if (!strcmp(fl[1], "1b360001"))
            bridge = 1;
        if (!strncmp(fl[1], "1af4", 4) && (!strcmp(fl[1] + 4, "1001") || !strcmp(fl[1] + 4, "1042"))) {
            disks++;
            on_bus += (int)(strtol(fl[0], NULL, 16) >> 8) == bus;
            unsigned long long bar0 = strtoull(fl[3], NULL, 16), size0 = strtoull(fl[10], NULL, 16);
            int irq = (int)strtol(fl[2], NULL, 16);
            int good = !strcmp(fl[17], "virtio-pci") && irq >= 3 && irq <= 15;
            if (!strcmp(fl[1] + 4, "1001"))
                good = good && (bar0 & 1) && bar0 > 1 && size0 >= 0x20; /* legacy registers in I/O space */
            for (int b = 0; b < 6; b++) {
                unsigned long long start = strtoull(fl[3 + b], NULL, 16), size = strtoull(fl[10 + b], NULL, 16);
                /* Memory, 64-bit (type 2 << 1), prefetchable (bit 3): 0xc. */
                if ((start & 0xf) == 0xc && size >= 0x4000 && (start & ~0xfull) % size == 0)
                    mem_bar++;
            }
            disks_ok += good;
        }
    }
    fclose(f);
    CHECK(lines >= 3, "several functions listed");
    CHECK_EQ(well_formed, lines, "every line has Linux's 18 fields");
    CHECK(host_bridge, "00:00.0 is the i440FX host bridge 8086:1237");
    CHECK(isa, "00:01.0 is the PIIX3 ISA bridge 8086:7000");
    CHECK_EQ(disks, ndisks, "one virtio block function per disk");
    CHECK_EQ(disks_ok, ndisks, "each bound to virtio-pci, with its IRQ and registers");
    if (modern)
        CHECK_EQ(mem_bar, ndisks, "each has the 64-bit prefetchable BAR of virtio 1.0");
    if (bus >= 0) {
        CHECK(bridge, "the PCI-to-PCI bridge is listed");
        CHECK_EQ(on_bus, ndisks, "the disks are found on the bridge's secondary bus");
    }
    return tt_done();
}
