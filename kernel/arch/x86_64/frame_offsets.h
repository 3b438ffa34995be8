/*
 * frame_offsets.h - where assembly (isr.S, syscall.S) finds the fields of
 * struct trap_frame, as byte offsets from the frame's start (the RSP
 * right after PUSH_GPRS). trap_frame.h checks every one against the
 * struct at compile time, so the two cannot drift apart.
 */
#ifndef ARCH_X86_64_FRAME_OFFSETS_H
#define ARCH_X86_64_FRAME_OFFSETS_H

/* PUSH_GPRS (frame_macros.h): the last register pushed sits lowest. */
#define FRAME_R15 (0 * 8)
#define FRAME_R14 (1 * 8)
#define FRAME_R13 (2 * 8)
#define FRAME_R12 (3 * 8)
#define FRAME_R11 (4 * 8)
#define FRAME_R10 (5 * 8)
#define FRAME_R9 (6 * 8)
#define FRAME_R8 (7 * 8)
#define FRAME_RBP (8 * 8)
#define FRAME_RDI (9 * 8)
#define FRAME_RSI (10 * 8)
#define FRAME_RDX (11 * 8)
#define FRAME_RCX (12 * 8)
#define FRAME_RBX (13 * 8)
#define FRAME_RAX (14 * 8)
/* Pushed by the entry stubs (syscall.S builds the same). */
#define FRAME_VECTOR (15 * 8)
#define FRAME_ERROR_CODE (16 * 8)
/* The CPU's interrupt frame (Intel SDM 3A 6.14.2). */
#define FRAME_RIP (17 * 8)
#define FRAME_CS (18 * 8)
#define FRAME_RFLAGS (19 * 8)
#define FRAME_RSP (20 * 8)
#define FRAME_SS (21 * 8)
#define FRAME_SIZE (22 * 8)

#endif
