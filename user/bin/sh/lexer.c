/*
 * lexer.c - shell text -> tokens.
 *
 * Words keep their quotes and backslashes: expand.c needs them to know
 * what was quoted (no splitting, no globbing there). The lexer only finds
 * where each word ends, drops comments and backslash-newline, and
 * recognizes operators and redirections (with an optional descriptor
 * number right before them, as in 2>&1). After a newline it reads the
 * bodies of the here-documents opened on that line (heredoc.c), so the
 * parser sees each body on its << token.
 */
#include <ctype.h>
#include <string.h>

#include "sh.h"

static bool is_meta(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>' ||
           c == '(' || c == ')';
}

/* Here-documents met while looking for the end of a $(: their bodies
 * (after the next newline) are text, not syntax. */
struct subst_docs {
    char delim[8][64];
    bool strip[8];
    int n;
};

/* At s (after "<<"): notes the delimiter; returns where its word ends. */
static const char *note_heredoc(struct subst_docs *d, const char *s)
{
    bool strip = *s == '-';
    if (strip)
        s++;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = 0;
    char buf[64];
    while (*s && !is_meta(*s)) {
        char q = *s;
        if (q == '\'' || q == '"') {
            for (s++; *s && *s != q; s++)
                if (n < sizeof buf - 1)
                    buf[n++] = *s;
            if (*s)
                s++;
            continue;
        }
        if (q == '\\' && s[1])
            s++;
        if (n < sizeof buf - 1)
            buf[n++] = *s;
        s++;
    }
    buf[n] = '\0';
    if (d->n < 8) {
        memcpy(d->delim[d->n], buf, n + 1);
        d->strip[d->n++] = strip;
    }
    return s - 1;
}

/* At the newline s ending a line with here-documents: past their bodies
 * (at the newline ending the last delimiter line); NULL if one is not ended. */
static const char *skip_heredocs(struct subst_docs *d, const char *s)
{
    for (int k = 0; k < d->n; k++) {
        for (;;) {
            const char *line = s + 1;
            if (!*s)
                return NULL;
            if (d->strip[k])
                while (*line == '\t')
                    line++;
            const char *nl = strchr(line, '\n');
            size_t len = nl ? (size_t)(nl - line) : strlen(line);
            bool end = len == strlen(d->delim[k]) && memcmp(line, d->delim[k], len) == 0;
            s = nl ? nl : line + len;
            if (end)
                break;
            if (!nl)
                return NULL;
        }
    }
    d->n = 0;
    return *s ? s : s - 1;
}

/* Finds the ')' closing a $( by reading just enough of the grammar:
 * quotes, nested parentheses, comments (a `#` starting a word),
 * here-document bodies, and case ... esac, whose patterns end in a ')'
 * that closes nothing. */
const char *subst_end(const char *s)
{
    struct subst_docs docs = {.n = 0};
    int depth = 1;
    int cases = 0;        /* case ... esac open */
    int expect = 0;       /* 1: the word after `case`, 2: its `in` */
    bool pattern = false; /* a case pattern comes (up to its ')') */
    bool start = true;    /* at the start of a word */
    for (; *s; s++) {
        bool at_start = start;
        start = false;
        char c = *s;
        if (c == '\n' && docs.n && !(s = skip_heredocs(&docs, s)))
            return NULL;
        if (c == '<' && s[1] == '<') {
            s = note_heredoc(&docs, s + 2);
            start = true;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|') {
            if (c == ';' && s[1] == ';' && cases) {
                pattern = true;
                s++;
            }
            start = true;
            continue;
        }
        if (at_start && c == '#') {
            while (s[1] && s[1] != '\n')
                s++;
            start = true;
            continue;
        }
        if (at_start && expect == 1) {
            expect = 2; /* the subject word: whatever it is */
        } else if (at_start && (isalpha((unsigned char)c) || c == '_')) {
            size_t n = 1;
            while (isalnum((unsigned char)s[n]) || s[n] == '_')
                n++;
            bool whole = !s[n] || is_meta(s[n]);
            if (whole && n == 4 && !memcmp(s, "case", 4) && !pattern) {
                cases++;
                expect = 1;
            } else if (whole && n == 2 && !memcmp(s, "in", 2) && expect == 2) {
                expect = 0;
                pattern = true;
            } else if (whole && n == 4 && !memcmp(s, "esac", 4) && cases) {
                cases--;
                pattern = false;
            }
            s += n - 1;
            continue;
        }
        if (c == '\\' && s[1]) {
            s++;
        } else if (c == '\'') {
            const char *q = strchr(s + 1, '\'');
            if (!q)
                return NULL;
            s = q;
        } else if (c == '"') {
            for (s++; *s && *s != '"'; s++) {
                if (*s == '\\' && s[1])
                    s++;
                else if (*s == '$' && s[1] == '(') {
                    const char *e = subst_end(s + 2);
                    if (!e)
                        return NULL;
                    s = e;
                }
            }
            if (!*s)
                return NULL;
        } else if (c == '(') {
            if (!(pattern && at_start)) /* not the optional ( before a pattern */
                depth++;
            start = true;
        } else if (c == ')') {
            if (pattern) {
                pattern = false; /* the end of a case pattern */
            } else if (--depth == 0) {
                return s;
            }
            start = true;
        }
    }
    return NULL;
}

