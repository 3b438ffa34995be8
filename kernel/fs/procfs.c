/* procfs.c - see procfs.h. */
#include "fs/procfs.h"

#include "block/blk_proc.h"
#include "drivers/pci_proc.h"
#include "fs/procfs_impl.h"
#include "fs/procfs_pid.h"
#include "fs/permission.h"
#include "fs/procfs_sys.h"
#include "fs/procfs_sysctl.h"
#include "fs/vfs.h"
#include "ipc/ipc.h"
#include "security/keys/keys.h"
#include "lib/format.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/usercopy.h"
#include "proc/cred.h"
#include "proc/proc.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define PROC_SUPER_MAGIC 0x9fa0

static const struct entry root_entries[] = {
    {"meminfo", S_IFREG | 0444, procfs_meminfo, NULL, -1, NULL, false, false},
    {"uptime", S_IFREG | 0444, procfs_uptime, NULL, -1, NULL, false, false},
    {"ps", S_IFREG | 0444, procfs_ps, NULL, -1, NULL, false, false},
    {"cpuinfo", S_IFREG | 0444, procfs_cpuinfo, NULL, -1, NULL, false, false},
    {"version", S_IFREG | 0444, procfs_version, NULL, -1, NULL, false, false},
    {"cmdline", S_IFREG | 0444, procfs_cmdline, NULL, -1, NULL, false, false},
    {"loadavg", S_IFREG | 0444, procfs_loadavg, NULL, -1, NULL, false, false},
    {"stat", S_IFREG | 0444, procfs_stat, NULL, -1, NULL, false, false},
    {"filesystems", S_IFREG | 0444, procfs_filesystems, NULL, -1, NULL, false, false},
    /* the disks (block/blk_proc.h) */
    {"partitions", S_IFREG | 0444, blk_proc_partitions, NULL, -1, NULL, false, false},
    {"diskstats", S_IFREG | 0444, blk_proc_diskstats, NULL, -1, NULL, false, false},
    {"devices", S_IFREG | 0444, blk_proc_devices, NULL, -1, NULL, false, false},
    {"mounts", S_IFLNK | 0777, NULL, "self/mounts", -1, NULL, false, false},
    {"sys", S_IFDIR | 0555, NULL, NULL, -1, NULL, false, false},
    {"sysvipc", S_IFDIR | 0555, NULL, NULL, -1, NULL, false, false},
    {"bus", S_IFDIR | 0555, NULL, NULL, -1, NULL, false, false},
    {"keys", S_IFREG | 0444, keys_proc_keys, NULL, -1, NULL, false, false}, /* the key service (security/keys) */
    {"key-users", S_IFREG | 0444, keys_proc_key_users, NULL, -1, NULL, false, false},
};
#define NROOT (sizeof root_entries / sizeof root_entries[0])

/* System V IPC's objects, in Linux's formats (ipc/ipc.h). */
static const struct entry sysvipc_entries[] = {
    {"msg", S_IFREG | 0444, msg_proc_show, NULL, -1, NULL, false, false},
    {"sem", S_IFREG | 0444, sem_proc_show, NULL, -1, NULL, false, false},
    {"shm", S_IFREG | 0444, shm_proc_show, NULL, -1, NULL, false, false},
};
#define NSYSVIPC (sizeof sysvipc_entries / sizeof sysvipc_entries[0])

/* /proc/bus/pci/devices: the PCI functions (drivers/pci.h). */
static const struct entry bus_entries[] = {
    {"pci", S_IFDIR | 0555, NULL, NULL, -1, NULL, false, false},
};
static const struct entry bus_pci_entries[] = {
    {"devices", S_IFREG | 0444, pci_proc_devices, NULL, -1, NULL, false, false},
};

/* The directories below /proc with fixed entries: the directory's own
 * entry name (unique among them), its entries, and the index of the
 * first one (procfs_impl.h). */
