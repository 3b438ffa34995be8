/*
 * parse.c - tokens -> tree (POSIX.1-2017 XCU 2.9-2.10).
 *
 *   list     := and_or ((';' | '&' | newline) and_or)*
 *   and_or   := pipeline (('&&' | '||') newline* pipeline)*
 *   pipeline := ['!'] command ('|' newline* command)*
 *   command  := simple | compound redirection* | funcdef
 *   compound := if | while | until | for | case | '{' list '}' | '(' list ')'
 *   case     := 'case' WORD newline* 'in' newline*
 *               (['('] WORD ('|' WORD)* ')' list [';;'] newline*)* 'esac'
 *   funcdef  := NAME '(' ')' newline* command
 *             | 'function' NAME ['(' ')'] newline* command     (bash's form)
 *   simple   := (NAME=value | word | redirection)+
 *
 * Reserved words are words in command position only (`echo if` is an
 * argument), and only unquoted ("if" is a command name). Running off the
 * end of the text where more must follow (after '|', inside an if, in a
 * here-document) gives PARSE_INCOMPLETE, so the caller can read another
 * line and try again with the longer text. Messages are dash's:
 * `Syntax error: "fi" unexpected`, `... end of file unexpected (expecting "done")`.
 */
#include <stdio.h>
#include <string.h>

#include "sh.h"

struct parser {
    struct arena *a;
    const char *text;
    struct token *t;
    int n, i;
    int line0;            /* the line of the text's first line */
    bool incomplete;
    char *err;
    size_t errlen;
    bool failed;
    enum lex_result lexed; /* not LEX_OK: the T_EOF stands where lexing failed */
    bool line_done;       /* parse_list_to stopped at the end of a line */
    const char *lex_err;
};

static struct list *parse_list(struct parser *p);
static struct node *parse_command(struct parser *p);

static struct token *peek(struct parser *p) { return &p->t[p->i]; }

bool is_reserved_word(const char *w)
{
    static const char *const words[] = {"if", "then", "else", "elif", "fi", "do", "done", "case", "esac",
                                        "while", "until", "for", "in", "{", "}", "!", "function", NULL};
    for (int i = 0; words[i]; i++)
        if (strcmp(w, words[i]) == 0)
            return true;
    return false;
}

/* The error at tk; `expecting` (or NULL) names what should have come. */
static bool fail_expecting(struct parser *p, struct token *tk, const char *expecting)
{
    if (p->failed)
        return false;
    p->failed = true;
    p->incomplete = tk->kind == T_EOF;
    const char *what = tk->text;
    char quoted[64];
    if (tk->kind == T_EOF) {
        what = "end of file";
    } else if (tk->kind == T_NEWLINE) {
        what = "newline";
    } else if (tk->kind == T_WORD && !is_reserved_word(tk->text)) {
        what = "word";
    } else if (tk->kind == T_REDIR) {
        what = "redirection";
    } else {
        snprintf(quoted, sizeof quoted, "\"%s\"", tk->text);
        what = quoted;
    }
    if (expecting)
        snprintf(p->err, p->errlen, "Syntax error: %s unexpected (expecting \"%s\")", what, expecting);
    else
        snprintf(p->err, p->errlen, "Syntax error: %s unexpected", what);
    sh_lineno = p->line0 + tk->line;
    return false;
}

static bool fail(struct parser *p, struct token *tk) { return fail_expecting(p, tk, NULL); }

/* An unquoted reserved word in command position. */
static bool is_word(struct token *tk, const char *w) { return tk->kind == T_WORD && strcmp(tk->text, w) == 0; }

static bool is_terminator(struct token *tk)
{
    static const char *const words[] = {"then", "elif", "else", "fi", "do", "done", "}", "esac", NULL};
    if (tk->kind == T_EOF || tk->kind == T_RPAREN || tk->kind == T_DSEMI)
        return true;
    for (int i = 0; words[i]; i++)
        if (is_word(tk, words[i]))
            return true;
    return false;
}

static void skip_newlines(struct parser *p)
{
    while (peek(p)->kind == T_NEWLINE)
        p->i++;
}

static void command_position(struct parser *p);

static bool expect_word(struct parser *p, const char *w)
{
    skip_newlines(p);
    command_position(p);
    if (!is_word(peek(p), w))
        return fail_expecting(p, peek(p), w);
    p->i++;
    return true;
}