const char *escaped_end(const char *s, char close)
{
    for (; *s; s++) {
        if (*s == '\\' && s[1])
            s++;
        else if (*s == close)
            return s;
    }
    return NULL;
}

const char *backquote_end(const char *s) { return escaped_end(s, '`'); }

struct lexer {
    struct arena *a;
    const char *t;
    size_t i;
    struct token *toks;
    int n, cap;
    bool final;
    int line;          /* newlines before line_pos */
    size_t line_pos;
    int pending[16];   /* << tokens whose body follows the next newline */
    int npending;
};

static struct token *push(struct lexer *lx, enum tok_kind kind, size_t start)
{
    if (lx->n == lx->cap) {
        int cap = lx->cap ? lx->cap * 2 : 32;
        struct token *t = arena_alloc(lx->a, (size_t)cap * sizeof *t);
        if (lx->n)
            memcpy(t, lx->toks, (size_t)lx->n * sizeof *t);
        lx->toks = t;
        lx->cap = cap;
    }
    struct token *tk = &lx->toks[lx->n++];
    memset(tk, 0, sizeof *tk);
    tk->kind = kind;
    tk->fd = -1;
    tk->start = start;
    tk->end = lx->i;
    for (; lx->line_pos < start; lx->line_pos++)
        if (lx->t[lx->line_pos] == '\n')
            lx->line++;
    tk->line = lx->line;
    tk->text = arena_strndup(lx->a, lx->t + start, lx->i - start);
    return tk;
}

/* Copies the text from lx->i through `end` (its closing character) into
 * w and moves past it; with no end (NULL), frees w, sets *err to
 * `missing` and returns false: the input is incomplete. */
static bool copy_through(struct lexer *lx, struct str *w, const char *end, const char *missing, const char **err)
{
    const char *t = lx->t + lx->i;
    if (!end) {
        str_free(w);
        *err = missing;
        return false;
    }
    str_addn(w, t, (size_t)(end - t) + 1);
    lx->i += (size_t)(end - t) + 1;
    return true;
}

/* Copies a $(...) or `...` at lx->i into w; false if it is not closed. */
static bool copy_subst(struct lexer *lx, struct str *w, const char **err)
{
    const char *t = lx->t + lx->i;
    if (*t == '`')
        return copy_through(lx, w, backquote_end(t + 1), "EOF in backquote substitution", err);
    const char *arith = t[2] == '(' ? arith_end(t + 3) : NULL; /* $((...)) */
    if (arith)
        return copy_through(lx, w, arith + 1, "", err);
    return copy_through(lx, w, subst_end(t + 2), "end of file unexpected (expecting \")\")", err);
}

/* A backslash-newline that ends the text read so far: the line goes on
 * in the next one, which is still to be read. */
static bool continued(const struct lexer *lx, size_t i)
{
    return lx->t[i] == '\\' && lx->t[i + 1] == '\n' && !lx->t[i + 2] && !lx->final;
}

static const char bad_subst[] = "Bad substitution";

/* Copies a ${...} at lx->i into w (its braces may nest); false if it is
 * not closed, or (*err == bad_subst) if it is no parameter expansion. */