static const struct subdir {
    const char *name;
    const struct entry *entries;
    size_t n;
    unsigned base;
} subdirs[] = {
    {"sysvipc", sysvipc_entries, NSYSVIPC, IDX_SYSVIPC},
    {"bus", bus_entries, 1, IDX_BUS},
    {"pci", bus_pci_entries, 1, IDX_BUS_PCI},
};
#define NSUBDIRS (sizeof subdirs / sizeof subdirs[0])

static const struct entry pid_entries[] = {
    {"status", S_IFREG | 0444, procfs_pid_status, NULL, -1, NULL, false, false},
    {"stat", S_IFREG | 0444, procfs_pid_stat, NULL, -1, NULL, false, false},
    {"cmdline", S_IFREG | 0444, procfs_pid_cmdline, NULL, -1, NULL, false, false},
    {"comm", S_IFREG | 0644, procfs_pid_comm, NULL, -1, procfs_pid_comm_write, false, false},
    {"exe", S_IFLNK | 0777, NULL, NULL, PROCFS_EXE, NULL, false, false},
    {"cwd", S_IFLNK | 0777, NULL, NULL, PROCFS_CWD, NULL, false, false},
    {"root", S_IFLNK | 0777, NULL, NULL, PROCFS_ROOT, NULL, false, false},
    {"maps", S_IFREG | 0444, procfs_pid_maps, NULL, -1, NULL, false, true},
    {"smaps", S_IFREG | 0444, procfs_pid_smaps, NULL, -1, NULL, false, true},
    {"smaps_rollup", S_IFREG | 0444, procfs_pid_smaps_rollup, NULL, -1, NULL, false, true},
    {"environ", S_IFREG | 0400, procfs_pid_environ, NULL, -1, NULL, false, true},
    {"mem", S_IFREG | 0600, NULL, NULL, -1, NULL, false, true}, /* its own operations (procfs_mem.c) */
    {"mounts", S_IFREG | 0444, procfs_pid_mounts, NULL, -1, NULL, false, false},
    {"mountinfo", S_IFREG | 0444, procfs_pid_mountinfo, NULL, -1, NULL, false, false},
    {"fd", S_IFDIR | 0500, NULL, NULL, -1, NULL, false, false},
    {"fdinfo", S_IFDIR | 0500, NULL, NULL, -1, NULL, false, false},
    {"timerslack_ns", S_IFREG | 0666, procfs_pid_timerslack, NULL, -1, procfs_pid_timerslack_write, true, false},
    {"coredump_filter", S_IFREG | 0644, procfs_pid_coredump_filter, NULL, -1, procfs_pid_coredump_filter_write, true,
     false},
    {"task", S_IFDIR | 0555, NULL, NULL, -1, NULL, true, false}, /* one directory per thread */
};
#define NPID (sizeof pid_entries / sizeof pid_entries[0])

#define entry_of procfs_entry_of
#define sysctl_of procfs_sysctl_of

/* The fixed entry an inode stands for, or NULL (directories, fd links, self). */
const struct entry *procfs_entry_of(const struct inode *i)
{
    unsigned idx = ino_idx(i);
    if (idx < IDX_FIRST || idx >= IDX_THREAD_SELF)
        return NULL;
    if (ino_pid(i) == 0 && idx >= IDX_SYSCTL)
        return NULL;
    if (ino_pid(i) == 0 && idx >= IDX_SYSVIPC) {
        for (size_t k = 0; k < NSUBDIRS; k++)
            if (idx >= subdirs[k].base && idx - subdirs[k].base < subdirs[k].n)
                return &subdirs[k].entries[idx - subdirs[k].base];
        return NULL;
    }
    if (ino_pid(i) == 0)
        return idx - IDX_FIRST < NROOT ? &root_entries[idx - IDX_FIRST] : NULL;
    return idx - IDX_FIRST < NPID ? &pid_entries[idx - IDX_FIRST] : NULL;
}

/* The /proc/sys entry an inode stands for, or NULL. */
const struct sysctl_entry *procfs_sysctl_of(const struct inode *i)
{
    unsigned idx = ino_idx(i);
    if (ino_pid(i) != 0 || idx < IDX_SYSCTL || idx - IDX_SYSCTL >= (unsigned)sysctl_count)
        return NULL;
    return &sysctl_entries[idx - IDX_SYSCTL];
}

