/* regex.c - POSIX regcomp/regexec (regex.h says what syntax).
 *
 * regcomp parses the pattern into a tree, then emits a small program for
 * a backtracking machine: CHAR, ANY, SET (a 256-bit map), assertions,
 * SPLIT (try x, then y), JMP, SAVE (a group boundary), BACKREF, MATCH.
 * Counted repetition {n,m} is emitted as copies (RE_DUP_MAX bounds it).
 *
 * regexec finds the leftmost-longest match POSIX asks for: for each start
 * position in turn it explores every path and keeps the longest end. A
 * bitmap of visited (instruction, position) states makes that linear in
 * program size times text length: a state explored once reaches all the
 * ends it can, and a state explored from an earlier start that found no
 * match cannot lead to one from a later start either. Back-references
 * make the state depend on the captured text, so such programs run
 * without the bitmap, with a step budget (REG_ESPACE past it), and loops
 * that could repeat an empty match are cut by a progress check instead.
 * Group offsets come from the first path that reached the longest end. */
#include <ctype.h>
#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RE_DUP_MAX 0x7fff
#define MAX_INSTS (1 << 20)
#define BACKTRACK_BUDGET (1L << 24)

enum op { I_CHAR, I_ANY, I_SET, I_BOL, I_EOL, I_WORDB, I_NWORDB, I_WBEG, I_WEND, I_BACKREF, I_SPLIT, I_JMP,
          I_SAVE, I_MARK, I_PROGRESS, I_MATCH };

struct inst {
    unsigned char op, c;
    int x, y; /* jump targets; SET: map index; SAVE/BACKREF/MARK: slot */
};

struct prog {
    struct inst *code;
    int n, cap;
    unsigned char (*sets)[32];
    int nsets;
    int nslots;     /* 2 * (re_nsub + 1) */
    int nmarks;     /* progress registers for loops (back-reference programs) */
    int flags;
    bool backrefs;
};

/* --- the tree ----------------------------------------------------------- */

enum ntype { N_EMPTY, N_CHAR, N_ANY, N_SET, N_ASSERT, N_BACKREF, N_CAT, N_ALT, N_REPEAT, N_GROUP };

struct node {
    enum ntype type;
    int a, b;          /* children (CAT, ALT; REPEAT and GROUP use a) */
    int min, max;      /* REPEAT; max -1: unbounded */
    int val;           /* CHAR byte, SET index, ASSERT op, BACKREF/GROUP number */
};

struct parser {
    const char *p;
    int flags;
    bool ere;
    int err;
    struct node *nodes;
    int nnodes, capnodes;
    struct prog *prog;
    int nsub;
    unsigned closed;   /* groups 1-31 whose ')' has been seen (back-references) */
    int depth;
};

static int new_node(struct parser *ps, enum ntype t, int a, int b)
{
    if (ps->err)
        return 0;
    if (ps->nnodes == ps->capnodes) {
        int cap = ps->capnodes ? ps->capnodes * 2 : 64;
        struct node *v = realloc(ps->nodes, (size_t)cap * sizeof *v);
        if (!v) {
            ps->err = REG_ESPACE;
            return 0;
        }
        ps->nodes = v;
        ps->capnodes = cap;
    }
    ps->nodes[ps->nnodes] = (struct node){t, a, b, 0, 0, 0};
    return ps->nnodes++;
}

static int new_set(struct parser *ps)
{
    struct prog *g = ps->prog;
    unsigned char (*v)[32] = realloc(g->sets, (size_t)(g->nsets + 1) * sizeof *v);
    if (!v) {
        ps->err = REG_ESPACE;
        return -1;
    }
    g->sets = v;
    memset(v[g->nsets], 0, 32);
    return g->nsets++;
}

static void set_add(struct parser *ps, unsigned char *set, unsigned c)
{
    set[c / 8] |= (unsigned char)(1u << (c % 8));
    if (ps->flags & REG_ICASE) {
        unsigned l = (unsigned)tolower((int)c), u = (unsigned)toupper((int)c);
        set[l / 8] |= (unsigned char)(1u << (l % 8));
        set[u / 8] |= (unsigned char)(1u << (u % 8));
    }
}

static const struct {
    const char *name;
    int (*test)(int);
} classes[] = {{"alpha", isalpha}, {"digit", isdigit}, {"alnum", isalnum}, {"space", isspace},
               {"upper", isupper}, {"lower", islower}, {"punct", ispunct}, {"print", isprint},
               {"xdigit", isxdigit}, {"cntrl", iscntrl}, {"graph", isgraph}, {"blank", isblank}};