static bool copy_param(struct lexer *lx, struct str *w, const char **err)
{
    const char *t = lx->t + lx->i;
    const char *close = param_end(t + 2);
    if (close && !param_syntax_ok(t + 2, close)) {
        str_free(w);
        *err = bad_subst;
        return false;
    }
    return copy_through(lx, w, close, "Missing '}'", err);
}

/* A word from lx->i; returns LEX_INCOMPLETE on an unterminated quote. */
static enum lex_result word(struct lexer *lx, const char **err)
{
    const char *t = lx->t;
    size_t start = lx->i;
    struct str w = {0};
    while (t[lx->i] && !is_meta(t[lx->i])) {
        char c = t[lx->i];
        if (c == '\\') {
            if (!t[lx->i + 1] || continued(lx, lx->i)) {
                str_free(&w);
                return LEX_INCOMPLETE; /* a line continuation at the very end */
            }
            if (t[lx->i + 1] != '\n')
                str_addn(&w, t + lx->i, 2);
            lx->i += 2;
        } else if (c == '\'') {
            if (!copy_through(lx, &w, strchr(t + lx->i + 1, '\''), "Unterminated quoted string", err))
                return LEX_INCOMPLETE;
        } else if (c == '"') {
            str_addc(&w, c);
            lx->i++;
            for (;;) {
                char d = t[lx->i];
                if (!d) {
                    str_free(&w);
                    *err = "Unterminated quoted string";
                    return LEX_INCOMPLETE;
                }
                if (continued(lx, lx->i)) {
                    str_free(&w);
                    return LEX_INCOMPLETE;
                }
                if (d == '\\' && t[lx->i + 1]) {
                    if (t[lx->i + 1] != '\n')
                        str_addn(&w, t + lx->i, 2);
                    lx->i += 2;
                    continue;
                }
                if ((d == '$' && t[lx->i + 1] == '(') || d == '`') {
                    if (!copy_subst(lx, &w, err))
                        return LEX_INCOMPLETE;
                    continue;
                }
                if (d == '$' && t[lx->i + 1] == '{') {
                    if (!copy_param(lx, &w, err))
                        return *err == bad_subst ? LEX_ERROR : LEX_INCOMPLETE;
                    continue;
                }
                str_addc(&w, d);
                lx->i++;
                if (d == '"')
                    break;
            }
        } else if (c == '$' && t[lx->i + 1] == '\'') {
            /* $'...': a \' inside does not end it (dollar_quote.c) */
            if (!copy_through(lx, &w, dollar_quote_end(t + lx->i + 2), "Unterminated quoted string", err))
                return LEX_INCOMPLETE;
        } else if ((c == '$' && t[lx->i + 1] == '(') || c == '`') {
            if (!copy_subst(lx, &w, err))
                return LEX_INCOMPLETE;
        } else if (c == '$' && t[lx->i + 1] == '{') {
            if (!copy_param(lx, &w, err))
                return *err == bad_subst ? LEX_ERROR : LEX_INCOMPLETE;
        } else {
            str_addc(&w, c);
            lx->i++;
        }
    }
    struct token *tk = push(lx, T_WORD, start);
    tk->text = arena_strndup(lx->a, w.s ? w.s : "", w.len);
    str_free(&w);
    return LEX_OK;
}

/* After a newline: the bodies of the here-documents opened on its line,
 * in order. The newline token's end moves past them. */
static enum lex_result read_bodies(struct lexer *lx, const char **err)
{
    for (int k = 0; k < lx->npending; k++) {
        int at = lx->pending[k];
        struct token *op = &lx->toks[at];
        if (at + 1 >= lx->n || lx->toks[at + 1].kind != T_WORD)
            continue; /* `cat <<` with no word: the parser reports it */
        if (!heredoc_read(lx->a, lx->t, &lx->i, lx->toks[at + 1].text, op->strip_tabs, lx->final, &op->heredoc,
                          &op->heredoc_quoted)) {
            *err = "here-document not ended";
            lx->n--; /* the line is not complete without its bodies */
            return LEX_INCOMPLETE;
        }
    }
    lx->npending = 0;
    lx->toks[lx->n - 1].end = lx->i;
    return LEX_OK;
}