/* Is i the directory /proc/NAME (sys, sysvipc)? */
static bool is_root_dir(const struct inode *i, const char *name)
{
    const struct entry *r = entry_of(i);
    return r && ino_pid(i) == 0 && (r->mode & S_IFMT) == S_IFDIR && !strcmp(r->name, name);
}

/* A directory of /proc/sys: its index in the sysctl table, -1 for
 * /proc/sys itself, or -2 when it is not one. */
static int sysctl_dir_index(const struct inode *i)
{
    const struct sysctl_entry *e = sysctl_of(i);
    if (e)
        return (e->mode & S_IFMT) == S_IFDIR ? (int)(e - sysctl_entries) : -2;
    return is_root_dir(i, "sys") ? -1 : -2;
}

/* Is i /proc/PID/task? */
static bool is_task_dir(const struct inode *i)
{
    const struct entry *e = entry_of(i);
    return e && ino_pid(i) && !strcmp(e->name, "task");
}

/* /proc/PID/fd (IDX_FD_LINK) or /proc/PID/fdinfo (IDX_FDINFO): the index
 * of its entries; 0 for other directories. */
static unsigned fd_dir_kind(const struct inode *i)
{
    const struct entry *e = entry_of(i);
    if (!e || !ino_pid(i) || (e->mode & S_IFMT) != S_IFDIR || is_task_dir(i))
        return 0;
    return strcmp(e->name, "fd") ? IDX_FDINFO : IDX_FD_LINK;
}

/* The thread or process a /proc/PID (/proc/PID/task/TID) inode is about. */
static struct proc *inode_proc(const struct inode *i)
{
    return ino_task(i) ? procfs_find_task(ino_pid(i)) : procfs_find_leader(ino_pid(i));
}

int procfs_may_look_into(const struct inode *i, bool need_mm)
{
    const struct proc *t = ino_pid(i) ? procfs_find_task(ino_pid(i)) : NULL;
    if (!t || (need_mm && !t->mm))
        return 0;
    return proc_may_access(t, true) ? 0 : -EACCES;
}

/* --- links ------------------------------------------------------------- */

/* A process's exe, cwd and root links and its fd/N links, read or
 * followed, need ptrace access (Linux's proc_fd_access_allowed); /proc's
 * own links (self, mounts) do not. */
static int link_allowed(const struct inode *link) { return ino_pid(link) ? procfs_may_look_into(link, false) : 0; }

static long link_readlink(struct inode *link, char *buf, size_t size)
{
    int pid = ino_pid(link);
    unsigned idx = ino_idx(link);
    const struct entry *fixed = idx == IDX_FD_LINK ? NULL : entry_of(link);
    int denied = idx == IDX_FD_LINK || (fixed && fixed->place >= 0) ? link_allowed(link) : 0;
    if (denied)
        return denied;
    /* The text into a bounce buffer: the generators want room for a NUL. */
    char *tmp = kmalloc(PATH_MAX);
    if (!tmp)
        return -ENOMEM;
    long n;
    if (idx == IDX_SELF) {
        struct proc *p = current();
        n = p ? ksnprintf(tmp, PATH_MAX, "%d", p->tgid) : -ENOENT;
    } else if (idx == IDX_THREAD_SELF) {
        struct proc *p = current();
        n = p ? ksnprintf(tmp, PATH_MAX, "%d/task/%d", p->tgid, p->pid) : -ENOENT;
    } else if (idx == IDX_FD_LINK) {
        n = procfs_pid_fd_text(pid, ino_fd(link), tmp, PATH_MAX);
    } else {
        const struct entry *e = entry_of(link);
        n = e->text ? ksnprintf(tmp, PATH_MAX, "%s", e->text) : procfs_pid_place_text(pid, e->place, tmp, PATH_MAX);
    }
    if (n >= 0) {
        if ((size_t)n > size)
            n = (long)size;
        memcpy(buf, tmp, (size_t)n);
    }
    kfree(tmp);
    return n;
}