static int char_node(struct parser *ps, unsigned char c)
{
    if ((ps->flags & REG_ICASE) && tolower(c) != toupper(c)) {
        int s = new_set(ps);
        if (s < 0)
            return 0;
        set_add(ps, ps->prog->sets[s], c);
        int n = new_node(ps, N_SET, 0, 0);
        ps->nodes[n].val = s;
        return n;
    }
    int n = new_node(ps, N_CHAR, 0, 0);
    if (!ps->err)
        ps->nodes[n].val = c;
    return n;
}

/* One end of a range or a single element in brackets: a byte, or [.c.]
 * / [=c=] (single characters only: the C locale has no others). */
static int bracket_char(struct parser *ps)
{
    const char *p = ps->p;
    if (p[0] == '[' && (p[1] == '.' || p[1] == '=')) {
        char kind = p[1];
        if (!p[2] || p[3] != kind || p[4] != ']') {
            ps->err = strchr(p + 2, kind) ? REG_ECOLLATE : REG_EBRACK;
            return -1;
        }
        ps->p = p + 5;
        return (unsigned char)p[2];
    }
    ps->p = p + 1;
    return (unsigned char)p[0];
}

/* A bracket expression; ps->p is just after the '['. */
static int parse_bracket(struct parser *ps)
{
    int s = new_set(ps);
    if (s < 0)
        return 0;
    unsigned char map[32] = {0};
    bool negate = *ps->p == '^';
    if (negate)
        ps->p++;
    bool first = true;
    for (;;) {
        const char *p = ps->p;
        if (!*p) {
            ps->err = REG_EBRACK;
            return 0;
        }
        if (*p == ']' && !first)
            break;
        first = false;
        if (p[0] == '[' && p[1] == ':') {
            const char *end = strstr(p + 2, ":]");
            if (!end) {
                ps->err = REG_EBRACK;
                return 0;
            }
            size_t k, len = (size_t)(end - p - 2);
            for (k = 0; k < sizeof classes / sizeof *classes; k++)
                if (strlen(classes[k].name) == len && !strncmp(p + 2, classes[k].name, len))
                    break;
            if (k == sizeof classes / sizeof *classes) {
                ps->err = REG_ECTYPE;
                return 0;
            }
            for (unsigned c = 0; c < 256; c++)
                if (classes[k].test((int)c))
                    set_add(ps, map, c);
            ps->p = end + 2;
            continue;
        }
        int lo = bracket_char(ps);
        if (lo < 0)
            return 0;
        if (ps->p[0] == '-' && ps->p[1] && ps->p[1] != ']') {
            ps->p++;
            int hi = bracket_char(ps);
            if (hi < 0)
                return 0;
            if (hi < lo) {
                ps->err = REG_ERANGE;
                return 0;
            }
            for (int c = lo; c <= hi; c++)
                set_add(ps, map, (unsigned)c);
        } else {
            set_add(ps, map, (unsigned)lo);
        }
    }
    ps->p++; /* ']' */
    if (negate) {
        for (int k = 0; k < 32; k++)
            map[k] = (unsigned char)~map[k];
        if (ps->flags & REG_NEWLINE)
            map['\n' / 8] &= (unsigned char)~(1u << ('\n' % 8));
    }
    map[0] &= (unsigned char)~1u; /* NUL ends the string: never matched */
    memcpy(ps->prog->sets[s], map, 32);
    int n = new_node(ps, N_SET, 0, 0);
    if (!ps->err)
        ps->nodes[n].val = s;
    return n;
}

/* A GNU class escape: \w \W \s \S as a set. */
static int class_escape(struct parser *ps, char e)
{
    int s = new_set(ps);
    if (s < 0)
        return 0;
    unsigned char *map = ps->prog->sets[s];
    bool word = e == 'w' || e == 'W', neg = e == 'W' || e == 'S';
    for (unsigned c = 1; c < 256; c++) {
        bool in = word ? (isalnum((int)c) || c == '_') : isspace((int)c);
        if (in != neg)
            map[c / 8] |= (unsigned char)(1u << (c % 8));
    }
    int n = new_node(ps, N_SET, 0, 0);
    if (!ps->err)
        ps->nodes[n].val = s;
    return n;
}

