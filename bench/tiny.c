/*
 * tiny.c - the program fork-exec-wait execs: the smallest static x86_64
 * Linux executable, whose whole life is exit_group(0).
 *
 * Built with -nostdlib -static (no C library start-up, one PT_LOAD), so
 * the benchmark measures the kernel's exec, not a libc's initialisation.
 * It is /bin/tiny in the benchmark initramfs of both kernels.
 */

/* _start is entered with no stack frame to return to (SysV x86_64 ABI,
 * 3.4.1): top-level assembly, not a C function with a prologue. */
__asm__(".text\n"
        ".globl _start\n"
        "_start:\n"
        "\tmov $231, %eax\n" /* SYS_exit_group */
        "\txor %edi, %edi\n"
        "\tsyscall\n"
        "\tud2\n"
        /* No executable stack (GNU ld warns without this note). */
        ".section .note.GNU-stack,\"\",@progbits\n");
