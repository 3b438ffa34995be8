/*
 * probe.S - memory accesses that may fault, with their extable fixups.
 * Both return 0 in EAX on success and -EFAULT (-14) when the access faults.
 *   int probe_read_u64(const void *addr [rdi], uint64_t *out [rsi])
 *   int probe_write_u8(void *addr [rdi], uint8_t value [sil])
 */
#include "arch/x86_64/extable.h"

#define EFAULT 14

    .text
    .globl probe_read_u64
probe_read_u64:
1:  movq (%rdi), %rax
    movq %rax, (%rsi)
    xorl %eax, %eax
    ret
2:  movl $-EFAULT, %eax
    ret
    EXTABLE_ENTRY(1b, 2b)

    .globl probe_write_u8
probe_write_u8:
3:  movb %sil, (%rdi)
    xorl %eax, %eax
    ret
4:  movl $-EFAULT, %eax
    ret
    EXTABLE_ENTRY(3b, 4b)