static int assert_node(struct parser *ps, enum op op)
{
    int n = new_node(ps, N_ASSERT, 0, 0);
    if (!ps->err)
        ps->nodes[n].val = op;
    return n;
}

static int parse_alt(struct parser *ps);

/* Whether the parser is at the end of an alternative: the pattern's end,
 * '|' (\| in a BRE), or a group's closing parenthesis. */
static bool at_alt_end(struct parser *ps)
{
    const char *p = ps->p;
    if (!*p)
        return true;
    if (ps->ere)
        return *p == '|' || (*p == ')' && ps->depth > 0);
    return p[0] == '\\' && (p[1] == '|' || (p[1] == ')' && ps->depth > 0));
}

static int parse_atom(struct parser *ps, bool first)
{
    const char *p = ps->p;
    char c = *p;
    if (ps->ere) {
        switch (c) {
        case '(': {
            ps->p++;
            int g = ++ps->nsub;
            ps->depth++;
            int inner = parse_alt(ps);
            ps->depth--;
            if (ps->err)
                return 0;
            if (*ps->p != ')') {
                ps->err = REG_EPAREN;
                return 0;
            }
            ps->p++;
            if (g < 32)
                ps->closed |= 1u << g;
            int n = new_node(ps, N_GROUP, inner, 0);
            if (!ps->err)
                ps->nodes[n].val = g;
            return n;
        }
        case '^': ps->p++; return assert_node(ps, I_BOL);
        case '$': ps->p++; return assert_node(ps, I_EOL);
        case '*': case '+': case '?':
            ps->err = REG_BADRPT;
            return 0;
        case '{':
            if (isdigit((unsigned char)p[1])) {
                ps->err = REG_BADRPT;
                return 0;
            }
            break;
        }
    } else {
        if (c == '^' && first) {
            ps->p++;
            return assert_node(ps, I_BOL);
        }
        if (c == '$') {
            ps->p++;
            if (at_alt_end(ps))
                return assert_node(ps, I_EOL);
            return char_node(ps, '$');
        }
        if (c == '*' && first) {
            ps->p++;
            return char_node(ps, '*');
        }
        if (c == '\\' && p[1] == '(') {
            ps->p += 2;
            int g = ++ps->nsub;
            ps->depth++;
            int inner = parse_alt(ps);
            ps->depth--;
            if (ps->err)
                return 0;
            if (ps->p[0] != '\\' || ps->p[1] != ')') {
                ps->err = REG_EPAREN;
                return 0;
            }
            ps->p += 2;
            if (g < 32)
                ps->closed |= 1u << g;
            int n = new_node(ps, N_GROUP, inner, 0);
            if (!ps->err)
                ps->nodes[n].val = g;
            return n;
        }
        if (c == '\\' && p[1] == '{') {
            ps->err = REG_BADRPT;
            return 0;
        }
    }
    if (c == '.') {
        ps->p++;
        return new_node(ps, N_ANY, 0, 0);
    }
    if (c == '[') {
        ps->p++;
        return parse_bracket(ps);
    }
    if (c == '\\') {
        char e = p[1];
        if (!e) {
            ps->err = REG_EESCAPE;
            return 0;
        }
        ps->p += 2;
        if (e >= '1' && e <= '9') {
            int g = e - '0';
            if (g > ps->nsub || !(ps->closed & (1u << g))) {
                ps->err = REG_ESUBREG;
                return 0;
            }
            ps->prog->backrefs = true;
            int n = new_node(ps, N_BACKREF, 0, 0);
            if (!ps->err)
                ps->nodes[n].val = g;
            return n;
        }
        switch (e) {
        case '<': return assert_node(ps, I_WBEG);
        case '>': return assert_node(ps, I_WEND);
        case 'b': return assert_node(ps, I_WORDB);
        case 'B': return assert_node(ps, I_NWORDB);
        case 'w': case 'W': case 's': case 'S': return class_escape(ps, e);
        }
        return char_node(ps, (unsigned char)e);
    }
    ps->p++;
    return char_node(ps, (unsigned char)c);
}

