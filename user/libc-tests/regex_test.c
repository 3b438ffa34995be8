/* regex_test - regcomp/regexec/regerror compared with glibc: BRE and ERE
 * syntax (groups, alternation, intervals, bracket expressions and
 * classes, anchors in and out of context, back-references), the
 * leftmost-longest rule, group offsets, REG_ICASE, REG_NEWLINE,
 * REG_NOSUB, REG_NOTBOL/REG_NOTEOL, REG_STARTEND, GNU's \< \> \b \w, and
 * the error codes with regerror's messages. */
#include <regex.h>
#include <stdio.h>
#include <string.h>

#define E REG_EXTENDED

static void run(const char *pat, int cflags, const char *text, int eflags)
{
    regex_t re;
    char msg[128];
    int r = regcomp(&re, pat, cflags);
    printf("/%s/%d ", pat, cflags);
    if (r) {
        regerror(r, &re, msg, sizeof msg);
        printf("regcomp %d (%s)\n", r, msg);
        return;
    }
    regmatch_t m[10];
    for (int k = 0; k < 10; k++)
        m[k].rm_so = m[k].rm_eo = -7;
    r = regexec(&re, text, 10, m, eflags);
    printf("nsub %zu on \"%s\": ", re.re_nsub, text);
    if (r) {
        printf("%s\n", r == REG_NOMATCH ? "no match" : "error");
    } else {
        for (size_t k = 0; k <= re.re_nsub && k < 10; k++)
            printf("[%d,%d]", m[k].rm_so, m[k].rm_eo);
        putchar('\n');
    }
    regfree(&re);
}

int main(void)
{
    static const struct { const char *pat; int cflags; const char *text; } cases[] = {
        {"abc", 0, "xxabcx"}, {"a.c", 0, "abxabc"}, {"a*", 0, "baaa"}, {"a*", 0, "aaab"},
        {"ba*", 0, "xbaaa"}, {"^ab", 0, "abab"}, {"ab$", 0, "abab"}, {"^$", 0, ""}, {"x^", 0, "x^"},
        {"a$b", 0, "a$b"}, {"*a", 0, "x*a"}, {"^*a", 0, "*a"}, {"\\(a*\\)b", 0, "xaab"},
        {"\\(a\\)\\(b\\)*", 0, "abbb"}, {"a\\{2\\}", 0, "aaaa"}, {"a\\{2,\\}", 0, "caaaa"},
        {"a\\{1,2\\}", 0, "aaaa"}, {"\\(ab\\)\\1", 0, "xababx"}, {"\\(a*\\)\\1x", 0, "aaaax"},
        {"a\\+", 0, "baa"}, {"ab\\?c", 0, "ac"}, {"a\\|b", 0, "xb"}, {"a+", 0, "a+"},
        {"a|b", 0, "a|b"}, {"(a)", 0, "(a)"}, {"a{2}", 0, "a{2}"},
        {"a+", E, "baaa"}, {"ab?c", E, "xac"}, {"a|ab|abc", E, "abcd"}, {"(a|ab)(c|bcd)", E, "abcd"},
        {"(a*)(b*)", E, "aabb"}, {"(a*)*", E, "aa"}, {"(a|b)*c", E, "ababc"}, {"x(a|b)*", E, "xabab"},
        {"a{2,3}", E, "aaaa"}, {"a{0}b", E, "ab"}, {"(ab){2}", E, "abababx"}, {"a{,2}", E, "a{,2}"},
        {"^a|b$", E, "xb"}, {"(^a)", E, "ab"}, {"a(b$)", E, "ab"}, {"()", E, "x"}, {"a||b", E, "b"},
        {"a)", E, "a)"}, {"[abc]+", E, "xxcab"}, {"[^abc]+", E, "abxyzc"}, {"[]a]+", E, "]a]b"},
        {"[^]a]", E, "]ab"}, {"[a-c-]+", E, "x-ab-"}, {"[[:digit:]]+", E, "ab123c"},
        {"[[:alpha:][:digit:]]+", E, "!a1b2!"}, {"[[:space:]]", E, "a b"}, {"[[.a.]-c]+", E, "xabc"},
        {"[[=b=]]", E, "abc"}, {"[a\\]]+", E, "a\\]"}, {"\\.", E, "a.b"}, {"a\\{", E, "a{"},
        {"(a)(b)(c)(d)(e)(f)(g)(h)(i)", E, "abcdefghi"}, {"(a(b(c)))", E, "abc"}, {"(a)|(b)", E, "b"},
        {"\\<foo", E, "afoo foo"}, {"foo\\>", E, "foox foo"}, {"\\bfoo\\b", E, "xfoo foo"},
        {"\\Boo", E, "oo foo"}, {"\\w+", E, "  ab_1 "}, {"\\W+", E, "ab  cd"},
        {"(.*)c", E, "abcabc"}, {".*", E, ""}, {"a?", E, "b"}, {"(a|b)c|d", E, "xd"},
        /* errors */
        {"a\\", 0, ""}, {"[abc", 0, ""}, {"\\(a", 0, ""}, {"a\\)", 0, ""}, {"(a", E, ""},
        {"a\\{1", 0, ""}, {"a{2,1}", E, ""}, {"[[:foo:]]", E, ""}, {"[z-a]", E, ""}, {"\\1", 0, ""},
        {"\\(a\\)\\2", 0, ""}, {"*a", E, ""}, {"a|*b", E, ""}, {"a{1,99999}", E, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        run(cases[i].pat, cases[i].cflags, cases[i].text, 0);
    /* flags */
    run("abc", REG_ICASE, "xAbC", 0);
    run("[a-c]+", E | REG_ICASE, "xAbCd", 0);
    run("\\(ab\\)\\1", REG_ICASE, "abAB", 0);
    run("^b", REG_NEWLINE, "a\nb", 0);
    run("a$", REG_NEWLINE, "a\nb", 0);
    run("a.b", REG_NEWLINE, "a\nb", 0);
    run("a[^x]b", REG_NEWLINE, "a\nb", 0);
    run("a.b", 0, "a\nb", 0);
    run("^a", 0, "a", REG_NOTBOL);
    run("a$", 0, "a", REG_NOTEOL);
    run("^$", E, "", REG_NOTBOL | REG_NOTEOL);
    regex_t re;
    regcomp(&re, "b+", E | REG_NOSUB);
    printf("nosub: %d %d\n", regexec(&re, "abbc", 0, NULL, 0), regexec(&re, "ac", 0, NULL, 0));
    regfree(&re);
    regcomp(&re, "^b+", E);
    regmatch_t m[1] = {{1, 3}};
    printf("startend: %d", regexec(&re, "abbbc", 1, m, REG_STARTEND));
    printf(" [%d,%d]\n", m[0].rm_so, m[0].rm_eo);
    regfree(&re);
    char small[8];
    size_t n = regerror(REG_EBRACK, NULL, small, sizeof small);
    printf("regerror: %zu \"%s\"\n", n, small);
    return 0;
}
