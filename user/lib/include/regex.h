/* regex.h - POSIX regular expressions (user/lib/regex.c): basic (BRE)
 * and extended (ERE) syntax with GNU's extensions \+ \? \| in BREs and
 * \< \> \b \B \w \W in both, back-references \1-\9, matching
 * leftmost-longest. Flag and error values are glibc's, so a program
 * built against either library means the same. */
#ifndef _REGEX_H
#define _REGEX_H

#include <stddef.h>

typedef int regoff_t;

typedef struct {
    size_t re_nsub;   /* number of parenthesized subexpressions */
    void *re_prog;    /* the compiled program (private) */
} regex_t;

typedef struct {
    regoff_t rm_so;   /* start offset, -1 when the group did not take part */
    regoff_t rm_eo;   /* end offset (one past the last byte) */
} regmatch_t;

/* regcomp cflags */
#define REG_EXTENDED 1
#define REG_ICASE    2
#define REG_NEWLINE  4
#define REG_NOSUB    8

/* regexec eflags; REG_STARTEND (BSD, glibc): search string[pmatch[0].rm_so
 * .. pmatch[0].rm_eo) instead of up to the NUL, offsets still from string */
#define REG_NOTBOL   1
#define REG_NOTEOL   2
#define REG_STARTEND 4

/* errors */
#define REG_NOMATCH  1
#define REG_BADPAT   2
#define REG_ECOLLATE 3
#define REG_ECTYPE   4
#define REG_EESCAPE  5
#define REG_ESUBREG  6
#define REG_EBRACK   7
#define REG_EPAREN   8
#define REG_EBRACE   9
#define REG_BADBR    10
#define REG_ERANGE   11
#define REG_ESPACE   12
#define REG_BADRPT   13
#define REG_EEND     14
#define REG_ESIZE    15
#define REG_ERPAREN  16

int regcomp(regex_t *preg, const char *pattern, int cflags);
int regexec(const regex_t *preg, const char *string, size_t nmatch, regmatch_t pmatch[], int eflags);
size_t regerror(int errcode, const regex_t *preg, char *errbuf, size_t errbuf_size);
void regfree(regex_t *preg);

#endif
