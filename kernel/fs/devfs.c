/*
 * devfs.c - /dev: a devtmpfs (one tmpfs instance, made at boot and shared
 * by every mount of "devtmpfs", as Linux's) mounted on /dev, holding a
 * node for each character device the kernel has, registered with its
 * driver's operations (chrdev.h). Major/minor numbers are Linux's
 * (Documentation/admin-guide/devices.txt), so stat() looks as a program
 * expects, and a node made with mknod elsewhere opens the same driver.
 */
#include "fs/devfs.h"

#include "drivers/serial.h"
#include "drivers/tty.h"
#include "fs/chrdev.h"
#include "fs/file.h"
#include "fs/tmpfs.h"
#include "fs/vfs.h"
#include "lib/format.h"
#include "lib/kprintf.h"
#include "lib/random.h"
#include "lib/string.h"
#include "mm/vm.h"
#include "mm/usercopy.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "uapi/errno.h"
#include "uapi/random.h"

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

/* /dev/random, /dev/urandom and getrandom (Linux's get_random_bytes_user):
 * the generator's bytes in chunks through a stack buffer wiped at the end,
 * so no copy of what the caller got stays in the kernel. No chunk crosses
 * a user page, so a fault returns exactly the bytes before the bad page
 * (or EFAULT if that is none), as Linux's byte-exact copy does. A long
 * read stops, short, after each page's worth once a signal is pending
 * (never before the first). */
#define RANDOM_CHUNK 256
long devfs_random_read(uint64_t ubuf, size_t n)
{
    if (n > MAX_RW_COUNT)
        n = MAX_RW_COUNT;
    uint8_t buf[RANDOM_CHUNK];
    size_t done = 0;
    while (done < n) {
        uint64_t to_page_end = PAGE_SIZE - ((ubuf + done) & (PAGE_SIZE - 1));
        size_t k = n - done < RANDOM_CHUNK ? n - done : RANDOM_CHUNK;
        if (k > to_page_end)
            k = to_page_end;
        random_bytes(buf, k);
        if (copy_to_user(ubuf + done, buf, k))
            break;
        done += k;
        if (done < n && done / PAGE_SIZE != (done - k) / PAGE_SIZE && signal_pending(current()))
            break;
    }
    memzero_explicit(buf, sizeof buf);
    return done || n == 0 ? (long)done : -EFAULT;
}

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

/* Mapping /dev/zero gives anonymous memory (shared or private), as on
 * Linux: no file operations for the mapping. */
static int zero_mmap(struct file *f, struct vma_file *m)
{
    (void)f;
    m->ops = NULL;
    return 0;
}

/* splice and sendfile: /dev/null and /dev/zero take anything, /dev/zero
 * and the random devices give zeros and random bytes (Linux's
 * splice_write_null, copy_splice_read). */
static long sink_splice_write(struct file *f, uint64_t *pos, const void *buf, size_t n, bool nonblock)
{
    (void)f, (void)pos, (void)buf, (void)nonblock;
    return (long)n;
}

static long zero_splice_read(struct file *f, uint64_t *pos, void *buf, size_t n, bool nonblock)
{
    (void)f, (void)pos, (void)nonblock;
    memset(buf, 0, n);
    return (long)n;
}

static long random_splice_read(struct file *f, uint64_t *pos, void *buf, size_t n, bool nonblock)
{
    (void)f, (void)pos, (void)nonblock;
    random_bytes(buf, n);
    return (long)n;
}

static const struct file_ops null_ops = {
    .read = null_read, .write = sink_write, .lseek = no_seek, .splice_write = sink_splice_write};
static const struct file_ops zero_ops = {.read = zero_read, .write = sink_write, .lseek = no_seek, .mmap = zero_mmap,
                                         .splice_read = zero_splice_read, .splice_write = sink_splice_write};
static const struct file_ops full_ops = {.read = zero_read, .write = full_write, .lseek = no_seek};
/* The random devices' ioctls: RNDGETENTCNT reports the entropy count,
 * which Linux since 5.18 keeps at the pool's full 256 bits once seeded
 * (Tiny OS's generator is seeded at boot: lib/random.c), as
 * /proc/sys/kernel/random/entropy_avail does. The commands that credit or
 * clear entropy (RNDADDTOENTCNT...) are not kept: ENOTTY, not a pretence. */
#define RANDOM_ENTROPY_BITS 256
long devfs_random_entropy(void) { return RANDOM_ENTROPY_BITS; }

static long random_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
    (void)f;
    if (cmd != RNDGETENTCNT)
        return -ENOTTY;
    int bits = RANDOM_ENTROPY_BITS;
    return copy_to_user(arg, &bits, sizeof bits);
}

/* Writes to the random devices are accepted and ignored (Linux mixes them
 * into its pool; this generator has none). */
static const struct file_ops random_ops = {.read = random_read, .write = sink_write, .lseek = no_seek, .ioctl = random_ioctl,
                                           .splice_read = random_splice_read, .splice_write = sink_splice_write};

static struct super_block *devtmpfs_sb;

