/*
 * boot.S - from the boot loader to the kernel's C entry, kmain().
 *
 * Both Multiboot loaders enter here in 32-bit protected mode, paging off,
 * at the physical address of boot32_entry:
 *   - QEMU's -kernel (Multiboot 1). QEMU only accepts a 64-bit ELF when the
 *     Multiboot 1 header sets flag bit 16 and fills the address fields; it
 *     then loads the file as a flat image (load_addr..load_end_addr taken
 *     from the file starting at the header), clears up to bss_end_addr and
 *     jumps to entry_addr. EAX = 0x2BADB002, EBX = multiboot_info (phys).
 *   - GRUB's multiboot2 (make iso). GRUB loads the ELF program headers at
 *     their physical addresses and jumps to e_entry.
 *     EAX = 0x36D76289, EBX = the multiboot2 information structure.
 *
 * The 32-bit stub checks for long mode, builds a minimal page table and
 * enters 64-bit mode; then it jumps to the higher half and calls kmain.
 * The boot page tables map (all with 2 MiB pages):
 *   0 .. 4 GiB  at virtual 0                  (identity: needed while the
 *                                              next instruction runs from
 *                                              a physical address)
 *   0 .. 4 GiB  at DIRECT_MAP_BASE            (early direct map)
 *   0 .. 1 GiB  at KERNEL_VMA                 (the kernel image)
 * paging_init() replaces them with the real kernel page table.
 */
#include "arch/x86_64/layout.h"
#include "arch/x86_64/msr.h"

#define MB1_MAGIC       0x1BADB002
/* bit 0: page-align modules, bit 1: memory map, bit 16: address fields. */
#define MB1_FLAGS       ((1 << 0) | (1 << 1) | (1 << 16))
#define MB2_MAGIC       0xE85250D6

#define PHYS(sym)       ((sym) - KERNEL_VMA)

#define PTE_P           (1 << 0)
#define PTE_W           (1 << 1)
#define PTE_PS          (1 << 7)

    .section .multiboot, "a"
    /* Multiboot 1 header: must lie in the first 8 KiB of the file. */
    .balign 4
mb1_header:
    .long MB1_MAGIC
    .long MB1_FLAGS
    .long -(MB1_MAGIC + MB1_FLAGS)
    .long mb1_header                /* header_addr (physical: .multiboot is low) */
    .long __load_start_phys         /* load_addr */
    .long __load_end_phys           /* load_end_addr */
    .long __bss_end_phys            /* bss_end_addr */
    .long boot32_entry              /* entry_addr */

    /* Multiboot 2 header: first 32 KiB, 8-byte aligned, tags 8-aligned. */
    .balign 8