/* Appends to an arena array by copying (the arrays are short). */
static void *grow(struct parser *p, void *arr, int n, size_t size)
{
    void *bigger = arena_alloc(p->a, (size_t)(n + 2) * size); /* room for a NULL end */
    if (n && arr)
        memcpy(bigger, arr, (size_t)n * size);
    return bigger;
}

static bool is_assignment(const char *w)
{
    const char *eq = strchr(w, '=');
    return eq && eq > w && var_name_ok(w, (size_t)(eq - w));
}

static struct node *new_node(struct parser *p, enum node_kind kind, struct token *first)
{
    struct node *nd = arena_alloc(p->a, sizeof *nd);
    nd->kind = kind;
    nd->line = p->line0 + first->line;
    return nd;
}

/* Alias substitution (XCU 2.3.1) of the word at p->i, when it is a
 * command name (or follows an alias ending in a blank): the alias's value
 * is lexed and its tokens replace the word. An alias is not expanded
 * again inside its own expansion, so `alias ls='ls -F'` ends. */
static bool expand_alias(struct parser *p)
{
    struct token *tk = peek(p);
    if (tk->kind != T_WORD)
        return false;
    const char *value = alias_get(tk->text);
    if (!value)
        return false;
    for (struct alias_from *f = tk->alias_from; f; f = f->next)
        if (strcmp(f->name, tk->text) == 0)
            return false;
    struct token *at;
    int m;
    const char *err;
    if (lex(p->a, value, true, &at, &m, &err) != LEX_OK)
        return false; /* a value that does not lex alone stays a word */
    m--; /* its T_EOF */
    struct alias_from *from = arena_alloc(p->a, sizeof *from);
    from->name = tk->text;
    from->next = tk->alias_from;
    size_t len = strlen(value);
    bool blank = len && (value[len - 1] == ' ' || value[len - 1] == '\t');
    struct token *t = arena_alloc(p->a, (size_t)(p->n - 1 + m) * sizeof *t);
    memcpy(t, p->t, (size_t)p->i * sizeof *t);
    for (int k = 0; k < m; k++) {
        t[p->i + k] = at[k];
        t[p->i + k].alias_from = from;
        t[p->i + k].start = tk->start; /* job texts show what was typed */
        t[p->i + k].end = tk->end;
        t[p->i + k].line = tk->line;
    }
    memcpy(t + p->i + m, p->t + p->i + 1, (size_t)(p->n - p->i - 1) * sizeof *t);
    p->n += m - 1;
    p->t = t;
    if (blank && p->i + m < p->n)
        p->t[p->i + m].alias_next = true;
    return true;
}

static bool parse_redirs(struct parser *p, struct redir ***tail)
{
    while (peek(p)->kind == T_REDIR) {
        struct token *op = peek(p);
        p->i++;
        if (peek(p)->kind != T_WORD)
            return fail(p, peek(p));
        struct redir *r = arena_alloc(p->a, sizeof *r);
        r->kind = op->redir;
        r->fd = op->fd >= 0 ? op->fd
                : (r->kind == R_IN || r->kind == R_DUPIN || r->kind == R_RDWR || r->kind == R_HEREDOC) ? 0
                                                                                                        : 1;
        r->word = peek(p)->text;
        r->heredoc = op->heredoc;
        r->heredoc_quoted = op->heredoc_quoted;
        p->i++;
        **tail = r;
        *tail = &r->next;
    }
    return true;
}

static struct node *parse_simple(struct parser *p)
{
    struct node *nd = new_node(p, N_SIMPLE, peek(p));
    struct redir **tail = &nd->redirs;
    for (;;) {
        struct token *tk = peek(p);
        if (tk->kind == T_REDIR) {
            if (!parse_redirs(p, &tail))
                return NULL;
        } else if (tk->kind == T_WORD) {
            if ((tk->alias_next || (nd->nwords == 0 && nd->nassigns && !is_assignment(tk->text))) &&
                expand_alias(p))
                continue; /* the command name after assignments, or after an alias ending in a blank */
            if (nd->nwords == 0 && is_assignment(tk->text)) {
                nd->assigns = grow(p, nd->assigns, nd->nassigns, sizeof(char *));
                nd->assigns[nd->nassigns++] = tk->text;
            } else {
                nd->words = grow(p, nd->words, nd->nwords, sizeof(char *));
                nd->words[nd->nwords++] = tk->text;
                nd->words[nd->nwords] = NULL;
            }
            p->i++;
        } else {
            break;
        }
    }
    if (!nd->nwords && !nd->nassigns && !nd->redirs) {
        fail(p, peek(p));
        return NULL;
    }
    return nd;
}