/* An interval's "n", "n,", "n,m" and closing brace; ps->p after '{'. */
static bool parse_interval(struct parser *ps, int *min, int *max)
{
    const char *p = ps->p;
    if (!isdigit((unsigned char)*p) && *p != ',') { /* "{,m}" is {0,m}, as glibc reads it */
        ps->err = REG_BADBR;
        return false;
    }
    long lo = 0, hi;
    while (isdigit((unsigned char)*p) && lo <= RE_DUP_MAX)
        lo = lo * 10 + (*p++ - '0');
    hi = lo;
    if (*p == ',') {
        p++;
        hi = -1;
        if (isdigit((unsigned char)*p)) {
            hi = 0;
            while (isdigit((unsigned char)*p) && hi <= RE_DUP_MAX)
                hi = hi * 10 + (*p++ - '0');
        }
    }
    bool closed = ps->ere ? *p == '}' : p[0] == '\\' && p[1] == '}';
    if (!closed) {
        ps->err = *p && !isdigit((unsigned char)*p) && *p != '\\' && *p != '}' ? REG_BADBR : REG_EBRACE;
        return false;
    }
    if (lo > RE_DUP_MAX || hi > RE_DUP_MAX) {
        ps->err = REG_ESIZE;
        return false;
    }
    if (hi >= 0 && hi < lo) {
        ps->err = REG_BADBR;
        return false;
    }
    ps->p = p + (ps->ere ? 1 : 2);
    *min = (int)lo;
    *max = (int)hi;
    return true;
}

static int parse_repeat(struct parser *ps, bool first)
{
    int atom = parse_atom(ps, first);
    /* A BRE's leading '^' is an anchor, and a '*' after it a literal. */
    if (!ps->ere && first && !ps->err && ps->nodes[atom].type == N_ASSERT && ps->nodes[atom].val == I_BOL)
        return atom;
    for (;;) {
        if (ps->err)
            return 0;
        const char *p = ps->p;
        int min, max;
        if (*p == '*') {
            ps->p++;
            min = 0, max = -1;
        } else if (ps->ere && (*p == '+' || *p == '?')) {
            ps->p++;
            min = *p == '+', max = *p == '+' ? -1 : 1;
        } else if (!ps->ere && p[0] == '\\' && (p[1] == '+' || p[1] == '?')) {
            ps->p += 2;
            min = p[1] == '+', max = p[1] == '+' ? -1 : 1;
        } else if (ps->ere && *p == '{' && (isdigit((unsigned char)p[1]) || p[1] == ',')) {
            ps->p++;
            if (!parse_interval(ps, &min, &max))
                return 0;
        } else if (!ps->ere && p[0] == '\\' && p[1] == '{') {
            ps->p += 2;
            if (!parse_interval(ps, &min, &max))
                return 0;
        } else {
            return atom;
        }
        enum ntype t = ps->nodes[atom].type;
        if (t == N_ASSERT && ps->ere) {
            ps->err = REG_BADRPT;
            return 0;
        }
        int r = new_node(ps, N_REPEAT, atom, 0);
        if (ps->err)
            return 0;
        ps->nodes[r].min = min;
        ps->nodes[r].max = max;
        atom = r;
    }
}

static int parse_cat(struct parser *ps)
{
    int node = new_node(ps, N_EMPTY, 0, 0);
    bool first = true;
    while (!ps->err && !at_alt_end(ps)) {
        if (ps->ere && *ps->p == ')' && ps->depth == 0) { /* unmatched ')': an ordinary character */
            ps->p++;
            node = new_node(ps, N_CAT, node, char_node(ps, ')'));
            first = false;
            continue;
        }
        if (!ps->ere && ps->p[0] == '\\' && ps->p[1] == ')') {
            ps->err = REG_EPAREN;
            return 0;
        }
        int x = parse_repeat(ps, first);
        /* After a BRE's leading '^', a '*' is still literal. */
        first = first && ps->nodes[x].type == N_ASSERT && ps->nodes[x].val == I_BOL;
        node = new_node(ps, N_CAT, node, x);
    }
    return node;
}

static int parse_alt(struct parser *ps)
{
    int node = parse_cat(ps);
    while (!ps->err && (ps->ere ? *ps->p == '|' : ps->p[0] == '\\' && ps->p[1] == '|')) {
        ps->p += ps->ere ? 1 : 2;
        node = new_node(ps, N_ALT, node, parse_cat(ps));
    }
    return node;
}

/* --- code generation ------------------------------------------------------ */

