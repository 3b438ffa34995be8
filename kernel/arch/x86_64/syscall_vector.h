/* syscall_vector.h - the "vector" a SYSCALL frame carries in its
 * trap_frame: no IDT vector has this number, so frames from syscalls are
 * told apart from interrupts (signal restarts need that). */
#ifndef ARCH_X86_64_SYSCALL_VECTOR_H
#define ARCH_X86_64_SYSCALL_VECTOR_H

#define SYSCALL_VECTOR 0x100

#endif