/* A compound command's list: never empty (`then fi` is an error). */
static struct list *nonempty_list(struct parser *p)
{
    struct list *l = parse_list(p);
    if (l && !l->n) {
        skip_newlines(p);
        fail(p, peek(p));
        return NULL;
    }
    return l;
}

/* The body of a compound command up to the word `end`, which is consumed. */
static struct list *body_until(struct parser *p, const char *end)
{
    struct list *l = nonempty_list(p);
    if (!l || !expect_word(p, end))
        return NULL;
    return l;
}

/* A list holding the one command nd (elif becomes else { if ...; }). */
static struct list *list_of(struct parser *p, struct node *nd)
{
    struct list *l = arena_alloc(p->a, sizeof *l);
    l->n = 1;
    l->items = arena_alloc(p->a, sizeof *l->items);
    struct andor *ao = l->items[0].ao = arena_alloc(p->a, sizeof *ao);
    ao->n = 1;
    ao->pipes = arena_alloc(p->a, sizeof *ao->pipes);
    ao->pipes[0] = arena_alloc(p->a, sizeof *ao->pipes[0]);
    ao->pipes[0]->n = 1;
    ao->pipes[0]->cmds = arena_alloc(p->a, sizeof(struct node *));
    ao->pipes[0]->cmds[0] = nd;
    l->items[0].text = "";
    return l;
}

static struct node *parse_if(struct parser *p)
{
    struct node *nd = new_node(p, N_IF, peek(p));
    p->i++; /* if / elif */
    if (!(nd->cond = body_until(p, "then")))
        return NULL;
    if (!(nd->body = nonempty_list(p)))
        return NULL;
    skip_newlines(p);
    if (is_word(peek(p), "elif")) {
        struct node *sub = parse_if(p); /* consumes the final fi */
        if (!sub)
            return NULL;
        nd->els = list_of(p, sub);
        return nd;
    }
    if (is_word(peek(p), "else")) {
        p->i++;
        if (!(nd->els = nonempty_list(p)))
            return NULL;
    }
    if (!expect_word(p, "fi"))
        return NULL;
    return nd;
}

static struct node *parse_loop(struct parser *p, enum node_kind kind)
{
    struct node *nd = new_node(p, kind, peek(p));
    p->i++;
    if (kind == N_FOR) {
        struct token *v = peek(p);
        if (v->kind != T_WORD || !var_name_ok(v->text, strlen(v->text))) {
            fail(p, v);
            return NULL;
        }
        nd->var = v->text;
        p->i++;
        skip_newlines(p);
        if (is_word(peek(p), "in")) {
            nd->for_has_in = true;
            p->i++;
            while (peek(p)->kind == T_WORD) {
                nd->words = grow(p, nd->words, nd->nwords, sizeof(char *));
                nd->words[nd->nwords++] = peek(p)->text;
                nd->words[nd->nwords] = NULL;
                p->i++;
            }
            if (peek(p)->kind != T_SEMI && peek(p)->kind != T_NEWLINE) {
                fail_expecting(p, peek(p), "do");
                return NULL;
            }
        }
        if (peek(p)->kind == T_SEMI)
            p->i++;
    } else if (!(nd->cond = body_until(p, "do"))) {
        return NULL;
    }
    if (kind == N_FOR && !expect_word(p, "do"))
        return NULL;
    if (!(nd->body = body_until(p, "done")))
        return NULL;
    return nd;
}