static int emit(struct parser *ps, enum op op, int x, int y)
{
    struct prog *g = ps->prog;
    if (ps->err)
        return 0;
    if (g->n == g->cap) {
        if (g->cap >= MAX_INSTS) {
            ps->err = REG_ESIZE;
            return 0;
        }
        int cap = g->cap ? g->cap * 2 : 64;
        struct inst *v = realloc(g->code, (size_t)cap * sizeof *v);
        if (!v) {
            ps->err = REG_ESPACE;
            return 0;
        }
        g->code = v;
        g->cap = cap;
    }
    g->code[g->n] = (struct inst){(unsigned char)op, 0, x, y};
    return g->n++;
}

static void gen(struct parser *ps, int n);

/* x{min,max}: min copies, then max-min optional ones nested, or a loop. */
static void gen_repeat(struct parser *ps, const struct node *nd)
{
    for (int i = 0; i < nd->min && !ps->err; i++)
        gen(ps, nd->a);
    if (nd->max < 0) {
        int mark = ps->prog->nmarks++;
        int split = emit(ps, I_SPLIT, 0, 0);
        emit(ps, I_MARK, mark, 0);
        gen(ps, nd->a);
        emit(ps, I_PROGRESS, mark, 0);
        emit(ps, I_JMP, split, 0);
        if (!ps->err) {
            ps->prog->code[split].x = split + 1;
            ps->prog->code[split].y = ps->prog->n;
        }
        return;
    }
    /* Each optional copy is SPLIT (copy, end): the SPLITs are chained
     * through their y fields until the end is known. */
    int chain = -1;
    for (int i = nd->min; i < nd->max && !ps->err; i++) {
        int split = emit(ps, I_SPLIT, 0, chain);
        gen(ps, nd->a);
        chain = split;
    }
    while (chain >= 0 && !ps->err) {
        int next = ps->prog->code[chain].y;
        ps->prog->code[chain].x = chain + 1;
        ps->prog->code[chain].y = ps->prog->n;
        chain = next;
    }
}

static void gen(struct parser *ps, int n)
{
    if (ps->err)
        return;
    const struct node nd = ps->nodes[n];
    switch (nd.type) {
    case N_EMPTY:
        break;
    case N_CHAR: {
        int i = emit(ps, I_CHAR, 0, 0);
        if (!ps->err)
            ps->prog->code[i].c = (unsigned char)nd.val;
        break;
    }
    case N_ANY: emit(ps, I_ANY, 0, 0); break;
    case N_SET: emit(ps, I_SET, nd.val, 0); break;
    case N_ASSERT: emit(ps, (enum op)nd.val, 0, 0); break;
    case N_BACKREF: emit(ps, I_BACKREF, nd.val, 0); break;
    case N_CAT:
        gen(ps, nd.a);
        gen(ps, nd.b);
        break;
    case N_ALT: {
        int split = emit(ps, I_SPLIT, 0, 0);
        gen(ps, nd.a);
        int jmp = emit(ps, I_JMP, 0, 0);
        int second = ps->prog->n;
        gen(ps, nd.b);
        if (!ps->err) {
            ps->prog->code[split].x = split + 1;
            ps->prog->code[split].y = second;
            ps->prog->code[jmp].x = ps->prog->n;
        }
        break;
    }
    case N_REPEAT: gen_repeat(ps, &nd); break;
    case N_GROUP:
        emit(ps, I_SAVE, 2 * nd.val, 0);
        gen(ps, nd.a);
        emit(ps, I_SAVE, 2 * nd.val + 1, 0);
        break;
    }
}

int regcomp(regex_t *preg, const char *pattern, int cflags)
{
    struct prog *g = calloc(1, sizeof *g);
    if (!g)
        return REG_ESPACE;
    g->flags = cflags;
    struct parser ps = {.p = pattern, .flags = cflags, .ere = (cflags & REG_EXTENDED) != 0, .prog = g};
    int root = parse_alt(&ps);
    if (!ps.err && *ps.p) /* a ')' / '\)' with no group open */
        ps.err = REG_EPAREN;
    if (!ps.err) {
        gen(&ps, root);
        emit(&ps, I_MATCH, 0, 0);
    }
    free(ps.nodes);
    if (ps.err) {
        free(g->code);
        free(g->sets);
        free(g);
        return ps.err;
    }
    g->nslots = 2 * (ps.nsub + 1);
    preg->re_nsub = (size_t)ps.nsub;
    preg->re_prog = g;
    return 0;
}

void regfree(regex_t *preg)
{
    struct prog *g = preg->re_prog;
    if (g) {
        free(g->code);
        free(g->sets);
        free(g);
    }
    preg->re_prog = NULL;
}

