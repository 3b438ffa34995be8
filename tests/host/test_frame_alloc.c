/* Host tests for kernel/mm/frame_alloc.c: the physical frame bitmap. */
#include "mm/frame_alloc.c"

#include "unit.h"

#define WORDS(n) (((n) + 63) / 64)

/* Allocator over a heap bitmap of exactly the needed size, so ASan catches
 * any access past its last word. */
struct fixture {
    struct frame_alloc fa;
    uint64_t *bitmap;
};

static struct fixture fx;

static struct frame_alloc *setup(uint64_t nframes)
{
    free(fx.bitmap);
    fx.bitmap = malloc(WORDS(nframes) ? WORDS(nframes) * 8 : 1);
    memset(fx.bitmap, 0x5A, WORDS(nframes) * 8); /* garbage: init must set it */
    frame_alloc_init(&fx.fa, fx.bitmap, nframes);
    return &fx.fa;
}

static __attribute__((destructor)) void teardown(void) { free(fx.bitmap); }

static uint64_t count_used(const struct frame_alloc *fa)
{
    uint64_t n = 0;
    for (uint64_t i = 0; i < fa->nframes; i++)
        n += frame_alloc_is_used(fa, i);
    return n;
}

TEST(init_everything_used)
{
    struct frame_alloc *fa = setup(200);
    CHECK_EQ_INT(fa->nframes, 200);
    CHECK_EQ_INT(fa->nfree, 0);
    CHECK_EQ_INT(count_used(fa), 200);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), -1);
    for (int w = 0; w < 4; w++)
        CHECK_EQ_HEX(fa->bitmap[w], ~0ull);
}

TEST(is_used_out_of_range_is_true)
{
    struct frame_alloc *fa = setup(64);
    frame_alloc_mark_free(fa, 0, 64);
    CHECK(!frame_alloc_is_used(fa, 63));
    CHECK(frame_alloc_is_used(fa, 64));
    CHECK(frame_alloc_is_used(fa, UINT64_MAX));
}

TEST(mark_free_and_used_counts)
{
    struct frame_alloc *fa = setup(1000);
    frame_alloc_mark_free(fa, 10, 100);
    CHECK_EQ_INT(fa->nfree, 100);
    CHECK(frame_alloc_is_used(fa, 9));
    CHECK(!frame_alloc_is_used(fa, 10));
    CHECK(!frame_alloc_is_used(fa, 109));
    CHECK(frame_alloc_is_used(fa, 110));
    frame_alloc_mark_used(fa, 50, 10);
    CHECK_EQ_INT(fa->nfree, 90);
    CHECK(frame_alloc_is_used(fa, 50));
    CHECK(frame_alloc_is_used(fa, 59));
    CHECK(!frame_alloc_is_used(fa, 60));
    CHECK_EQ_INT(count_used(fa), 1000 - 90);
}

TEST(mark_overlapping_ranges_counts_each_frame_once)
{
    struct frame_alloc *fa = setup(1000);
    frame_alloc_mark_free(fa, 0, 100);
    frame_alloc_mark_free(fa, 50, 100); /* 50..99 already free */
    CHECK_EQ_INT(fa->nfree, 150);
    frame_alloc_mark_free(fa, 0, 150); /* all already free */
    CHECK_EQ_INT(fa->nfree, 150);
    frame_alloc_mark_used(fa, 140, 20); /* 150..159 already used */
    CHECK_EQ_INT(fa->nfree, 140);
    frame_alloc_mark_used(fa, 140, 20);
    CHECK_EQ_INT(fa->nfree, 140);
    frame_alloc_mark_used(fa, 0, 1000);
    CHECK_EQ_INT(fa->nfree, 0);
    CHECK_EQ_INT(count_used(fa), 1000);
}