static int link_follow(struct inode *link, struct path *out)
{
    int denied = link_allowed(link); /* magic links: exe, cwd, root, fd/N */
    if (denied)
        return denied;
    if (ino_idx(link) == IDX_FD_LINK)
        return procfs_pid_fd_path(ino_pid(link), ino_fd(link), out);
    return procfs_pid_place(ino_pid(link), entry_of(link)->place, out);
}

static const struct inode_ops text_link_iops = {.readlink = link_readlink};
static const struct inode_ops magic_link_iops = {.readlink = link_readlink, .follow = link_follow};

/* --- directories ------------------------------------------------------- */

static const struct inode_ops dir_iops;
static const struct inode_ops fd_dir_iops;
static const struct file_ops dir_fops;

/* A new inode for (pid, fd, idx) of the given mode. */
static int make_inode(struct super_block *sb, int pid, int fd, unsigned idx, uint32_t mode, struct inode **out)
{
    struct inode *n = inode_new(sb, mode);
    if (!n)
        return -ENOMEM;
    n->ino = make_ino(pid, fd, idx);
    /* Owner: root for /proc's own files; a process's files are its
     * effective ids' while it is dumpable (Linux's task_dump_owner). */
    const struct proc *t = pid ? procfs_find_task(pid) : NULL;
    n->uid = t && t->leader->dumpable == 1 ? t->cred->euid : 0;
    n->gid = t && t->leader->dumpable == 1 ? t->cred->egid : 0;
    switch (mode & S_IFMT) {
    case S_IFDIR:
        n->ops = fd_dir_kind(n) == IDX_FD_LINK ? &fd_dir_iops : &dir_iops;
        n->fops = &dir_fops;
        break;
    case S_IFREG: {
        const struct entry *e = entry_of(n);
        if (e && pid && !strcmp(e->name, "mem"))
            n->fops = &procfs_mem_ops;
        else
            n->fops = sysctl_of(n) || (e && e->write) ? &procfs_knob_ops : &procfs_snapshot_ops;
        break;
    }
    case S_IFLNK: {
        const struct entry *e = entry_of(n);
        n->ops = idx == IDX_FD_LINK || (e && e->place >= 0) ? &magic_link_iops : &text_link_iops;
        break;
    }
    }
    *out = n;
    return 0;
}

static bool parse_number(const char *name, size_t len, int *out)
{
    if (len == 0 || len > 9 || (name[0] == '0' && len > 1))
        return false;
    int v = 0;
    for (size_t i = 0; i < len; i++) {
        if (name[i] < '0' || name[i] > '9')
            return false;
        v = v * 10 + (name[i] - '0');
    }
    *out = v;
    return true;
}

/* An entry of a fixed table whose entry i has index base + i. */
static int lookup_in(const struct entry *table, size_t n, unsigned base, int pid, struct inode *dir, const char *name,
                     size_t len, struct inode **out)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(table[i].name) == len && !memcmp(table[i].name, name, len))
            return make_inode(dir->sb, pid, -1, base + (unsigned)i, table[i].mode, out);
    return -ENOENT;
}

/* An entry of /proc/sys or one of its directories (parent: its index). */
static int sysctl_lookup(int parent, struct inode *dir, const char *name, size_t len, struct inode **out)
{
    for (int i = 0; i < sysctl_count; i++) {
        const struct sysctl_entry *e = &sysctl_entries[i];
        if (e->parent == parent && strlen(e->name) == len && !memcmp(e->name, name, len))
            return make_inode(dir->sb, 0, -1, IDX_SYSCTL + (unsigned)i, e->mode, out);
    }
    return -ENOENT;
}