/* case WORD in [(]PAT[|PAT]...) LIST ;; ... esac */
static struct node *parse_case(struct parser *p)
{
    struct node *nd = new_node(p, N_CASE, peek(p));
    p->i++;
    if (peek(p)->kind != T_WORD) {
        fail(p, peek(p));
        return NULL;
    }
    nd->words = grow(p, NULL, 0, sizeof(char *));
    nd->words[nd->nwords++] = peek(p)->text;
    p->i++;
    if (!expect_word(p, "in"))
        return NULL;
    for (;;) {
        skip_newlines(p);
        if (is_word(peek(p), "esac")) {
            p->i++;
            return nd;
        }
        struct case_item it = {0};
        if (peek(p)->kind == T_LPAREN)
            p->i++;
        for (;;) {
            if (peek(p)->kind != T_WORD) {
                fail_expecting(p, peek(p), ")");
                return NULL;
            }
            it.pats = grow(p, it.pats, it.npats, sizeof(char *));
            it.pats[it.npats++] = peek(p)->text;
            p->i++;
            if (peek(p)->kind != T_PIPE)
                break;
            p->i++;
        }
        if (peek(p)->kind != T_RPAREN) {
            fail_expecting(p, peek(p), ")");
            return NULL;
        }
        p->i++;
        if (!(it.body = parse_list(p)))
            return NULL;
        nd->items = grow(p, nd->items, nd->nitems, sizeof *nd->items);
        nd->items[nd->nitems++] = it;
        skip_newlines(p);
        if (peek(p)->kind == T_DSEMI)
            p->i++;
        else if (!is_word(peek(p), "esac")) {
            fail_expecting(p, peek(p), "esac");
            return NULL;
        }
    }
}

/* NAME() COMMAND, or with `function` before the name (bash). */
static struct node *parse_funcdef(struct parser *p, bool keyword)
{
    struct node *nd = new_node(p, N_FUNCDEF, peek(p));
    if (keyword)
        p->i++;
    struct token *name = peek(p);
    if (name->kind != T_WORD || is_reserved_word(name->text)) {
        fail(p, name);
        return NULL;
    }
    if (!var_name_ok(name->text, strlen(name->text))) {
        snprintf(p->err, p->errlen, "Syntax error: Bad function name");
        sh_lineno = p->line0 + name->line;
        p->failed = true;
        return NULL;
    }
    nd->var = name->text;
    p->i++;
    if (peek(p)->kind == T_LPAREN) {
        p->i++;
        if (peek(p)->kind != T_RPAREN) {
            fail_expecting(p, peek(p), ")");
            return NULL;
        }
        p->i++;
    } else if (!keyword) {
        fail(p, peek(p));
        return NULL;
    }
    skip_newlines(p);
    if (!(nd->func = parse_command(p)))
        return NULL;
    return nd;
}

static bool is_funcdef(struct parser *p)
{
    return peek(p)->kind == T_WORD && p->i + 2 < p->n && p->t[p->i + 1].kind == T_LPAREN &&
           p->t[p->i + 2].kind == T_RPAREN;
}

/* A word in command position: aliases are substituted first (dash's
 * checkkwd), so an alias may stand for a reserved word such as `}`. */
static void command_position(struct parser *p)
{
    while (peek(p)->kind == T_WORD && !is_reserved_word(peek(p)->text) && expand_alias(p))
        ;
}

static struct node *parse_command(struct parser *p)
{
    command_position(p);
    struct token *tk = peek(p);
    struct node *nd = NULL;
    if (is_word(tk, "if")) {
        nd = parse_if(p);
    } else if (is_word(tk, "while") || is_word(tk, "until")) {
        nd = parse_loop(p, is_word(tk, "while") ? N_WHILE : N_UNTIL);
    } else if (is_word(tk, "for")) {
        nd = parse_loop(p, N_FOR);
    } else if (is_word(tk, "case")) {
        nd = parse_case(p);
    } else if (is_word(tk, "function")) {
        return parse_funcdef(p, true);
    } else if (is_word(tk, "{") || tk->kind == T_LPAREN) {
        bool sub = tk->kind == T_LPAREN;
        p->i++;
        nd = new_node(p, sub ? N_SUBSHELL : N_GROUP, tk);
        if (!(nd->body = parse_list(p)))
            return NULL;
        skip_newlines(p);
        if (!nd->body->n) {
            fail(p, peek(p)); /* { } and ( ): an empty list is not allowed */
            return NULL;
        }
        if (sub ? peek(p)->kind != T_RPAREN : !is_word(peek(p), "}")) {
            fail_expecting(p, peek(p), sub ? ")" : "}");
            return NULL;
        }
        p->i++;
    } else if ((is_terminator(tk) && tk->kind != T_EOF) || is_word(tk, "in") || is_word(tk, "!")) {
        fail(p, tk);
        return NULL;
    } else if (is_funcdef(p)) {
        return parse_funcdef(p, false);
    } else {
        return parse_simple(p);
    }
    if (!nd)
        return NULL;
    struct redir **tail = &nd->redirs;
    if (!parse_redirs(p, &tail))
        return NULL;
    return nd;
}

