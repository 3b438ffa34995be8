/* chrdev.c - see chrdev.h. */
#include "fs/chrdev.h"

#include "fs/file.h"
#include "fs/inode.h"
#include "mm/kmalloc.h"
#include "uapi/errno.h"

struct chrdev {
    uint32_t rdev;
    const struct file_ops *ops;
    struct chrdev *next;
};

static struct chrdev *devices;

int chrdev_register(uint32_t rdev, const struct file_ops *ops)
{
    for (struct chrdev *c = devices; c; c = c->next)
        if (c->rdev == rdev)
            return -EBUSY;
    struct chrdev *c = kmalloc(sizeof *c);
    if (!c)
        return -ENOMEM;
    *c = (struct chrdev){rdev, ops, devices};
    devices = c;
    return 0;
}

bool chrdev_in_range(uint32_t first, uint32_t last)
{
    for (struct chrdev *c = devices; c; c = c->next)
        if (c->rdev >= first && c->rdev <= last)
            return true;
    return false;
}

static int chrdev_open(struct file *f)
{
    for (struct chrdev *c = devices; c; c = c->next) {
        if (c->rdev == f->inode->rdev) {
            f->ops = c->ops; /* from now on the file is the driver's */
            return c->ops->open ? c->ops->open(f) : 0;
        }
    }
    return -ENXIO; /* open(2): "a device special file ... no corresponding device" */
}

const struct file_ops chrdev_fops = {.open = chrdev_open};