static int proc_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    int pid = ino_pid(dir), num;
    int sys_dir = pid == 0 ? sysctl_dir_index(dir) : -2;
    if (sys_dir >= -1)
        return sysctl_lookup(sys_dir, dir, name, len, out);
    for (size_t k = 0; pid == 0 && k < NSUBDIRS; k++)
        if (is_root_dir(dir, subdirs[k].name))
            return lookup_in(subdirs[k].entries, subdirs[k].n, subdirs[k].base, 0, dir, name, len, out);
    if (pid == 0) { /* /proc itself */
        if (len == 4 && !memcmp(name, "self", 4))
            return make_inode(dir->sb, 0, -1, IDX_SELF, S_IFLNK | 0777, out);
        if (len == 11 && !memcmp(name, "thread-self", 11))
            return make_inode(dir->sb, 0, -1, IDX_THREAD_SELF, S_IFLNK | 0777, out);
        if (parse_number(name, len, &num) && procfs_find_leader(num))
            return make_inode(dir->sb, num, -1, IDX_PID_DIR, S_IFDIR | 0555, out);
        return lookup_in(root_entries, NROOT, IDX_FIRST, 0, dir, name, len, out);
    }
    struct proc *p = inode_proc(dir);
    if (!p)
        return -ENOENT;
    if (is_task_dir(dir)) { /* a thread of the process: /proc/PID/task/TID */
        struct proc *t = parse_number(name, len, &num) ? procfs_find_task(num) : NULL;
        if (!t || t->leader != p || t->state == PROC_ZOMBIE)
            return -ENOENT;
        int err = make_inode(dir->sb, num, -1, IDX_PID_DIR, S_IFDIR | 0555, out);
        if (!err)
            (*out)->ino |= TASK_BIT;
        return err;
    }
    int err;
    unsigned kind = fd_dir_kind(dir);
    if (kind) {
        uint32_t mode;
        if (!parse_number(name, len, &num) || num >= NOFILE || procfs_pid_fd_mode(pid, num, &mode))
            return -ENOENT;
        err = make_inode(dir->sb, pid, num, kind, kind == IDX_FDINFO ? S_IFREG | 0444 : mode, out);
    } else {
        err = lookup_in(pid_entries, NPID, IDX_FIRST, pid, dir, name, len, out);
        if (!err && ino_task(dir) && entry_of(*out)->process_only) {
            inode_put(*out);
            return -ENOENT;
        }
    }
    if (!err && ino_task(dir)) /* under /proc/PID/task/TID */
        (*out)->ino |= TASK_BIT;
    return err;
}

static const struct inode_ops dir_iops = {.lookup = proc_lookup};

/* /proc/PID/fd: its mode, or the process itself, whose fd/ is root's
 * while it is not dumpable (Linux's proc_fd_permission). */
static int fd_dir_permission(const struct cred *c, const struct inode *dir, int mask)
{
    if (!generic_permission(c, dir, mask))
        return 0;
    const struct proc *p = inode_proc(dir), *me = current();
    return p && me && p->leader == me->leader ? 0 : -EACCES;
}

static const struct inode_ops fd_dir_iops = {.lookup = proc_lookup, .permission = fd_dir_permission};

static long dir_read(struct file *f, uint64_t ubuf, size_t n)
{
    (void)f, (void)ubuf, (void)n;
    return -EISDIR;
}

static long dir_lseek(struct file *f, int64_t off, int whence)
{
    if (whence == SEEK_CUR)
        off += (int64_t)f->pos;
    else if (whence != SEEK_SET)
        return -EINVAL;
    if (off < 0)
        return -EINVAL;
    f->pos = (uint64_t)off;
    return off;
}

static unsigned dtype(uint32_t mode) { return (mode & S_IFMT) >> 12; }

/* Positions: 0 ".", 1 "..", then the fixed entries, then (in /proc) a
 * process at FIRST_PID_POS + pid, or (in fd/) a descriptor at 2 + fd, so
 * a listing continues where it stopped even as processes come and go. */
#define FIRST_PID_POS 1024

