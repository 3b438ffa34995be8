/* malloc_test - the allocator under a deterministic random load (small,
 * medium and large blocks; malloc, calloc, realloc, free), every block
 * filled with a pattern that is verified before it is touched again; a
 * checksum of all contents makes the output comparable with glibc's. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 512
#define STEPS 40000

static uint32_t rng = 2463534242u;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static unsigned char *ptr[SLOTS];
static size_t len[SLOTS];
static unsigned char tag[SLOTS];

static int verify(int i)
{
    for (size_t j = 0; j < len[i]; j++)
        if (ptr[i][j] != (unsigned char)(tag[i] + j))
            return 0;
    return 1;
}

static void fill(int i)
{
    for (size_t j = 0; j < len[i]; j++)
        ptr[i][j] = (unsigned char)(tag[i] + j);
}

static size_t random_size(void)
{
    uint32_t r = next() % 100;
    if (r < 60)
        return next() % 64;
    if (r < 90)
        return next() % 2048;
    if (r < 98)
        return next() % 65536;
    return 131072 + next() % 400000; /* past the mmap threshold */
}

int main(void)
{
    uint64_t checksum = 0;
    long bad = 0, misaligned = 0, nulls = 0;
    for (int step = 0; step < STEPS; step++) {
        int i = (int)(next() % SLOTS);
        if (ptr[i] && !verify(i))
            bad++;
        uint32_t op = next() % 4;
        size_t size = random_size();
        if (op == 0 && ptr[i]) {
            free(ptr[i]);
            ptr[i] = NULL;
            continue;
        }
        if (op == 1 && ptr[i]) {
            size_t keep = len[i] < size ? len[i] : size;
            unsigned char *q = realloc(ptr[i], size ? size : 1);
            if (!q) {
                nulls++;
                continue;
            }
            for (size_t j = 0; j < keep; j++)
                if (q[j] != (unsigned char)(tag[i] + j)) {
                    bad++;
                    break;
                }
            ptr[i] = q;
        } else {
            free(ptr[i]);
            if (op == 2) {
                ptr[i] = calloc(1, size);
                if (ptr[i])
                    for (size_t j = 0; j < size; j++)
                        if (ptr[i][j]) {
                            bad++;
                            break;
                        }
            } else {
                ptr[i] = malloc(size);
            }
            if (!ptr[i]) {
                nulls++;
                continue;
            }
        }
        if ((uintptr_t)ptr[i] % 16)
            misaligned++;
        len[i] = size;
        tag[i] = (unsigned char)next();
        fill(i);
    }
    for (int i = 0; i < SLOTS; i++) {
        if (!ptr[i])
            continue;
        if (!verify(i))
            bad++;
        for (size_t j = 0; j < len[i]; j++)
            checksum = checksum * 31 + ptr[i][j];
        free(ptr[i]);
    }
    printf("corrupted blocks: %ld\nmisaligned: %ld\nfailed allocations: %ld\nchecksum: %016llx\n", bad, misaligned,
           nulls, (unsigned long long)checksum);
    /* malloc(0) gives distinct pointers that can be freed */
    void *a = malloc(0), *b = malloc(0);
    printf("malloc(0): %s %s\n", a && b ? "non-null" : "null", a != b ? "distinct" : "same");
    free(a);
    free(b);
    /* lots of small strings, as a shell makes */
    char **strs = malloc(10000 * sizeof *strs);
    size_t total = 0;
    for (int i = 0; i < 10000; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "string-%d", i * 7919);
        strs[i] = strdup(buf);
        total += strlen(strs[i]);
    }
    int ok = 1;
    for (int i = 0; i < 10000; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "string-%d", i * 7919);
        ok &= strcmp(buf, strs[i]) == 0;
        free(strs[i]);
    }
    free(strs);
    printf("strdup x10000: %zu bytes, intact=%d\n", total, ok);
    return bad || misaligned || nulls;
}
