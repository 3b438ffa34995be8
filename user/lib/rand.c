/* rand.c - a small linear congruential generator (not for security). */
#include <stdlib.h>

static unsigned long long rand_state = 1;

void srand(unsigned seed)
{
    rand_state = seed;
}

int rand(void)
{
    rand_state = rand_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)(rand_state >> 33);
}