static int dir_iterate(struct file *f, struct dir_context *ctx)
{
    struct inode *dir = f->inode;
    struct dentry *d = f->path.dentry;
    int pid = ino_pid(dir);
    if (f->pos == 0) {
        if (!ctx->emit(ctx, ".", 1, dir->ino, dtype(S_IFDIR)))
            return 0;
        f->pos = 1;
    }
    if (f->pos == 1) {
        if (!ctx->emit(ctx, "..", 2, d->parent->inode->ino, dtype(S_IFDIR)))
            return 0;
        f->pos = 2;
    }
    unsigned kind = fd_dir_kind(dir);
    if (kind) {
        for (int fd; (fd = procfs_pid_next_fd(pid, (int)f->pos - 2)) >= 0; f->pos = (uint64_t)fd + 3) {
            f->pos = (uint64_t)fd + 2; /* the entry's own position (getdents's d_off is the next) */
            char name[12];
            int len = ksnprintf(name, sizeof name, "%d", fd);
            if (!ctx->emit(ctx, name, (size_t)len, make_ino(pid, fd, kind) | (dir->ino & TASK_BIT),
                           dtype(kind == IDX_FDINFO ? S_IFREG : S_IFLNK)))
                return 0;
        }
        return 0;
    }
    if (is_task_dir(dir)) { /* the live threads, by thread id: position 2 + tid */
        struct proc *p = inode_proc(dir);
        for (;;) {
            int next = -1;
            for (int i = 0; p && i < proc_slots_used; i++) {
                const struct proc *t = proc_table[i];
                if (t && t->leader == p && t->state != PROC_UNUSED && t->state != PROC_ZOMBIE &&
                    t->pid >= (int)(f->pos - 2) && (next < 0 || t->pid < next))
                    next = t->pid;
            }
            if (next < 0)
                return 0;
            char name[12];
            int len = ksnprintf(name, sizeof name, "%d", next);
            f->pos = 2 + (uint64_t)next;
            if (!ctx->emit(ctx, name, (size_t)len, make_ino(next, -1, IDX_PID_DIR) | TASK_BIT, dtype(S_IFDIR)))
                return 0;
            f->pos = 3 + (uint64_t)next;
        }
    }
    int sys_dir = pid == 0 ? sysctl_dir_index(dir) : -2;
    if (sys_dir >= -1) { /* /proc/sys/...: the table's entries under it */
        for (; f->pos - 2 < (uint64_t)sysctl_count; f->pos++) {
            int i = (int)(f->pos - 2);
            const struct sysctl_entry *e = &sysctl_entries[i];
            if (e->parent == sys_dir &&
                !ctx->emit(ctx, e->name, strlen(e->name), make_ino(0, -1, IDX_SYSCTL + (unsigned)i), dtype(e->mode)))
                return 0;
        }
        return 0;
    }
    for (size_t k = 0; pid == 0 && k < NSUBDIRS; k++) {
        const struct subdir *sd = &subdirs[k];
        if (!is_root_dir(dir, sd->name))
            continue;
        for (; f->pos - 2 < sd->n; f->pos++) {
            const struct entry *e = &sd->entries[f->pos - 2];
            if (!ctx->emit(ctx, e->name, strlen(e->name), make_ino(0, -1, sd->base + (unsigned)(f->pos - 2)),
                           dtype(e->mode)))
                return 0;
        }
        return 0;
    }
    const struct entry *table = pid ? pid_entries : root_entries;
    size_t n = pid ? NPID : NROOT;
    for (; f->pos - 2 < n; f->pos++) {
        const struct entry *e = &table[f->pos - 2];
        if (ino_task(dir) && e->process_only)
            continue;
        if (!ctx->emit(ctx, e->name, strlen(e->name),
                       make_ino(pid, -1, IDX_FIRST + (unsigned)(f->pos - 2)) | (dir->ino & TASK_BIT), dtype(e->mode)))
            return 0;
    }
    if (pid)
        return 0;
    if (f->pos < 2 + NROOT + 1) { /* "self" and "thread-self" after the files */
        f->pos = 2 + NROOT;
        if (!ctx->emit(ctx, "self", 4, make_ino(0, -1, IDX_SELF), dtype(S_IFLNK)))
            return 0;
        f->pos = 2 + NROOT + 1;
    }
    if (f->pos < 2 + NROOT + 2) {
        if (!ctx->emit(ctx, "thread-self", 11, make_ino(0, -1, IDX_THREAD_SELF), dtype(S_IFLNK)))
            return 0;
        f->pos = FIRST_PID_POS;
    }
    if (f->pos < FIRST_PID_POS)
        f->pos = FIRST_PID_POS;
    for (;;) {
        /* The live process with the smallest pid at or after the position. */
        int next = -1;
        for (int i = 0; i < proc_slots_used; i++) {
            const struct proc *p = proc_table[i];
            if (p && p->leader == p && p->state != PROC_UNUSED && p->pid >= (int)(f->pos - FIRST_PID_POS) &&
                (next < 0 || p->pid < next))
                next = p->pid;
        }
        if (next < 0)
            return 0;
        char name[12];
        int len = ksnprintf(name, sizeof name, "%d", next);
        f->pos = FIRST_PID_POS + (uint64_t)next;
        if (!ctx->emit(ctx, name, (size_t)len, make_ino(next, -1, IDX_PID_DIR), dtype(S_IFDIR)))
            return 0;
        f->pos = FIRST_PID_POS + (uint64_t)next + 1;
    }
}

