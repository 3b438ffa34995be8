/* real_math_stdio.c - an ordinary program: libm, qsort, printf/scanf of
 * floats (SSE state through context switches). Built with musl and with
 * glibc; output compared with the host. */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
static int cmp(const void *a, const void *b)
{
    double x = *(double *)a, y = *(double *)b;
    return (x > y) - (x < y);
}
int main(void)
{
    double v[1000];
    for (int i = 0; i < 1000; i++)
        v[i] = sin(i * 0.37) * cos(i * 1.1) * 1000;
    qsort(v, 1000, sizeof v[0], cmp);
    printf("%.6f %.6f %.6f\n", v[0], v[500], v[999]);
    printf("%g %e %a\n", sqrt(2.0), exp(10.5), 0.1);
    long double ld = 1.0L / 3;
    printf("%.18Lf\n", ld);
    char buf[100];
    snprintf(buf, sizeof buf, "%08.3f|%-10s|%+d", 3.14159, "ab", 42);
    puts(buf);
    int a;
    char s[20];
    double d;
    sscanf("123 hello 4.5e2", "%d %s %lf", &a, s, &d);
    printf("%d %s %f\n", a, s, d);
    return 0;
}
