/*
 * devfs.c - character devices as inodes in /dev. Major/minor numbers are
 * Linux's (Documentation/admin-guide/devices.txt), so stat() looks as a
 * program expects.
 */
#include "fs/devfs.h"

#include "drivers/serial.h"
#include "drivers/tty.h"
#include "fs/ramfs.h"
#include "lib/kprintf.h"
#include "lib/random.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"

static long null_read(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f, (void)ubuf, (void)n;
    return 0;
}

static long sink_write(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f, (void)ubuf;
    return (long)n;
}

static long zero_read(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f;
    return clear_user(ubuf, n) ? -EFAULT : (long)n;
}

static void random_fill(void *ctx, char *buf, size_t k)
{
    (void)ctx;
    random_bytes(buf, k);
}

long devfs_random_read(uint64_t ubuf, size_t n) { return copy_to_user_chunked(ubuf, n, random_fill, NULL); }

static long random_read(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f;
    return devfs_random_read(ubuf, n);
}

static long full_write(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f, (void)ubuf, (void)n;
    return -ENOSPC;
}

static long no_seek(struct file *f, int64_t off, int whence)
{
    (void)off, (void)whence;
    f->pos = 0;
    return 0; /* Linux: seeking /dev/null or /dev/zero succeeds and stays at 0 */
}

static const struct file_ops null_ops = {.read = null_read, .write = sink_write, .lseek = no_seek};
static const struct file_ops zero_ops = {.read = zero_read, .write = sink_write, .lseek = no_seek};
static const struct file_ops full_ops = {.read = zero_read, .write = full_write, .lseek = no_seek};
/* Writes to the random devices are accepted and ignored (Linux mixes them
 * into its pool; this generator has none). */
static const struct file_ops random_ops = {.read = random_read, .write = sink_write, .lseek = no_seek};

#define MKDEV(ma, mi) (((ma) << 8) | (mi))

static void add(const char *path, const struct file_ops *ops, uint32_t rdev, uint32_t perm)
{
    int err = 0;
    struct inode *n = ramfs_mkpath(path, S_IFCHR | perm, &err);
    if (!n) {
        kprintf("devfs: cannot create %s (error %d)\n", path, err);
        return;
    }
    n->fops = ops;
    n->rdev = rdev;
}

void devfs_init(void)
{
    add("/dev/null", &null_ops, MKDEV(1, 3), 0666);
    add("/dev/zero", &zero_ops, MKDEV(1, 5), 0666);
    add("/dev/full", &full_ops, MKDEV(1, 7), 0666);
    add("/dev/random", &random_ops, MKDEV(1, 8), 0666);
    add("/dev/urandom", &random_ops, MKDEV(1, 9), 0666);
    add("/dev/tty", &tty_ops, MKDEV(5, 0), 0666);
    add("/dev/console", &tty_ops, MKDEV(5, 1), 0600);
    if (serial_init(COM2))
        add("/dev/ttyS1", &serial_com2_ops, MKDEV(4, 65), 0660);
}