static const struct file_ops dir_fops = {.read = dir_read, .lseek = dir_lseek, .iterate = dir_iterate};

/* --- the superblock ---------------------------------------------------- */

/* A cached dentry under /proc/PID is stale once the process is gone (and
 * an fd link once the descriptor is closed); its owner follows the
 * process's ids. */
static bool proc_revalidate(struct dentry *d)
{
    struct inode *i = d->inode;
    int pid = ino_pid(i);
    if (pid == 0)
        return true;
    const struct proc *t = inode_proc(i);
    if (!t)
        return false;
    i->uid = t->leader->dumpable == 1 ? t->cred->euid : 0; /* the process may have changed its ids */
    i->gid = t->leader->dumpable == 1 ? t->cred->egid : 0;
    uint32_t mode;
    return (ino_idx(i) != IDX_FD_LINK && ino_idx(i) != IDX_FDINFO) || procfs_pid_fd_mode(pid, ino_fd(i), &mode) == 0;
}

static void proc_statfs(struct super_block *sb, struct kstatfs *st)
{
    (void)sb;
    st->type = PROC_SUPER_MAGIC;
    st->bsize = st->frsize = 4096;
    st->namelen = 255;
}

static const struct super_ops proc_sops = {.statfs = proc_statfs, .revalidate = proc_revalidate};

static struct super_block *proc_sb; /* one instance, as Linux has one per pid namespace */

static int proc_mount(const struct fs_type *t, const char *source, unsigned long flags, const char *data,
                      struct super_block **out)
{
    (void)source, (void)flags, (void)data;
    if (!proc_sb) {
        struct super_block *sb = sb_new(t, &proc_sops, PROC_SUPER_MAGIC);
        struct inode *root = NULL;
        if (!sb || make_inode(sb, 0, -1, IDX_ROOT, S_IFDIR | 0555, &root)) {
            if (sb)
                sb_put(sb);
            return -ENOMEM;
        }
        root->nlink = 3;
        sb->root = d_alloc_root(sb, root);
        if (!sb->root) {
            sb_put(sb);
            return -ENOMEM;
        }
        proc_sb = sb;
        sb_activate(sb); /* kept for later mounts even when unmounted */
    }
    sb_get(proc_sb);
    *out = proc_sb;
    return 0;
}

static struct fs_type proc_type = {.name = "proc", .mount = proc_mount};

void procfs_init(void) { fs_register(&proc_type); }

int procfs_dir_pid(const struct inode *i)
{
    if (!proc_sb || i->sb != proc_sb || ino_idx(i) != IDX_PID_DIR || ino_fd(i) != -1 || ino_task(i))
        return 0;
    return ino_pid(i);
}