/* --- matching --------------------------------------------------------------- */

struct job {
    int pc;      /* -1: restore regs[slot] = pos */
    int slot;
    long pos;
};

struct machine {
    const struct prog *g;
    const char *s;
    long begin, end;         /* the text searched */
    int eflags;
    long *regs;              /* capture slots, then loop marks */
    long *best;              /* captures of the longest match so far */
    long best_end;
    unsigned char *visited;  /* NULL for back-reference programs */
    struct job *stack;
    size_t sp, cap;
    long budget;
    bool first_only;         /* REG_NOSUB / no pmatch: any match will do */
    int err;
};

static bool word_at(const struct machine *m, long pos)
{
    if (pos < 0 || pos >= m->end)
        return false;
    unsigned char c = (unsigned char)m->s[pos];
    return isalnum(c) || c == '_';
}

static bool push(struct machine *m, struct job j)
{
    if (m->sp == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        struct job *v = realloc(m->stack, cap * sizeof *v);
        if (!v) {
            m->err = REG_ESPACE;
            return false;
        }
        m->stack = v;
        m->cap = cap;
    }
    m->stack[m->sp++] = j;
    return true;
}

static bool assertion(const struct machine *m, enum op op, long pos)
{
    bool nl = (m->g->flags & REG_NEWLINE) != 0;
    switch (op) {
    case I_BOL:
        /* REG_STARTEND: the text before rm_so is context, as in glibc */
        return (pos == 0 && !(m->eflags & REG_NOTBOL)) || (nl && pos > 0 && m->s[pos - 1] == '\n');
    case I_EOL:
        return (pos == m->end && !(m->eflags & REG_NOTEOL)) || (nl && pos < m->end && m->s[pos] == '\n');
    case I_WORDB: return word_at(m, pos - 1) != word_at(m, pos);
    case I_NWORDB: return word_at(m, pos - 1) == word_at(m, pos);
    case I_WBEG: return !word_at(m, pos - 1) && word_at(m, pos);
    case I_WEND: return word_at(m, pos - 1) && !word_at(m, pos);
    default: return false;
    }
}

static bool backref_at(const struct machine *m, int group, long pos, long *len)
{
    long so = m->regs[2 * group], eo = m->regs[2 * group + 1];
    if (so < 0 || eo < so)
        return false;
    long n = eo - so;
    if (pos + n > m->end)
        return false;
    for (long k = 0; k < n; k++) {
        unsigned char a = (unsigned char)m->s[so + k], b = (unsigned char)m->s[pos + k];
        if (a != b && !((m->g->flags & REG_ICASE) && tolower(a) == tolower(b)))
            return false;
    }
    *len = n;
    return true;
}

/* Explores every path from (pc 0, start); returns whether to stop. */
static bool run_from(struct machine *m, long start)
{
    const struct prog *g = m->g;
    size_t width = (size_t)(m->end - m->begin + 1);
    if (!push(m, (struct job){0, 0, start}))
        return true;
    while (m->sp) {
        struct job j = m->stack[--m->sp];
        if (j.pc < 0) {
            m->regs[j.slot] = j.pos;
            continue;
        }
        int pc = j.pc;
        long pos = j.pos;
        for (;;) {
            if (m->visited) {
                size_t bit = (size_t)pc * width + (size_t)(pos - m->begin);
                if (m->visited[bit / 8] & (1u << (bit % 8)))
                    break;
                m->visited[bit / 8] |= (unsigned char)(1u << (bit % 8));
            } else if (--m->budget < 0) {
                m->err = REG_ESPACE;
                return true;
            }
            const struct inst *in = &g->code[pc];
            bool ok = true;
            switch ((enum op)in->op) {
            case I_CHAR:
                ok = pos < m->end && (unsigned char)m->s[pos] == in->c;
                pos++;
                pc++;
                break;
            case I_ANY:
                ok = pos < m->end && m->s[pos] && !((g->flags & REG_NEWLINE) && m->s[pos] == '\n');
                pos++;
                pc++;
                break;
            case I_SET:
                ok = pos < m->end && (g->sets[in->x][(unsigned char)m->s[pos] / 8] & (1u << ((unsigned char)m->s[pos] % 8)));
                pos++;
                pc++;
                break;
            case I_BOL: case I_EOL: case I_WORDB: case I_NWORDB: case I_WBEG: case I_WEND:
                ok = assertion(m, (enum op)in->op, pos);
                pc++;
                break;
            case I_BACKREF: {
                long n;
                ok = backref_at(m, in->x, pos, &n);
                if (ok)
                    pos += n;
                pc++;
                break;
            }
            case I_SPLIT:
                if (!push(m, (struct job){in->y, 0, pos}))
                    return true;
                pc = in->x;
                break;
            case I_JMP:
                pc = in->x;
                break;
            case I_SAVE:
            case I_MARK: {
                int slot = in->op == I_SAVE ? in->x : g->nslots + in->x;
                if (!push(m, (struct job){-1, slot, m->regs[slot]}))
                    return true;
                m->regs[slot] = pos;
                pc++;
                break;
            }
            case I_PROGRESS:
                /* An iteration that matched nothing would loop forever
                 * (the visited map already stops it in the other mode). */
                ok = m->visited || pos != m->regs[g->nslots + in->x];
                pc++;
                break;
            case I_MATCH:
                if (pos > m->best_end) {
                    m->best_end = pos;
                    memcpy(m->best, m->regs, (size_t)g->nslots * sizeof *m->best);
                    m->best[0] = start;
                    m->best[1] = pos;
                }
                if (m->first_only)
                    return true;
                ok = false;
                break;
            }
            if (!ok)
                break;
        }
    }
    return m->best_end >= 0;
}

