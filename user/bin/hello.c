/* hello: the smallest ring-3 program; prints a fixed greeting. */
#include <unistd.h>

int main(void)
{
    static const char msg[] = "Hello from Ring 3!\n";
    return write(1, msg, sizeof msg - 1) == (ssize_t)(sizeof msg - 1) ? 0 : 1;
}
