/* stdio.h - buffered streams and the printf family.
 * No scanf, no wide characters, no locale. */
#ifndef _STDIO_H
#define _STDIO_H

#include <bits/types.h>
#include <stdarg.h>

#define EOF (-1)
#define BUFSIZ 4096
#define FILENAME_MAX 4096
#define FOPEN_MAX 1024
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

typedef struct tinyc_file FILE;
typedef long fpos_t;

extern FILE *stdin, *stdout, *stderr;
/* glibc and musl make these macros too (some programs test #ifdef stdin) */
#define stdin stdin
#define stdout stdout
#define stderr stderr

FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);
int fflush(FILE *f);
size_t fread(void *restrict buf, size_t size, size_t n, FILE *restrict f);
size_t fwrite(const void *restrict buf, size_t size, size_t n, FILE *restrict f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *restrict s, int size, FILE *restrict f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);
ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f);
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f);
int fseek(FILE *f, long off, int whence);
long ftell(FILE *f);
void rewind(FILE *f);

int printf(const char *restrict fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *restrict s, const char *restrict fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *restrict s, size_t n, const char *restrict fmt, ...) __attribute__((format(printf, 3, 4)));
int dprintf(int fd, const char *restrict fmt, ...) __attribute__((format(printf, 2, 3)));
int vprintf(const char *restrict fmt, va_list ap) __attribute__((format(printf, 1, 0)));
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap) __attribute__((format(printf, 2, 0)));
int vsprintf(char *restrict s, const char *restrict fmt, va_list ap) __attribute__((format(printf, 2, 0)));
int vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap) __attribute__((format(printf, 3, 0)));
int vdprintf(int fd, const char *restrict fmt, va_list ap) __attribute__((format(printf, 2, 0)));

void perror(const char *prefix);
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);
void setbuf(FILE *restrict f, char *restrict buf);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fileno(FILE *f);
int rename(const char *from, const char *to);
int remove(const char *path);

#endif