static int devtmpfs_mount(const struct fs_type *t, const char *source, unsigned long flags, const char *data,
                          struct super_block **out)
{
    (void)t, (void)source, (void)flags, (void)data;
    if (!devtmpfs_sb)
        return -ENODEV;
    sb_get(devtmpfs_sb);
    *out = devtmpfs_sb;
    return 0;
}

static struct fs_type devtmpfs_type = {.name = "devtmpfs", .mount = devtmpfs_mount};

/* The devtmpfs tree as the kernel reaches it whether or not /dev is
 * mounted (a disk root may lack /dev): never in the mount table. */
static struct mount dev_mnt;

static struct path dev_root(void) { return (struct path){&dev_mnt, devtmpfs_sb->root}; }

/* Registers the driver of rdev and makes its node at path ("/dev/NAME":
 * NAME in devtmpfs). */
static void add(const char *path, const struct file_ops *ops, uint32_t rdev, uint32_t perm)
{
    struct path root = dev_root();
    int err = chrdev_register(rdev, ops);
    if (!err)
        err = vfs_mknod(&root, path + 5, S_IFCHR | perm, rdev);
    if (err)
        kprintf("devfs: cannot create %s (error %d)\n", path, err);
}

/* Nodes asked for before devtmpfs was up. */
#define PENDING_MAX 32
static struct pending_node {
    char name[32];
    uint32_t mode, rdev, uid, gid;
} pending[PENDING_MAX];
static int npending;

static void make_node(const struct pending_node *n)
{
    struct path root = dev_root(), node;
    char path[48];
    ksnprintf(path, sizeof path, "%s", n->name);
    int err = vfs_mknod(&root, path, n->mode, n->rdev);
    if (!err && !(err = namei(&root, path, 0, &node))) {
        node.dentry->inode->uid = n->uid;
        node.dentry->inode->gid = n->gid;
        path_put(&node);
    }
    if (err)
        kprintf("devfs: cannot create %s (error %d)\n", path, err);
}

void devfs_add_node(const char *name, uint32_t mode, uint32_t rdev, uint32_t uid, uint32_t gid)
{
    struct pending_node n = {.mode = mode, .rdev = rdev, .uid = uid, .gid = gid};
    ksnprintf(n.name, sizeof n.name, "%s", name);
    if (devtmpfs_sb) {
        make_node(&n);
    } else if (npending < PENDING_MAX) {
        pending[npending++] = n;
    } else {
        kprintf("devfs: too many early nodes; /dev/%s not made\n", name);
    }
}

static void add_link(const char *path, const char *target)
{
    struct path root = dev_root();
    int err = vfs_symlink(&root, path + 5, target);
    if (err)
        kprintf("devfs: cannot create %s (error %d)\n", path, err);
}

void devfs_init(bool make_dir)
{
    fs_register(&devtmpfs_type);
    devtmpfs_sb = tmpfs_new_sb("devtmpfs", 0755, 0);
    if (!devtmpfs_sb)
        panic("out of memory making devtmpfs");
    sb_activate(devtmpfs_sb); /* its own: the nodes stay when /dev is unmounted */
    dev_mnt = (struct mount){.sb = devtmpfs_sb, .root = devtmpfs_sb->root, .parent = &dev_mnt,
                             .mountpoint = devtmpfs_sb->root, .refs = 1, .source = "devtmpfs"};
    list_init(&dev_mnt.link);
    struct path root = mount_root_path(), dev;
    if (make_dir)
        vfs_mkdir(&root, "/dev", 0755);
    int err = namei(&root, "/dev", LOOKUP_FOLLOW, &dev);
    if (!err) {
        err = mount_new("devtmpfs", "devtmpfs", &dev, MS_NOSUID, NULL);
        path_put(&dev);
    }
    if (err)
        kprintf("devfs: cannot mount devtmpfs on /dev (error %d)\n", err);
    add("/dev/null", &null_ops, MKDEV(1, 3), 0666);
    add("/dev/zero", &zero_ops, MKDEV(1, 5), 0666);
    add("/dev/full", &full_ops, MKDEV(1, 7), 0666);
    add("/dev/random", &random_ops, MKDEV(1, 8), 0666);
    add("/dev/urandom", &random_ops, MKDEV(1, 9), 0666);
    add("/dev/tty", &tty_ops, MKDEV(5, 0), 0666);
    add("/dev/console", &tty_ops, MKDEV(5, 1), 0600);
    if (serial_init(COM2))
        add("/dev/ttyS1", &serial_com2_ops, MKDEV(4, 65), 0660);
    /* udev's links (and bash's fallbacks when it has none of its own):
     * /dev/fd is /proc/self/fd, /dev/stdin its entry 0 and so on. */
    add_link("/dev/fd", "/proc/self/fd");
    add_link("/dev/stdin", "/proc/self/fd/0");
    add_link("/dev/stdout", "/proc/self/fd/1");
    add_link("/dev/stderr", "/proc/self/fd/2");
    struct path droot = dev_root();
    vfs_mkdir(&droot, "shm", 01777); /* POSIX shared memory (shm_open) */
    for (int i = 0; i < npending; i++)
        make_node(&pending[i]);
    npending = 0;
}
