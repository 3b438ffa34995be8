/* sys/mount.h - mount(2), umount(2), umount2(2); the flags are the
 * kernel's (uapi/mount.h). */
#ifndef _SYS_MOUNT_H
#define _SYS_MOUNT_H

#include "uapi/mount.h"

int mount(const char *source, const char *target, const char *type, unsigned long flags, const void *data);
int umount(const char *target);
int umount2(const char *target, int flags);

#endif