/* An operator at lx->i (the caller knows t[i] is a metacharacter). */
static enum lex_result op(struct lexer *lx, int fd, size_t start, const char **err)
{
    const char *t = lx->t + lx->i;
    enum tok_kind k;
    enum redir_kind r = R_IN;
    size_t len = 1;
    if (t[0] == '>' || t[0] == '<') {
        k = T_REDIR;
        if (t[0] == '<' && t[1] == '<')
            r = R_HEREDOC, len = t[2] == '-' ? 3 : 2;
        else if (t[0] == '>' && t[1] == '>')
            r = R_APPEND, len = 2;
        else if (t[0] == '>' && t[1] == '&')
            r = R_DUPOUT, len = 2;
        else if (t[0] == '>' && t[1] == '|')
            r = R_CLOBBER, len = 2;
        else if (t[0] == '<' && t[1] == '&')
            r = R_DUPIN, len = 2;
        else if (t[0] == '<' && t[1] == '>')
            r = R_RDWR, len = 2;
        else
            r = t[0] == '>' ? R_OUT : R_IN;
    } else if (t[0] == '&' && t[1] == '&') {
        k = T_AND, len = 2;
    } else if (t[0] == '|' && t[1] == '|') {
        k = T_OR, len = 2;
    } else if (t[0] == '&') {
        k = T_AMP;
    } else if (t[0] == '|') {
        k = T_PIPE;
    } else if (t[0] == ';') {
        k = t[1] == ';' ? T_DSEMI : T_SEMI;
        len = t[1] == ';' ? 2 : 1;
    } else if (t[0] == '(') {
        k = T_LPAREN;
    } else if (t[0] == ')') {
        k = T_RPAREN;
    } else {
        k = T_NEWLINE;
    }
    lx->i += len;
    struct token *tk = push(lx, k, start);
    tk->fd = fd;
    tk->redir = r;
    if (k == T_NEWLINE)
        tk->text = "newline";
    if (r == R_HEREDOC && k == T_REDIR) {
        tk->strip_tabs = len == 3;
        if (lx->npending == (int)(sizeof lx->pending / sizeof lx->pending[0])) {
            *err = "too many here-documents on one line";
            return LEX_ERROR;
        }
        lx->pending[lx->npending++] = lx->n - 1;
    }
    if (k == T_NEWLINE && lx->npending)
        return read_bodies(lx, err);
    return LEX_OK;
}

enum lex_result lex(struct arena *a, const char *text, bool final, struct token **toks, int *ntoks,
                    const char **err)
{
    struct lexer lx = {.a = a, .t = text, .final = final};
    enum lex_result r = LEX_OK;
    *err = NULL;
    heredoc_wait_reset();
    for (;;) {
        while (text[lx.i] == ' ' || text[lx.i] == '\t' ||
               (text[lx.i] == '\\' && text[lx.i + 1] == '\n'))
            lx.i += text[lx.i] == '\\' ? 2 : 1;
        if (lx.i >= 2 && continued(&lx, lx.i - 2)) {
            r = LEX_INCOMPLETE;
            break;
        }
        char c = text[lx.i];
        if (!c)
            break;
        if (c == '#') {
            while (text[lx.i] && text[lx.i] != '\n')
                lx.i++;
            continue;
        }
        size_t start = lx.i;
        /* N> and N< : a descriptor number glued to a redirection */
        size_t j = lx.i;
        while (isdigit((unsigned char)text[j]))
            j++;
        if (j > lx.i && j - lx.i < 5 && (text[j] == '<' || text[j] == '>')) {
            int fd = 0;
            for (size_t k = lx.i; k < j; k++)
                fd = fd * 10 + (text[k] - '0');
            lx.i = j;
            r = op(&lx, fd, start, err);
        } else if (is_meta(c)) {
            r = op(&lx, -1, start, err);
        } else {
            r = word(&lx, err);
        }
        if (r != LEX_OK)
            break;
    }
    if (r == LEX_OK && lx.npending) {
        /* `cat <<EOF` on the last line: the body is still to come */
        if (!final) {
            *err = "here-document not ended";
            r = LEX_INCOMPLETE;
        } else {
            for (int k = 0; k < lx.npending; k++)
                lx.toks[lx.pending[k]].heredoc = "";
        }
    }
    /* on an error too: the complete commands before it can still run */
    push(&lx, T_EOF, lx.i)->text = "end of file";
    *toks = lx.toks;
    *ntoks = lx.n;
    return r;
}
