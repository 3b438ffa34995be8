/* hello.c - the first ring-3 program: one write(2), no C library output. */
#include <string.h>
#include <unistd.h>

int main(void)
{
    const char msg[] = "Hello from Ring 3!\n";
    return write(1, msg, strlen(msg)) == (ssize_t)strlen(msg) ? 0 : 1;
}
