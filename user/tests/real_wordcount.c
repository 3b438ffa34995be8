/* real_wordcount.c - an ordinary program: counts stdin like wc, then
 * writes, seeks and re-reads a tmpfile() (which needs a writable /tmp). */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
int main(void)
{
    char line[4096];
    long lines = 0, words = 0, chars = 0;
    while (fgets(line, sizeof line, stdin)) {
        lines++;
        chars += strlen(line);
        int in = 0;
        for (char *c = line; *c; c++) {
            if (isspace((unsigned char)*c))
                in = 0;
            else if (!in) {
                in = 1;
                words++;
            }
        }
    }
    printf("%ld %ld %ld\n", lines, words, chars);
    FILE *f = tmpfile();
    if (!f) {
        perror("tmpfile");
        return 1;
    }
    for (int i = 0; i < 100; i++)
        fprintf(f, "%d\n", i * i);
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    rewind(f);
    int x, s = 0;
    while (fscanf(f, "%d", &x) == 1)
        s += x;
    printf("tmpfile %ld bytes sum %d\n", sz, s);
    fclose(f);
    return 0;
}