TEST(mark_clips_past_nframes)
{
    struct frame_alloc *fa = setup(100);
    frame_alloc_mark_free(fa, 90, 1000);
    CHECK_EQ_INT(fa->nfree, 10);
    frame_alloc_mark_free(fa, 100, 5); /* entirely outside */
    frame_alloc_mark_free(fa, 5000, 5);
    frame_alloc_mark_free(fa, 95, UINT64_MAX); /* first + count wraps */
    CHECK_EQ_INT(fa->nfree, 10);
    frame_alloc_mark_used(fa, 95, UINT64_MAX);
    CHECK_EQ_INT(fa->nfree, 5);
    frame_alloc_mark_used(fa, UINT64_MAX, UINT64_MAX);
    CHECK_EQ_INT(fa->nfree, 5);
    /* bits past nframes in the last word stay set: never allocatable */
    CHECK_EQ_HEX(fa->bitmap[1] >> (100 - 64), ~0ull >> (100 - 64));
}

TEST(mark_zero_count_changes_nothing)
{
    struct frame_alloc *fa = setup(128);
    frame_alloc_mark_free(fa, 10, 0);
    CHECK_EQ_INT(fa->nfree, 0);
    CHECK_EQ_INT(count_used(fa), 128);
}

TEST(single_allocs_until_exhaustion)
{
    struct frame_alloc *fa = setup(300);
    frame_alloc_mark_free(fa, 0, 300);
    bool seen[300] = {0};
    for (int i = 0; i < 300; i++) {
        int64_t f = frame_alloc_alloc(fa, 1, 1);
        CHECK(f >= 0 && f < 300);
        CHECK(!seen[f]);
        seen[f] = true;
        CHECK(frame_alloc_is_used(fa, (uint64_t)f));
    }
    CHECK_EQ_INT(fa->nfree, 0);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), -1);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), -1);
}

TEST(first_fit_lowest_frames_first)
{
    struct frame_alloc *fa = setup(256);
    frame_alloc_mark_free(fa, 100, 50);
    frame_alloc_mark_free(fa, 20, 5);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), 20);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), 21);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 3, 1), 22);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), 100);
}

TEST(free_then_realloc)
{
    struct frame_alloc *fa = setup(128);
    frame_alloc_mark_free(fa, 0, 128);
    for (int i = 0; i < 128; i++)
        CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), i);
    CHECK_EQ_INT(frame_alloc_free(fa, 77, 1), FRAME_FREE_OK);
    CHECK_EQ_INT(fa->nfree, 1);
    CHECK(!frame_alloc_is_used(fa, 77));
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), 77); /* found below the hint */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), -1);
    CHECK_EQ_INT(frame_alloc_free(fa, 3, 1), FRAME_FREE_OK);
    CHECK_EQ_INT(frame_alloc_free(fa, 100, 5), FRAME_FREE_OK);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 5, 1), 100);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), 3);
}

TEST(contiguous_allocs)
{
    struct frame_alloc *fa = setup(256);
    frame_alloc_mark_free(fa, 0, 256);
    frame_alloc_mark_used(fa, 5, 1);  /* holes: runs 0..4, 6..99, 101.. */
    frame_alloc_mark_used(fa, 100, 1);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 5, 1), 0);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 10, 1), 6);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 90, 1), 101); /* 16..99 is only 84 */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 84, 1), 16);
    CHECK_EQ_INT(fa->nfree, 256 - 2 - 5 - 10 - 90 - 84);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 66, 1), -1); /* 191..255 is 65 */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 65, 1), 191);
    CHECK_EQ_INT(fa->nfree, 0);
}

TEST(contiguous_run_across_word_boundaries)
{
    struct frame_alloc *fa = setup(512);
    frame_alloc_mark_free(fa, 60, 200); /* 60..259: spans words 0..4 */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 200, 1), 60);
    CHECK_EQ_INT(fa->nfree, 0);
    CHECK_EQ_INT(frame_alloc_free(fa, 60, 200), FRAME_FREE_OK);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 201, 1), -1);
    CHECK_EQ_INT(fa->nfree, 200); /* a failed alloc changes nothing */
    CHECK_EQ_INT(count_used(fa), 312);
}

TEST(aligned_allocs)
{
    struct frame_alloc *fa = setup(1024);
    frame_alloc_mark_free(fa, 3, 1000);
    int64_t f = frame_alloc_alloc(fa, 1, 8);
    CHECK_EQ_INT(f, 8);
    f = frame_alloc_alloc(fa, 4, 512);
    CHECK_EQ_INT(f, 512);
    f = frame_alloc_alloc(fa, 16, 16);
    CHECK_EQ_INT(f, 16);
    f = frame_alloc_alloc(fa, 1, 1);
    CHECK_EQ_INT(f, 3); /* the unaligned space before is still usable */
    f = frame_alloc_alloc(fa, 100, 64);
    CHECK_EQ_INT(f, 64);
    f = frame_alloc_alloc(fa, 600, 512); /* 512..515 taken, 1003.. not free */
    CHECK_EQ_INT(f, -1);
    f = frame_alloc_alloc(fa, 487, 1); /* 516..1002 */
    CHECK_EQ_INT(f, 516);
}

TEST(aligned_alloc_skips_misaligned_free_run)
{
    struct frame_alloc *fa = setup(256);
    frame_alloc_mark_free(fa, 1, 15);   /* 1..15: no 16-aligned start */
    frame_alloc_mark_free(fa, 40, 30);  /* 40..69 */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 8, 16), 48);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 16, 16), -1); /* 64..79, but 70.. is used */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 8, 8), 8);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 8, 8), 40);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 8, 8), 56);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 6, 2), 2);   /* 2..7; 1 stays free */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 6, 2), 64);
    CHECK_EQ_INT(fa->nfree, 1);
    CHECK(!frame_alloc_is_used(fa, 1));
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 2), -1);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), 1);
}

TEST(invalid_requests)
{
    struct frame_alloc *fa = setup(128);
    frame_alloc_mark_free(fa, 0, 128);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 0, 1), -1);   /* nothing to allocate */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 0), -1);   /* align 0 */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 3), -1);   /* not a power of two */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 96), -1);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 129, 1), -1); /* more than exists */
    CHECK_EQ_INT(frame_alloc_alloc(fa, UINT64_MAX, 1), -1);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 256), 0);  /* 0 is aligned to anything */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1ull << 63), -1); /* no other multiple fits */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 128), -1);
    CHECK_EQ_INT(fa->nfree, 127);
}

TEST(huge_alignment_does_not_wrap)
{
    struct frame_alloc *fa = setup(128);
    frame_alloc_mark_free(fa, 1, 127);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1ull << 63), -1);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 2, 1ull << 40), -1);
    CHECK_EQ_INT(fa->nfree, 127);
}

TEST(double_free_detected_state_unchanged)
{
    struct frame_alloc *fa = setup(256);
    frame_alloc_mark_free(fa, 0, 256);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 10, 1), 0);
    CHECK_EQ_INT(frame_alloc_free(fa, 4, 1), FRAME_FREE_OK);
    uint64_t before[4];
    memcpy(before, fa->bitmap, sizeof before);
    uint64_t nfree = fa->nfree;
    CHECK_EQ_INT(frame_alloc_free(fa, 4, 1), FRAME_FREE_DOUBLE);
    /* a range with one free frame in the middle: refused as a whole */
    CHECK_EQ_INT(frame_alloc_free(fa, 0, 10), FRAME_FREE_DOUBLE);
    CHECK_EQ_INT(frame_alloc_free(fa, 8, 5), FRAME_FREE_DOUBLE); /* 10..12 free */
    CHECK_EQ_INT(fa->nfree, nfree);
    CHECK(memcmp(before, fa->bitmap, sizeof before) == 0);
    CHECK(frame_alloc_is_used(fa, 0));
    CHECK(frame_alloc_is_used(fa, 9));
    /* the rest can still be freed properly */
    CHECK_EQ_INT(frame_alloc_free(fa, 0, 4), FRAME_FREE_OK);
    CHECK_EQ_INT(frame_alloc_free(fa, 5, 5), FRAME_FREE_OK);
    CHECK_EQ_INT(fa->nfree, 256);
}

TEST(out_of_range_free)
{
    struct frame_alloc *fa = setup(100);
    uint64_t nfree = fa->nfree;
    CHECK_EQ_INT(frame_alloc_free(fa, 100, 1), FRAME_FREE_OUT_OF_RANGE);
    CHECK_EQ_INT(frame_alloc_free(fa, 99, 2), FRAME_FREE_OUT_OF_RANGE);  /* runs past the end */
    CHECK_EQ_INT(frame_alloc_free(fa, 1, UINT64_MAX), FRAME_FREE_OUT_OF_RANGE); /* wraps */
    CHECK_EQ_INT(frame_alloc_free(fa, UINT64_MAX, 1), FRAME_FREE_OUT_OF_RANGE);
    CHECK_EQ_INT(frame_alloc_free(fa, UINT64_MAX, 2), FRAME_FREE_OUT_OF_RANGE);
    CHECK_EQ_INT(fa->nfree, nfree);
    CHECK_EQ_INT(count_used(fa), 100);
    /* exactly up to the end is fine */
    CHECK_EQ_INT(frame_alloc_free(fa, 99, 1), FRAME_FREE_OK);
    CHECK_EQ_INT(frame_alloc_free(fa, 0, 99), FRAME_FREE_OK);
    CHECK_EQ_INT(fa->nfree, 100);
}

TEST(nframes_not_multiple_of_64)
{
    static const uint64_t sizes[] = {1, 63, 65, 100, 127, 129, 191};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        uint64_t n = sizes[s];
        struct frame_alloc *fa = setup(n);
        frame_alloc_mark_free(fa, 0, UINT64_MAX);
        CHECK_EQ_INT(fa->nfree, n);
        /* a run as long as everything */
        CHECK_EQ_INT(frame_alloc_alloc(fa, n, 1), 0);
        CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), -1);
        CHECK_EQ_INT(frame_alloc_free(fa, 0, n), FRAME_FREE_OK);
        /* one by one: never a frame at or past n */
        for (uint64_t i = 0; i < n; i++) {
            int64_t f = frame_alloc_alloc(fa, 1, 1);
            CHECKF(f >= 0 && (uint64_t)f < n, "nframes %ju: got frame %jd", (uintmax_t)n, (intmax_t)f);
        }
        CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), -1);
        CHECK_EQ_INT(fa->nfree, 0);
    }
}

TEST(zero_frames)
{
    struct frame_alloc *fa = setup(0);
    frame_alloc_mark_free(fa, 0, 10);
    CHECK_EQ_INT(fa->nfree, 0);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), -1);
    CHECK_EQ_INT(frame_alloc_free(fa, 0, 1), FRAME_FREE_OUT_OF_RANGE);
    CHECK(frame_alloc_is_used(fa, 0));
}

TEST(alloc_after_late_mark_free_below_hint)
{
    /* the hint moves up as the low frames are handed out; memory freed
     * later below it must still be found */
    struct frame_alloc *fa = setup(256);
    frame_alloc_mark_free(fa, 0, 4);
    for (int i = 0; i < 4; i++)
        CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), i);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), -1);
    frame_alloc_mark_free(fa, 2, 1); /* below the hint (4) */
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), 2);
    frame_alloc_mark_free(fa, 128, 128);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), 128);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), 129);
    frame_alloc_mark_free(fa, 10, 1);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), 10);
    CHECK_EQ_INT(frame_alloc_alloc(fa, 1, 1), 130);
}

