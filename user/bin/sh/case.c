/*
 * case.c - running `case WORD in PATTERN|PATTERN) LIST ;; ... esac`.
 *
 * The word is expanded without splitting or globbing; each pattern is
 * expanded the same way but keeps its quoting (expand_pattern's mask), so
 * that a quoted or escaped * ? [ matches only itself, then it is matched
 * with the shell's one pattern matcher (glob.c, also used for file names
 * and ${x#pattern}). The
 * first matching pattern's list runs; no match is status 0.
 */
#include <stdlib.h>

#include "sh.h"

int run_case(struct node *nd)
{
    char *subject = expand_one(nd->words[0]);
    int st = 0;
    bool hit = false;
    for (int i = 0; i < nd->nitems && !hit; i++) {
        struct case_item *it = &nd->items[i];
        for (int k = 0; k < it->npats && !hit; k++) {
            char *mask;
            char *pat = expand_pattern(it->pats[k], &mask);
            hit = pattern_matches(pat, mask, subject);
            free(pat);
            free(mask);
        }
        if (hit)
            st = run_list(it->body);
    }
    free(subject);
    return st;
}
