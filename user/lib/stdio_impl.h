/* stdio_impl.h - the FILE structure, shared by the stdio files (private). */
#ifndef TINYC_STDIO_IMPL_H
#define TINYC_STDIO_IMPL_H

#include <stdio.h>

#define SF_READ 1    /* opened for reading */
#define SF_WRITE 2   /* opened for writing */
#define SF_EOF 4
#define SF_ERR 8
#define SF_MYBUF 16  /* buf was malloc'ed by us */
#define SF_STATIC 32 /* stdin, stdout, stderr: never freed */

#define BUFMODE_UNSET (-1) /* decided at first use (isatty) */

struct tinyc_file {
    int fd;
    int flags;
    int bufmode;
    unsigned char *buf;
    size_t cap;
    size_t rpos, rlen; /* unread input is buf[rpos..rlen) */
    size_t wlen;       /* output waiting in buf[0..wlen) */
    int ungot;         /* a character pushed back by ungetc, or EOF */
    struct tinyc_file *next;
};

/* stdio.c */
size_t __stdio_write(FILE *f, const void *data, size_t n);
int __stdio_flush(FILE *f);
int __stdio_bufmode(FILE *f);

#endif