mb2_header:
    .long MB2_MAGIC
    .long 0                         /* architecture: i386 protected mode */
    .long mb2_header_end - mb2_header
    .long -(MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
    /* Module alignment tag: modules page aligned. */
    .balign 8
    .short 6, 0
    .long 8
    /* End tag. */
    .balign 8
    .short 0, 0
    .long 8
mb2_header_end:

    .section .boot.text, "ax"
    .code32
    .globl boot32_entry
boot32_entry:
    cli
    cld
    mov %eax, %edi                  /* keep the magic: kmain's 1st argument */
    mov %ebx, %esi                  /* and the info pointer: its 2nd */
    mov $PHYS(boot_stack_top), %esp

    /* Long mode present? CPUID 0x80000001 EDX bit 29 (Intel SDM 2A, CPUID). */
    mov $0x80000000, %eax
    cpuid
    cmp $0x80000001, %eax
    jb no_long_mode
    mov $0x80000001, %eax
    cpuid
    bt $29, %edx
    jnc no_long_mode
    mov %edx, %ebp                  /* EDX bit 20 = NX, used below */

    /* Four page directories map 0..4 GiB with 2 MiB pages. */
    mov $PHYS(boot_pd), %ebx
    xor %ecx, %ecx                  /* ecx = 2 MiB page number */
1:  mov %ecx, %eax
    shl $21, %eax
    or $(PTE_P | PTE_W | PTE_PS), %eax
    mov %eax, (%ebx, %ecx, 8)
    mov %ecx, %eax
    shr $11, %eax                   /* high dword: bits 32+ of the address */
    mov %eax, 4(%ebx, %ecx, 8)
    inc %ecx
    cmp $2048, %ecx
    jne 1b

    /* boot_pdpt_low[0..3] -> the four page directories. */
    mov $PHYS(boot_pdpt_low), %ebx
    mov $PHYS(boot_pd), %eax
    or $(PTE_P | PTE_W), %eax
    mov %eax, 0(%ebx)
    add $4096, %eax
    mov %eax, 8(%ebx)
    add $4096, %eax
    mov %eax, 16(%ebx)
    add $4096, %eax
    mov %eax, 24(%ebx)

    /* boot_pdpt_high[510] (KERNEL_VMA = -2 GiB) -> the first directory. */
    mov $PHYS(boot_pdpt_high), %ebx
    mov $PHYS(boot_pd), %eax
    or $(PTE_P | PTE_W), %eax
    mov %eax, (510 * 8)(%ebx)

    /* PML4: [0] identity, [DIRECT_MAP slot] direct map, [511] kernel. */
    mov $PHYS(boot_pml4), %ebx
    mov $PHYS(boot_pdpt_low), %eax
    or $(PTE_P | PTE_W), %eax
    mov %eax, 0(%ebx)
    mov %eax, (DIRECT_MAP_PML4_SLOT * 8)(%ebx)
    mov $PHYS(boot_pdpt_high), %eax
    or $(PTE_P | PTE_W), %eax
    mov %eax, (511 * 8)(%ebx)

    /* Intel SDM 3A 10.8.5: PAE on, CR3 loaded, EFER.LME, then CR0.PG. */
    mov %cr4, %eax
    or $(1 << 5), %eax              /* CR4.PAE */
    mov %eax, %cr4
    mov $PHYS(boot_pml4), %eax
    mov %eax, %cr3
    mov $MSR_EFER, %ecx
    rdmsr
    or $EFER_LME, %eax
    bt $20, %ebp
    jnc 2f
    or $EFER_NXE, %eax              /* when the CPU has NX */
2:  wrmsr
    mov %cr0, %eax
    or $((1 << 31) | (1 << 16) | 1), %eax   /* PG, WP, PE */
    mov %eax, %cr0

    lgdt boot_gdt_ptr
    ljmp $0x08, $boot64_low

    /* No long mode: say so on COM1 and the VGA screen, then stop. */
no_long_mode:
    mov $no_lm_msg, %esi
    mov $0xB8000, %edi
3:  lodsb
    test %al, %al
    jz 4f
    mov $0x3F8, %dx
    outb %al, %dx
    movb %al, (%edi)
    movb $0x4F, 1(%edi)
    add $2, %edi
    jmp 3b
4:  hlt
    jmp 4b

    .code64
boot64_low:
    /* Still running at a physical address; jump to the higher half. */
    movabs $boot64_high, %rax
    jmp *%rax

    .section .boot.rodata, "a"
no_lm_msg:
    .asciz "Tiny OS: this CPU has no x86_64 long mode; cannot boot."

    .balign 16
boot_gdt:
    .quad 0
    .quad 0x00AF9A000000FFFF        /* 0x08: 64-bit code, ring 0 */
    .quad 0x00CF92000000FFFF        /* 0x10: data, ring 0 */
boot_gdt_end:
boot_gdt_ptr:
    .short boot_gdt_end - boot_gdt - 1
    .long boot_gdt

    .text
    .code64
boot64_high:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    xor %ax, %ax
    mov %ax, %fs
    mov %ax, %gs
    movabs $boot_stack_top, %rsp
    xor %ebp, %ebp                  /* ends the backtrace */
    /* EDI = magic, ESI = info (physical). The upper halves of registers are
     * undefined after the switch to 64-bit mode, hence the zero-extension. */
    mov %edi, %edi
    mov %esi, %esi
    call kmain
5:  cli
    hlt
    jmp 5b

    /* Page tables for the switch; the real ones are built by paging_init. */
    .section .bss.boot_pt, "aw", @nobits
    .balign 4096
boot_pml4:      .skip 4096
boot_pdpt_low:  .skip 4096
boot_pdpt_high: .skip 4096
boot_pd:        .skip 4096 * 4

    /*
     * The boot stack, with a guard page below it that paging_init leaves
     * unmapped, so an overflow faults (and is reported through the
     * double-fault IST stack) instead of corrupting .bss.
     */
    .section .bss.stack, "aw", @nobits
    .balign 4096
    .globl boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:
    .skip 4096
boot_stack_bottom:
    .skip KERNEL_STACK_SIZE
boot_stack_top:
