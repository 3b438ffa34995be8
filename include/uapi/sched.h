/* uapi/sched.h - clone(2) flags (include/uapi/linux/sched.h): the ones
 * Tiny OS knows; sys_fork.c refuses the others. */
#ifndef UAPI_SCHED_H
#define UAPI_SCHED_H

#define CSIGNAL 0x000000ff /* the signal sent to the parent when the child exits */
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_PIDFD 0x00001000
#define CLONE_VFORK 0x00004000
#define CLONE_THREAD 0x00010000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT 0x00008000 /* the child is the caller's sibling */
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED 0x00400000
#define CLONE_CHILD_SETTID 0x01000000

#endif
