/*
 * procfs_file.c - /proc's regular files (procfs_impl.h): the text of a
 * file is generated once, at open, into a snapshot that reads and seeks
 * see, so a reader gets one consistent picture however it splits its
 * reads. Tunables and writable entries take a value in one write.
 */
#include "fs/procfs_impl.h"

#include "fs/procfs_pid.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define SNAPSHOT_MAX (256 * 1024)

/* --- generated files: a snapshot taken at open ------------------------ */

struct snapshot {
    size_t len;
    char text[];
};

/* The generator of a file: a fixed entry's or a tunable's. */
static generator generator_of(const struct inode *i)
{
    const struct sysctl_entry *t = procfs_sysctl_of(i);
    return t ? t->read : procfs_entry_of(i)->gen;
}

/* Does the file take writes: a tunable's or an entry's writer? */
static bool writable(const struct inode *i)
{
    const struct sysctl_entry *t = procfs_sysctl_of(i);
    return t ? t->write != NULL : procfs_entry_of(i)->write != NULL;
}

/* Hands the n bytes written to the file's writer. */
static long write_to(const struct inode *i, const char *buf, size_t n)
{
    const struct sysctl_entry *t = procfs_sysctl_of(i);
    return t ? t->write(buf, n) : procfs_entry_of(i)->write(ino_pid(i), buf, n);
}

static int snap_open(struct file *f)
{
    bool fdinfo = ino_idx(f->inode) == IDX_FDINFO;
    const struct entry *e = fdinfo ? NULL : procfs_entry_of(f->inode);
    if (fdinfo || (e && e->needs_ptrace)) {
        int denied = procfs_may_look_into(f->inode, !fdinfo);
        if (denied)
            return denied;
    }
    generator gen = fdinfo ? NULL : generator_of(f->inode);
    size_t cap = 4096;
    for (;;) {
        struct snapshot *s = kmalloc(sizeof *s + cap);
        if (!s)
            return -ENOMEM;
        long len = fdinfo ? procfs_pid_fdinfo(ino_pid(f->inode), ino_fd(f->inode), s->text, cap)
                   : gen  ? gen(ino_pid(f->inode), s->text, cap)
                          : 0; /* write-only: empty */
        if (len < 0) {
            kfree(s);
            return (int)len;
        }
        s->len = (size_t)len < cap ? (size_t)len : cap;
        if (s->len < cap || cap >= SNAPSHOT_MAX) {
            f->priv = s;
            return 0;
        }
        kfree(s); /* too small: try again bigger */
        cap *= 4;
    }
}

/* Copies the snapshot's text from *pos on into user memory (ubuf) or
 * kernel memory (kbuf: splice), advancing *pos. */
static long snap_copy(struct file *f, uint64_t *pos, uint64_t ubuf, void *kbuf, size_t n)
{
    struct snapshot *s = f->priv;
    if (*pos >= s->len)
        return 0;
    if (n > s->len - *pos)
        n = s->len - *pos;
    if (kbuf)
        memcpy(kbuf, s->text + *pos, n);
    else if (copy_to_user(ubuf, s->text + *pos, n))
        return -EFAULT;
    *pos += n;
    return (long)n;
}

static long snap_read(struct file *f, uint64_t ubuf, size_t n) { return snap_copy(f, &f->pos, ubuf, NULL, n); }

static long snap_splice_read(struct file *f, uint64_t *pos, void *buf, size_t n, bool nonblock)
{
    (void)nonblock;
    return snap_copy(f, pos, 0, buf, n);
}

static long snap_lseek(struct file *f, int64_t off, int whence)
{
    struct snapshot *s = f->priv;
    int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (int64_t)f->pos : whence == SEEK_END ? (int64_t)s->len : -1;
    if (base < 0 || base + off < 0)
        return -EINVAL;
    f->pos = (uint64_t)(base + off);
    return (long)f->pos;
}

static void snap_release(struct file *f) { kfree(f->priv); }

const struct file_ops procfs_snapshot_ops = {
    .open = snap_open, .read = snap_read, .lseek = snap_lseek, .release = snap_release, .splice_read = snap_splice_read};

/* --- tunables and writable entries: a snapshot to read, a value to write */

#define SYSCTL_WRITE_MAX 4096

static int knob_open(struct file *f)
{
    uint32_t acc = f->flags & O_ACCMODE;
    /* Checked against the mode even for root, as Linux does for sysctls:
     * a read-only tunable cannot be opened for writing. */
    if ((acc != O_WRONLY && !generator_of(f->inode)) || (acc != O_RDONLY && !writable(f->inode)))
        return -EACCES;
    return snap_open(f);
}

/* One write sets the value from its text (Linux's sysctls take the whole
 * value in one write too), from user memory (ubuf) or kernel memory
 * (kbuf: splice). */
static long knob_set(struct file *f, uint64_t *pos, uint64_t ubuf, const void *kbuf, size_t n)
{
    if (n == 0)
        return 0;
    if (n > SYSCTL_WRITE_MAX)
        return -EINVAL;
    long r;
    if (kbuf) {
        r = write_to(f->inode, kbuf, n);
    } else {
        char *text = kmalloc(n);
        if (!text)
            return -ENOMEM;
        r = copy_from_user(text, ubuf, n) ? -EFAULT : write_to(f->inode, text, n);
        kfree(text);
    }
    if (r > 0)
        *pos += (uint64_t)r;
    return r;
}

static long knob_write(struct file *f, uint64_t ubuf, size_t n) { return knob_set(f, &f->pos, ubuf, NULL, n); }

static long knob_splice_write(struct file *f, uint64_t *pos, const void *buf, size_t n, bool nonblock)
{
    (void)nonblock;
    return knob_set(f, pos, 0, buf, n);
}

const struct file_ops procfs_knob_ops = {
    .open = knob_open, .read = snap_read, .write = knob_write, .lseek = snap_lseek, .release = snap_release,
    .splice_read = snap_splice_read, .splice_write = knob_splice_write};