/* Random operations against a reference model (one bool per frame). */
TEST(random_stress_against_model)
{
    enum { N = 1000, LIVE = 400 };
    struct {
        int64_t first;
        uint64_t count;
    } live[LIVE];
    int nlive = 0;
    bool model[N];
    unit_srand(4242);
    struct frame_alloc *fa = setup(N);
    for (int i = 0; i < N; i++)
        model[i] = true;
    uint64_t model_free = 0;
    /* a few usable regions, as a memory map would give */
    static const uint64_t regions[][2] = {{3, 200}, {250, 1}, {300, 500}, {850, 150}, {180, 40}};
    for (size_t r = 0; r < 5; r++) {
        frame_alloc_mark_free(fa, regions[r][0], regions[r][1]);
        for (uint64_t i = regions[r][0]; i < regions[r][0] + regions[r][1]; i++) {
            model_free += model[i];
            model[i] = false;
        }
    }
    CHECK_EQ_INT(fa->nfree, model_free);

    for (int op = 0; op < 20000; op++) {
        if (nlive < LIVE && (nlive == 0 || unit_rand_below(100) < 55)) {
            uint64_t count = unit_rand_below(4) ? 1 + unit_rand_below(4) : 1 + unit_rand_below(64);
            uint64_t align = 1ull << unit_rand_below(unit_rand_below(3) ? 1 : 7);
            int64_t f = frame_alloc_alloc(fa, count, align);
            /* the model's answer: first fit of an aligned free run */
            int64_t expect = -1;
            for (uint64_t s = 0; s + count <= N && expect < 0; s += align) {
                uint64_t k = 0;
                while (k < count && !model[s + k])
                    k++;
                if (k == count)
                    expect = (int64_t)s;
            }
            if (expect < 0) {
                CHECKF(f == -1, "op %d: alloc(%ju, %ju) gave %jd, model has no run", op, (uintmax_t)count,
                       (uintmax_t)align, (intmax_t)f);
                continue;
            }
            CHECKF(f >= 0, "op %d: alloc(%ju, %ju) failed, model has a run at %jd", op, (uintmax_t)count,
                   (uintmax_t)align, (intmax_t)expect);
            CHECKF(f % (int64_t)align == 0, "op %d: frame %jd not aligned to %ju", op, (intmax_t)f, (uintmax_t)align);
            for (uint64_t k = 0; k < count; k++) {
                CHECKF(!model[f + k], "op %d: frame %jd handed out twice", op, (intmax_t)(f + k));
                model[f + k] = true;
            }
            model_free -= count;
            live[nlive].first = f;
            live[nlive].count = count;
            nlive++;
        } else {
            int i = (int)unit_rand_below((uint64_t)nlive);
            if (unit_rand_below(50) == 0) { /* now and then, a double free */
                CHECK_EQ_INT(frame_alloc_free(fa, (uint64_t)live[i].first, live[i].count), FRAME_FREE_OK);
                CHECK_EQ_INT(frame_alloc_free(fa, (uint64_t)live[i].first, live[i].count), FRAME_FREE_DOUBLE);
            } else {
                CHECK_EQ_INT(frame_alloc_free(fa, (uint64_t)live[i].first, live[i].count), FRAME_FREE_OK);
            }
            for (uint64_t k = 0; k < live[i].count; k++)
                model[live[i].first + k] = false;
            model_free += live[i].count;
            live[i] = live[--nlive];
        }
        CHECKF(fa->nfree == model_free, "op %d: nfree %ju, model %ju", op, (uintmax_t)fa->nfree,
               (uintmax_t)model_free);
        if (op % 500 == 0)
            for (uint64_t i = 0; i < N; i++)
                CHECKF(frame_alloc_is_used(fa, i) == model[i], "op %d: frame %ju differs", op, (uintmax_t)i);
    }
    while (nlive) {
        nlive--;
        CHECK_EQ_INT(frame_alloc_free(fa, (uint64_t)live[nlive].first, live[nlive].count), FRAME_FREE_OK);
        model_free += live[nlive].count;
    }
    CHECK_EQ_INT(model_free, 868); /* 3..219, 250, 300..799, 850..999 */
    CHECK_EQ_INT(fa->nfree, 868);
}

RUN_TESTS()
