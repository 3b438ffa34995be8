/* sys/reboot.h - reboot(2) as glibc wraps it: reboot(HOW), the magic
 * numbers supplied by the library. HOW is one of Linux's
 * LINUX_REBOOT_CMD_* values (<linux/reboot.h>), under glibc's names. */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H

#define RB_AUTOBOOT 0x01234567     /* LINUX_REBOOT_CMD_RESTART */
#define RB_HALT_SYSTEM 0xcdef0123  /* LINUX_REBOOT_CMD_HALT */
#define RB_ENABLE_CAD 0x89abcdef   /* LINUX_REBOOT_CMD_CAD_ON */
#define RB_DISABLE_CAD 0           /* LINUX_REBOOT_CMD_CAD_OFF */
#define RB_POWER_OFF 0x4321fedc    /* LINUX_REBOOT_CMD_POWER_OFF */
#define RB_SW_SUSPEND 0xd000fce2   /* LINUX_REBOOT_CMD_SW_SUSPEND */
#define RB_KEXEC 0x45584543        /* LINUX_REBOOT_CMD_KEXEC */

int reboot(int how);

#endif
