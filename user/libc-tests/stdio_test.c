/* stdio_test - streams on real files in /tmp (writing, reading by
 * characters, lines and blocks, pushback, seeking, errors, buffering
 * modes), rename/remove, stat, and a directory read with readdir. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_PATH "/tmp/libc_stdio_test"
#define FILE_PATH DIR_PATH "/data.txt"

static void write_file(void)
{
    FILE *f = fopen(FILE_PATH, "w");
    if (!f) {
        perror("fopen w");
        exit(1);
    }
    fputs("first line\n", f);
    fprintf(f, "second %d %s\n", 2, "line");
    fputc('3', f);
    fputc('\n', f);
    fwrite("a line that is longer than the small buffers below\n", 1, 51, f);
    fputs("no newline at the end", f);
    printf("write: ferror=%d ", ferror(f));
    printf("ftell=%ld ", ftell(f));
    printf("fclose=%d\n", fclose(f));
}

static void read_by_lines(void)
{
    FILE *f = fopen(FILE_PATH, "r");
    char buf[16];
    printf("fgets:");
    while (fgets(buf, sizeof buf, f))
        printf(" [%s]", buf);
    printf(" feof=%d ferror=%d\n", feof(f), ferror(f));
    rewind(f);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    printf("getline:");
    while ((n = getline(&line, &cap, f)) != -1)
        printf(" %zd[%s]", n, line);
    printf(" cap>=%d\n", cap >= 52);
    rewind(f);
    printf("getdelim:");
    while ((n = getdelim(&line, &cap, ' ', f)) != -1)
        printf(" %zd<%s>", n, line);
    putchar('\n');
    free(line);
    fclose(f);
}

static void read_by_chars_and_blocks(void)
{
    FILE *f = fopen(FILE_PATH, "r");
    int c1 = fgetc(f), c2 = getc(f);
    printf("chars: %c %c ", c1, c2);
    printf("ungetc=%c ", ungetc('X', f));
    printf("then %c %c\n", fgetc(f), fgetc(f));
    char block[20];
    size_t n = fread(block, 1, sizeof block, f);
    printf("fread: %zu [%.*s] ftell=%ld\n", n, (int)n, block, ftell(f));
    printf("fseek: %d ", fseek(f, -5, SEEK_END));
    n = fread(block, 1, sizeof block, f);
    printf("%zu [%.*s] eof=%d\n", n, (int)n, block, feof(f));
    clearerr(f);
    printf("clearerr: eof=%d fgetc at end=%d\n", feof(f), fgetc(f));
    fseek(f, 6, SEEK_SET);
    n = fread(block, 2, 3, f); /* elements of two bytes */
    printf("fread 2x3: %zu [%.6s] ftell=%ld\n", n, block, ftell(f));
    fclose(f);
}

static void modes(void)
{
    FILE *f = fopen(FILE_PATH, "a");
    fputs("\nappended\n", f);
    fclose(f);
    f = fopen(FILE_PATH, "r+");
    fseek(f, 0, SEEK_SET);
    fputs("FIRST", f);
    fseek(f, 0, SEEK_SET);
    char buf[64];
    printf("r+: %s", fgets(buf, sizeof buf, f));
    fclose(f);
    struct stat st;
    stat(FILE_PATH, &st);
    printf("stat: size=%ld regular=%d dir=%d\n", (long)st.st_size, S_ISREG(st.st_mode), S_ISDIR(st.st_mode));
    errno = 0;
    printf("missing: %p errno=%d (%s)\n", (void *)fopen(DIR_PATH "/missing", "r"), errno, strerror(errno));
    errno = 0;
    printf("bad mode: %p errno=%d\n", (void *)fopen(FILE_PATH, "q"), errno);
    f = fopen(FILE_PATH, "r");
    errno = 0;
    printf("write to read-only stream: %d ferror=%d\n", fputs("x", f), ferror(f));
    fclose(f);
    f = fopen(FILE_PATH, "w");
    errno = 0;
    printf("read from write-only stream: %d ferror=%d\n", fgetc(f), ferror(f));
    fclose(f);

    int fd = open(FILE_PATH, O_RDWR | O_TRUNC);
    f = fdopen(fd, "w+");
    setvbuf(f, NULL, _IONBF, 0);
    fputs("unbuffered", f); /* reaches the file at once */
    struct stat st2;
    fstat(fd, &st2);
    printf("fdopen+_IONBF: size now %ld fileno ok=%d\n", (long)st2.st_size, fileno(f) == fd);
    fclose(f);
    /* setvbuf is only defined before the first I/O: a new stream */
    fd = open(FILE_PATH, O_WRONLY | O_APPEND);
    f = fdopen(fd, "a");
    static char mybuf[256];
    setvbuf(f, mybuf, _IOFBF, sizeof mybuf);
    fputs("+buffered", f);
    fstat(fd, &st2);
    printf("_IOFBF: size before flush %ld, ", (long)st2.st_size);
    fflush(f);
    fstat(fd, &st2);
    printf("after %ld\n", (long)st2.st_size);
    fclose(f);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void directory(void)
{
    mkdir(DIR_PATH "/sub", 0755);
    for (int i = 0; i < 40; i++) {
        char name[64];
        snprintf(name, sizeof name, DIR_PATH "/file-%02d-with-a-long-name-to-fill-buffers", i);
        FILE *f = fopen(name, "w");
        fprintf(f, "%d\n", i);
        fclose(f);
    }
    DIR *d = opendir(DIR_PATH);
    if (!d) {
        perror("opendir");
        return;
    }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        char kind = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : '?';
        names[n] = malloc(strlen(e->d_name) + 3);
        sprintf(names[n], "%c %s", kind, e->d_name);
        n++;
    }
    qsort(names, (size_t)n, sizeof names[0], cmp_names);
    printf("readdir: %d entries\n", n);
    for (int i = 0; i < n; i++) {
        printf("  %s\n", names[i]);
        free(names[i]);
    }
    rewinddir(d);
    int again = 0;
    while (readdir(d))
        again++;
    printf("after rewinddir: %d\n", again);
    closedir(d);
    errno = 0;
    printf("opendir missing: %p %s\n", (void *)opendir("/tmp/no/such/dir"), strerror(errno));
    errno = 0;
    printf("opendir file: %p %s\n", (void *)opendir(FILE_PATH), strerror(errno));

    /* clean up with remove (files) and rename checks */
    printf("rename: %d ", rename(FILE_PATH, DIR_PATH "/renamed"));
    printf("old gone=%d new there=%d\n", access(FILE_PATH, F_OK) != 0, access(DIR_PATH "/renamed", F_OK) == 0);
    remove(DIR_PATH "/renamed");
    for (int i = 0; i < 40; i++) {
        char name[64];
        snprintf(name, sizeof name, DIR_PATH "/file-%02d-with-a-long-name-to-fill-buffers", i);
        remove(name);
    }
    printf("remove dir: %d %d\n", remove(DIR_PATH "/sub"), remove(DIR_PATH));
    errno = 0;
    printf("remove missing: %d %s\n", remove(DIR_PATH), strerror(errno));
}

int main(void)
{
    /* start clean, whatever an earlier run left */
    remove(FILE_PATH);
    if (mkdir(DIR_PATH, 0755) < 0 && errno != EEXIST) {
        perror("mkdir");
        return 1;
    }
    write_file();
    read_by_lines();
    read_by_chars_and_blocks();
    modes();
    directory();
    return 0;
}