int regexec(const regex_t *preg, const char *string, size_t nmatch, regmatch_t pmatch[], int eflags)
{
    const struct prog *g = preg->re_prog;
    if (!g)
        return REG_BADPAT;
    struct machine m = {.g = g, .s = string, .eflags = eflags, .best_end = -1, .budget = BACKTRACK_BUDGET};
    if ((eflags & REG_STARTEND) && pmatch) {
        m.begin = pmatch[0].rm_so;
        m.end = pmatch[0].rm_eo;
    } else {
        m.end = (long)strlen(string);
    }
    if (g->flags & REG_NOSUB)
        nmatch = 0;
    m.first_only = nmatch == 0;
    int nregs = g->nslots + g->nmarks;
    m.regs = malloc((size_t)nregs * sizeof *m.regs);
    m.best = malloc((size_t)g->nslots * sizeof *m.best);
    if (!g->backrefs) {
        size_t bits = (size_t)g->n * (size_t)(m.end - m.begin + 1);
        m.visited = calloc(bits / 8 + 1, 1);
        if (!m.visited)
            m.err = REG_ESPACE;
    }
    if (!m.regs || !m.best)
        m.err = REG_ESPACE;
    for (long start = m.begin; !m.err && start <= m.end; start++) {
        for (int k = 0; k < nregs; k++)
            m.regs[k] = -1;
        if (run_from(&m, start))
            break;
    }
    int result = m.err ? m.err : m.best_end < 0 ? REG_NOMATCH : 0;
    if (!result)
        for (size_t k = 0; k < nmatch; k++) {
            bool have = (int)k < g->nslots / 2 && m.best[2 * k] >= 0 && m.best[2 * k + 1] >= 0;
            pmatch[k].rm_so = have ? (regoff_t)m.best[2 * k] : -1;
            pmatch[k].rm_eo = have ? (regoff_t)m.best[2 * k + 1] : -1;
        }
    free(m.regs);
    free(m.best);
    free(m.visited);
    free(m.stack);
    return result;
}

static const char *const messages[] = {
    "Success", "No match", "Invalid regular expression", "Invalid collation character",
    "Invalid character class name", "Trailing backslash", "Invalid back reference",
    "Unmatched [, [^, [:, [., or [=", "Unmatched ( or \\(", "Unmatched \\{", "Invalid content of \\{\\}",
    "Invalid range end", "Memory exhausted", "Invalid preceding regular expression",
    "Premature end of regular expression", "Regular expression too big", "Unmatched ) or \\)",
};

size_t regerror(int errcode, const regex_t *preg, char *errbuf, size_t errbuf_size)
{
    (void)preg;
    const char *msg = errcode >= 0 && (size_t)errcode < sizeof messages / sizeof *messages ? messages[errcode]
                                                                                              : "Unknown error";
    size_t len = strlen(msg) + 1;
    if (errbuf_size) {
        size_t n = len < errbuf_size ? len : errbuf_size;
        memcpy(errbuf, msg, n - 1);
        errbuf[n - 1] = 0;
    }
    return len;
}