static struct pipeline *parse_pipeline(struct parser *p)
{
    struct pipeline *pl = arena_alloc(p->a, sizeof *pl);
    if (is_word(peek(p), "!")) {
        pl->negate = true;
        p->i++;
    }
    for (;;) {
        struct node *nd = parse_command(p);
        if (!nd)
            return NULL;
        pl->cmds = grow(p, pl->cmds, pl->n, sizeof *pl->cmds);
        pl->cmds[pl->n++] = nd;
        if (peek(p)->kind != T_PIPE)
            return pl;
        p->i++;
        skip_newlines(p);
    }
}

static struct andor *parse_andor(struct parser *p)
{
    struct andor *ao = arena_alloc(p->a, sizeof *ao);
    for (;;) {
        struct pipeline *pl = parse_pipeline(p);
        if (!pl)
            return NULL;
        ao->pipes = grow(p, ao->pipes, ao->n, sizeof *ao->pipes);
        ao->pipes[ao->n++] = pl;
        enum tok_kind k = peek(p)->kind;
        if (k != T_AND && k != T_OR)
            return ao;
        ao->ops = grow(p, ao->ops, ao->n - 1, sizeof *ao->ops);
        ao->ops[ao->n - 1] = (int)k;
        p->i++;
        skip_newlines(p);
    }
}

/* A list; `line`: only up to the end of the line (a complete command). */
static struct list *parse_list_to(struct parser *p, bool line)
{
    struct list *l = arena_alloc(p->a, sizeof *l);
    for (;;) {
        skip_newlines(p);
        command_position(p);
        if (is_terminator(peek(p)))
            return l;
        size_t start = peek(p)->start;
        struct andor *ao = parse_andor(p);
        if (!ao)
            return NULL;
        l->items = grow(p, l->items, l->n, sizeof *l->items);
        struct item *it = &l->items[l->n++];
        it->ao = ao;
        it->text = arena_strndup(p->a, p->text + start, p->t[p->i - 1].end - start);
        struct token *sep = peek(p);
        if (sep->kind == T_AMP || sep->kind == T_SEMI || sep->kind == T_NEWLINE) {
            it->background = sep->kind == T_AMP;
            p->i++;
            if (line && sep->kind == T_NEWLINE) {
                p->line_done = true;
                return l;
            }
        } else if (!is_terminator(sep)) {
            fail(p, sep);
            return NULL;
        }
        if (line && peek(p)->kind == T_NEWLINE) {
            p->i++;
            p->line_done = true;
            return l;
        }
    }
}

static struct list *parse_list(struct parser *p) { return parse_list_to(p, false); }

struct parser *parse_begin(struct arena *a, const char *text, int line, bool final, char *errbuf, size_t errlen)
{
    struct parser *p = arena_alloc(a, sizeof *p);
    memset(p, 0, sizeof *p);
    p->a = a;
    p->text = text;
    p->line0 = line;
    p->err = errbuf;
    p->errlen = errlen;
    p->lexed = lex(a, text, final, &p->t, &p->n, &p->lex_err);
    return p;
}

/* The lexer's error, reached by the parser: where the text ended. */
static enum parse_result lex_failure(struct parser *p)
{
    int nl = 0;
    for (const char *s = p->text; *s; s++)
        nl += *s == '\n';
    sh_lineno = p->line0 + nl;
    snprintf(p->err, p->errlen, "Syntax error: %s", p->lex_err ? p->lex_err : "end of file unexpected");
    return p->lexed == LEX_INCOMPLETE ? PARSE_INCOMPLETE : PARSE_ERROR;
}

enum parse_result parse_next(struct parser *p, struct list **out)
{
    *out = NULL;
    skip_newlines(p);
    if (peek(p)->kind == T_EOF)
        return p->lexed == LEX_OK ? PARSE_OK : lex_failure(p);
    p->line_done = false;
    struct list *l = parse_list_to(p, true);
    if (l && !p->failed && peek(p)->kind != T_EOF && !p->line_done)
        fail(p, peek(p)); /* a stray `fi`, `)`, ... */
    /* a command running into a lexing error is not complete */
    if (p->lexed != LEX_OK && (p->failed ? p->incomplete : peek(p)->kind == T_EOF))
        return lex_failure(p);
    if (p->incomplete)
        return PARSE_INCOMPLETE;
    if (p->failed)
        return PARSE_ERROR;
    *out = l;
    return PARSE_OK;
}
