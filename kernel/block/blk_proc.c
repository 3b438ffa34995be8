/* blk_proc.c - see blk_proc.h. */
#include "block/blk_proc.h"

#include "block/bdev_internal.h"
#include "fs/chrdev.h"
#include "lib/format.h"

#define EMIT(...) len += (size_t)ksnprintf(buf + (len < size ? len : size), len < size ? size - len : 0, __VA_ARGS__)

static unsigned major_of(uint32_t rdev) { return rdev >> 8; }
static unsigned minor_of(uint32_t rdev) { return rdev & 0xFF; }

long blk_proc_partitions(int pid, char *buf, size_t size)
{
    (void)pid;
    size_t len = 0;
    EMIT("major minor  #blocks  name\n\n");
    for (struct block_device *bd = blk_devices(); bd; bd = bd->next)
        EMIT("%4u  %7u %10lu %s\n", major_of(bd->rdev), minor_of(bd->rdev), bd->nsectors >> 1, bd->name);
    return (long)len;
}

long blk_proc_diskstats(int pid, char *buf, size_t size)
{
    (void)pid;
    size_t len = 0;
    for (struct block_device *bd = blk_devices(); bd; bd = bd->next) {
        /* reads merged sectors ms, writes merged sectors ms, in flight,
         * io ms, weighted ms, discards merged sectors ms, flushes ms. */
        EMIT("%4u %7u %s %lu 0 %lu 0 %lu 0 %lu 0 0 0 0 0 0 0 0 %lu 0\n", major_of(bd->rdev), minor_of(bd->rdev),
             bd->name, bd->reads, bd->sectors_read, bd->writes, bd->sectors_written, blk_stats_of(bd)->flushes);
    }
    return (long)len;
}

/* Linux's names of the character majors Tiny OS has (its
 * register_chrdev calls), by the minor ranges they cover. */
static const struct {
    unsigned major, first, last;
    const char *name;
} char_names[] = {
    {1, 0, 255, "mem"},           {4, 0, 63, "/dev/vc/0"}, {4, 64, 255, "ttyS"},
    {5, 0, 0, "/dev/tty"},        {5, 1, 1, "/dev/console"}, {5, 2, 2, "/dev/ptmx"},
    {10, 0, 255, "misc"},         {136, 0, 255, "pts"},
};

long blk_proc_devices(int pid, char *buf, size_t size)
{
    (void)pid;
    size_t len = 0;
    EMIT("Character devices:\n");
    for (size_t i = 0; i < sizeof char_names / sizeof char_names[0]; i++)
        if (chrdev_in_range(MKDEV(char_names[i].major, char_names[i].first), MKDEV(char_names[i].major, char_names[i].last)))
            EMIT("%3u %s\n", char_names[i].major, char_names[i].name);
    EMIT("\nBlock devices:\n");
    unsigned last = 0;
    for (unsigned major = 1; major < 256; major++) {
        for (struct block_device *bd = blk_devices(); bd; bd = bd->next) {
            if (major_of(bd->rdev) != major || major == last)
                continue;
            /* Linux's register_blkdev names: virtblk for 254 (virtio_blk), ramdisk for 1. */
            EMIT("%3u %s\n", major, major == 254 ? "virtblk" : major == 1 ? "ramdisk" : "blkext");
            last = major;
        }
    }
    return (long)len;
}
