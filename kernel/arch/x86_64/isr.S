/*
 * isr.S - the 256 interrupt entry stubs and their common path.
 *
 * Register contract: every stub makes the stack look the same - an error
 * code (the CPU's, or a 0 pushed here) and the vector number above the
 * CPU's frame - then jumps to isr_common, which saves all general
 * registers as a struct trap_frame (trap_frame.h), calls
 * trap_dispatch(frame) and restores them. Nothing else is preserved or
 * changed, so the interrupted code sees every register intact unless the
 * handler edits the frame on purpose (exception fixups, later signals).
 * From ring 3, swapgs swaps in the kernel's GS base on entry and back on
 * exit (CS's RPL tells which ring we came from).
 */
#include "arch/x86_64/frame_macros.h"
#include "arch/x86_64/frame_offsets.h"
#include "arch/x86_64/gdt.h"

/* Vectors where the CPU pushes an error code (Intel SDM 3A 6.13):
 * 8 #DF, 10 #TS, 11 #NP, 12 #SS, 13 #GP, 14 #PF, 17 #AC, 21 #CP, 29, 30. */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

    .text
    .altmacro                   /* lets %vec pass vec's value to the macro */
    .macro isr_stub v
    .balign 16
isr_stub_\v:
    .if !HAS_ERROR(\v)
    pushq $0
    .endif
    pushq $\v
    jmp isr_common
    .endm

    .globl isr_stubs_start
isr_stubs_start:
    .set vec, 0
    .rept 256
    isr_stub %vec
    .set vec, vec + 1
    .endr

isr_common:
    cld
    testb $3, FRAME_CS - FRAME_VECTOR(%rsp) /* CS of the interrupted code */
    jz 1f
    swapgs
1:  PUSH_GPRS
    mov %rsp, %rdi
    /* The frame is already 16-byte aligned, as the ABI wants at a call: in
     * 64-bit mode the CPU aligns RSP to 16 before pushing its frame (Intel
     * SDM 3A 6.14.2), and 22 pushes of 8 bytes follow (the CPU's 5, the
     * error code, the vector and 15 registers), which keeps it so. The
     * and is a guard that costs one instruction; RBP keeps the frame. */
    mov %rsp, %rbp
    and $-16, %rsp
    call trap_dispatch
    mov %rbp, %rsp
    .globl trap_return
trap_return:
    POP_GPRS
    testb $3, FRAME_CS - FRAME_VECTOR(%rsp)
    jz 2f
    swapgs
2:  add $FRAME_RIP - FRAME_VECTOR, %rsp /* vector and error code */
    iretq

    /* trap_enter_user(frame): start running the user context saved in
     * frame (a new process's first entry to ring 3). */
    .globl trap_enter_user
trap_enter_user:
    movq %rdi, %rsp
    jmp trap_return
