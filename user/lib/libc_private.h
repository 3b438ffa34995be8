/* libc_private.h - what the library's files share and programs must not
 * see. */
#ifndef TINYC_LIBC_PRIVATE_H
#define TINYC_LIBC_PRIVATE_H

/* stdio.c: flush every open stream (exit, abort-free paths) */
void __stdio_flush_all(void);

#endif
