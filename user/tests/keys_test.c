/* keys_test.c - the key retention service (keyrings(7)): add_key's types
 * and errors, keyctl's commands (ids, describe, read, update, revoke,
 * timeouts, links, search, clear, permissions, chown, invalidate,
 * request-key defaults), request_key with and without callout info
 * (no /sbin/request-key: ENOENT, then the negative key's ENOKEY), and
 * the keyrings' inheritance across fork and execve, possession and
 * per-user quotas. Differential: serial numbers are random on both
 * systems, so only their relations are printed.
 * argv[1] = "tinyos": also big_key (Linux hosts may lack it) and
 * /proc/keys lines. argv[1] = "exec-child": the execve half. */
#include <string.h>
#include <sys/syscall.h>

#include "tt.h"

#define KEY_SPEC_THREAD_KEYRING -1
#define KEY_SPEC_PROCESS_KEYRING -2
#define KEY_SPEC_SESSION_KEYRING -3
#define KEY_SPEC_USER_KEYRING -4
#define KEY_SPEC_USER_SESSION_KEYRING -5

enum {
    GET_KEYRING_ID = 0, JOIN_SESSION = 1, UPDATE = 2, REVOKE = 3, CHOWN = 4, SETPERM = 5, DESCRIBE = 6,
    CLEAR = 7, LINK = 8, UNLINK = 9, SEARCH = 10, READ = 11, NEGATE = 13, SET_REQKEY = 14, SET_TIMEOUT = 15,
    INVALIDATE = 21,
};

static long add_key(const char *type, const char *desc, const void *p, size_t n, long ring)
{
    return raw_syscall6(SYS_add_key, (long)type, (long)desc, (long)p, (long)n, ring, 0);
}
static long request_key(const char *type, const char *desc, const char *callout, long dest)
{
    return raw_syscall6(SYS_request_key, (long)type, (long)desc, (long)callout, dest, 0, 0);
}
static long keyctl(long cmd, long a, long b, long c, long d) { return raw_syscall6(SYS_keyctl, cmd, a, b, c, d, 0); }

/* DESCRIBE's text, or "" on error. */
static const char *describe(long id)
{
    static char buf[256];
    buf[0] = 0;
    if (keyctl(DESCRIBE, id, (long)buf, sizeof buf, 0) < 0)
        buf[0] = 0;
    return buf;
}

static void check_str(const char *got, const char *want, const char *what)
{
    tt_check(!strcmp(got, want), what, "got '%s', want '%s'", got, want);
}

static void test_add_key(void)
{
    char big[32768];
    memset(big, 'x', sizeof big);
    long k = add_key("user", "k1", "abc", 3, KEY_SPEC_PROCESS_KEYRING);
    CHECK(k > 0, "add_key user");
    check_str(describe(k), "user;0;0;3f010000;k1", "describe user key");
    char buf[16] = "";
    CHECK_EQ(keyctl(READ, k, (long)buf, sizeof buf, 0), 3, "read length");
    CHECK(!memcmp(buf, "abc", 3), "read payload");
    memset(buf, '.', sizeof buf);
    CHECK_EQ(keyctl(READ, k, (long)buf, 2, 0), 3, "short buffer: full length");
    CHECK_EQ(buf[0], '.', "short buffer: nothing copied");
    CHECK_EQ(keyctl(READ, k, 0, 0, 0), 3, "NULL buffer: length");
    CHECK_EQ(add_key("user", "k1", "defg", 4, KEY_SPEC_PROCESS_KEYRING), k, "add_key again updates");
    CHECK_EQ(keyctl(READ, k, (long)buf, sizeof buf, 0), 4, "updated length");
    CHECK_EQ(keyctl(UPDATE, k, (long)"hi", 2, 0), 0, "KEYCTL_UPDATE");
    CHECK_EQ(keyctl(READ, k, (long)buf, sizeof buf, 0), 2, "length after update");
    CHECK_EQ(keyctl(UPDATE, k, (long)"hi", 0, 0), -EINVAL, "update with no payload");
    CHECK_EQ(keyctl(UPDATE, KEY_SPEC_PROCESS_KEYRING, 0, 0, 0), -EOPNOTSUPP, "keyrings are not updatable");
    CHECK_EQ(keyctl(UPDATE, k, (long)big, 4097, 0), -EINVAL, "update past a page");
    CHECK(add_key("user", "k32767", big, 32767, KEY_SPEC_PROCESS_KEYRING) > 0, "user: 32767 bytes");
    CHECK_EQ(add_key("user", "k32768", big, 32768, KEY_SPEC_PROCESS_KEYRING), -EINVAL, "user: 32768 bytes");
    CHECK_EQ(add_key("user", "k0", "", 0, KEY_SPEC_PROCESS_KEYRING), -EINVAL, "user: empty payload");
    CHECK_EQ(add_key("user", "kf", NULL, 10, KEY_SPEC_PROCESS_KEYRING), -EFAULT, "NULL payload");
    CHECK_EQ(add_key("user", "kb", big, 1 << 20, KEY_SPEC_PROCESS_KEYRING), -EINVAL, "payload of 1 MiB");
    CHECK_EQ(add_key("user", NULL, "a", 1, KEY_SPEC_PROCESS_KEYRING), -EINVAL, "no description");
    CHECK_EQ(add_key("nosuchtype", "d", "a", 1, KEY_SPEC_PROCESS_KEYRING), -ENODEV, "unknown type");
    CHECK_EQ(add_key(".user", "d", "a", 1, KEY_SPEC_PROCESS_KEYRING), -EPERM, "type starting with '.'");
    CHECK_EQ(add_key("", "d", "a", 1, KEY_SPEC_PROCESS_KEYRING), -EINVAL, "empty type");
    CHECK_EQ(add_key("keyring", ".kr", NULL, 0, KEY_SPEC_PROCESS_KEYRING), -EPERM, "keyring named '.'");
    CHECK_EQ(add_key("keyring", "kr", "a", 1, KEY_SPEC_PROCESS_KEYRING), -EINVAL, "keyring with payload");
    CHECK_EQ(add_key("user", "d", "a", 1, k), -ENOTDIR, "add to a non-keyring");
    CHECK_EQ(add_key("user", "d", "a", 1, 0), -EINVAL, "add to id 0");
    CHECK_EQ(add_key("user", "d", "a", 1, -6), -EINVAL, "add to the group keyring");
    long l = add_key("logon", "svc:name", "secret", 6, KEY_SPEC_PROCESS_KEYRING);
    CHECK(l > 0, "add_key logon");
    CHECK_EQ(keyctl(READ, l, (long)buf, sizeof buf, 0), -EOPNOTSUPP, "logon keys are unreadable");
    check_str(describe(l), "logon;0;0;3d010000;svc:name", "describe logon key");
    CHECK_EQ(add_key("logon", "nocolon", "s", 1, KEY_SPEC_PROCESS_KEYRING), -EINVAL, "logon without prefix");
    CHECK_EQ(add_key("logon", ":x", "s", 1, KEY_SPEC_PROCESS_KEYRING), -EINVAL, "logon with empty prefix");
    /* Possession needs Search: without it the possessor's Read is no help */
    long ns = add_key("user", "nosearch", "v", 1, KEY_SPEC_PROCESS_KEYRING);
    CHECK_EQ(keyctl(READ, ns, (long)buf, sizeof buf, 0), 1, "possessed key readable");
    CHECK_EQ(keyctl(SETPERM, ns, 0x37010000, 0, 0), 0, "drop possessor Search");
    CHECK_EQ(keyctl(READ, ns, (long)buf, sizeof buf, 0), -EACCES, "unsearchable key is not possessed");
    CHECK_EQ(keyctl(SETPERM, ns, 0x37030000, 0, 0), -EACCES, "nor may its attributes change");
    long r = add_key("keyring", "kr", NULL, 0, KEY_SPEC_PROCESS_KEYRING);
    check_str(describe(r), "keyring;0;0;3f010000;kr", "describe keyring");
    CHECK_EQ(keyctl(READ, r, (long)buf, sizeof buf, 0), 0, "new keyring is empty");
    CHECK(add_key("user", "inner", "x", 1, r) > 0, "add into the keyring");
    int32_t ids[4];
    CHECK_EQ(keyctl(READ, r, (long)ids, sizeof ids, 0), 4, "keyring lists one serial");
    CHECK_EQ(keyctl(CLEAR, r, 0, 0, 0), 0, "KEYCTL_CLEAR");
    CHECK_EQ(keyctl(READ, r, (long)ids, sizeof ids, 0), 0, "cleared keyring is empty");
    CHECK_EQ(keyctl(CLEAR, k, 0, 0, 0), -ENOTDIR, "clear a non-keyring");
    CHECK_EQ(keyctl(999, 0, 0, 0, 0), -EOPNOTSUPP, "unknown keyctl command");
}

static void test_ids(void)
{
    CHECK_EQ(keyctl(GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0, 0, 0), -ENOKEY, "no thread keyring yet");
    long t = keyctl(GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 1, 0, 0);
    CHECK(t > 0, "thread keyring made on request");
    CHECK_EQ(keyctl(GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0, 0, 0), t, "thread keyring stays");
    check_str(describe(t), "keyring;0;0;3f010000;_tid", "describe thread keyring");
    check_str(describe(KEY_SPEC_USER_KEYRING), "keyring;0;65534;1f3f0000;_uid.0", "describe user keyring");
    check_str(describe(KEY_SPEC_USER_SESSION_KEYRING), "keyring;0;65534;1f3f0000;_uid_ses.0",
              "describe user session keyring");
    CHECK_EQ(keyctl(GET_KEYRING_ID, -6, 0, 0, 0), -EINVAL, "group keyring");
    CHECK_EQ(keyctl(GET_KEYRING_ID, -7, 0, 0, 0), -ENOKEY, "no authorisation key");
    CHECK_EQ(keyctl(GET_KEYRING_ID, -8, 0, 0, 0), -ENOKEY, "no requestor keyring");
    CHECK_EQ(keyctl(GET_KEYRING_ID, -9, 0, 0, 0), -EINVAL, "unknown special id");
    CHECK_EQ(keyctl(GET_KEYRING_ID, 0, 0, 0, 0), -EINVAL, "id 0");
    CHECK_EQ(keyctl(READ, 0x7fffffff, 0, 0, 0), -ENOKEY, "read a missing key");
    CHECK_EQ(keyctl(REVOKE, 0x7ffffffe, 0, 0, 0), -ENOKEY, "revoke a missing key");
    long s = keyctl(JOIN_SESSION, 0, 0, 0, 0);
    CHECK(s > 0, "join an anonymous session keyring");
    CHECK_EQ(keyctl(GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0, 0, 0), s, "it is the session keyring");
    check_str(describe(s), "keyring;0;0;3f030000;_ses", "describe session keyring");
    long n = keyctl(JOIN_SESSION, (long)"tinyos-keys-test", 0, 0, 0);
    CHECK(n > 0 && n != s, "join a named session keyring");
    check_str(describe(n), "keyring;0;0;3f130000;tinyos-keys-test", "describe named session keyring");
    /* its owner may not search it unless possessed: a second join makes another */
    long n2 = keyctl(JOIN_SESSION, (long)"tinyos-keys-test", 0, 0, 0);
    CHECK(n2 > 0 && n2 != n, "joining the name again");
    CHECK_EQ(keyctl(SETPERM, n2, 0x3f1b0000, 0, 0), 0, "make it searchable");
    CHECK_EQ(keyctl(JOIN_SESSION, (long)"tinyos-keys-test", 0, 0, 0), 0, "joining the one we are in");
    CHECK_EQ(keyctl(JOIN_SESSION, (long)".builtin_trusted_keys", 0, 0, 0), -EPERM, "'.' keyrings");
    CHECK_EQ(keyctl(SET_REQKEY, -1, 0, 0, 0), 0, "request-key default");
    CHECK_EQ(keyctl(SET_REQKEY, 3, 0, 0, 0), 0, "set to session");
    CHECK_EQ(keyctl(SET_REQKEY, 6, 0, 0, 0), -EINVAL, "group default");
    CHECK_EQ(keyctl(SET_REQKEY, 8, 0, 0, 0), -EINVAL, "out of range default");
    CHECK_EQ(keyctl(SET_REQKEY, 0, 0, 0, 0), 3, "returns the old setting");
}

static void test_states(void)
{
    char buf[16];
    long k = add_key("user", "rv", "abc", 3, KEY_SPEC_SESSION_KEYRING);
    CHECK_EQ(keyctl(REVOKE, k, 0, 0, 0), 0, "KEYCTL_REVOKE");
    CHECK_EQ(keyctl(READ, k, (long)buf, sizeof buf, 0), -EKEYREVOKED, "read a revoked key");
    CHECK_EQ(keyctl(DESCRIBE, k, (long)buf, sizeof buf, 0), -EKEYREVOKED, "describe a revoked key");
    CHECK_EQ(keyctl(UPDATE, k, (long)"x", 1, 0), -EKEYREVOKED, "update a revoked key");
    long k2 = add_key("user", "rv", "new", 3, KEY_SPEC_SESSION_KEYRING);
    CHECK(k2 > 0 && k2 != k, "add_key replaces a revoked key");
    long t = add_key("keyring", "tmo", NULL, 0, KEY_SPEC_SESSION_KEYRING);
    CHECK_EQ(keyctl(SET_TIMEOUT, t, 1, 0, 0), 0, "KEYCTL_SET_TIMEOUT");
    msleep(2100);
    CHECK_EQ(keyctl(DESCRIBE, t, (long)buf, sizeof buf, 0), -EKEYEXPIRED, "expired key");
    CHECK_EQ(request_key("user", "x", NULL, t), -EKEYEXPIRED, "request into an expired keyring");
    long i = add_key("user", "inv", "abc", 3, KEY_SPEC_SESSION_KEYRING);
    CHECK_EQ(keyctl(INVALIDATE, i, 0, 0, 0), 0, "KEYCTL_INVALIDATE");
    /* Linux's collector takes it out of its keyring a moment later
     * (Tiny OS's at once): until then a search skips it as revoked. */
    long r = keyctl(SEARCH, KEY_SPEC_SESSION_KEYRING, (long)"user", (long)"inv", 0);
    tt_check(r == -ENOKEY || r == -EKEYREVOKED, "invalidated key is not found", "got %ld", r);
}

static void test_links(void)
{
    long a = add_key("keyring", "la", NULL, 0, KEY_SPEC_SESSION_KEYRING);
    long b = add_key("keyring", "lb", NULL, 0, a);
    long k = add_key("user", "lk", "v", 1, b);
    CHECK_EQ(keyctl(SEARCH, KEY_SPEC_SESSION_KEYRING, (long)"user", (long)"lk", 0), k, "search finds nested key");
    CHECK_EQ(keyctl(SEARCH, a, (long)"user", (long)"nope", 0), -ENOKEY, "search: no such key");
    CHECK_EQ(keyctl(SEARCH, a, (long)"nosuchtype", (long)"lk", 0), -ENOKEY, "search: unknown type");
    CHECK_EQ(keyctl(SEARCH, k, (long)"user", (long)"lk", 0), -ENOTDIR, "search a non-keyring");
    CHECK_EQ(keyctl(SEARCH, b, (long)"user", (long)"lk", a), k, "search and link");
    int32_t ids[8];
    CHECK_EQ(keyctl(READ, a, (long)ids, sizeof ids, 0), 8, "linked into the destination");
    CHECK_EQ(keyctl(LINK, a, b, 0, 0), -EDEADLK, "link a keyring under itself");
    CHECK_EQ(keyctl(LINK, a, a, 0, 0), -EDEADLK, "link a keyring into itself");
    CHECK_EQ(keyctl(LINK, a, k, 0, 0), -ENOTDIR, "link into a non-keyring");
    CHECK_EQ(keyctl(UNLINK, k, a, 0, 0), 0, "KEYCTL_UNLINK");
    CHECK_EQ(keyctl(UNLINK, k, a, 0, 0), -ENOENT, "unlink what is not there");
    CHECK_EQ(keyctl(LINK, k, KEY_SPEC_PROCESS_KEYRING, 0, 0), 0, "KEYCTL_LINK");
    CHECK_EQ(keyctl(LINK, k, KEY_SPEC_PROCESS_KEYRING, 0, 0), 0, "link twice");
    CHECK_EQ(keyctl(UNLINK, b, a, 0, 0), 0, "unlink the nested keyring");
    CHECK_EQ(keyctl(SEARCH, a, (long)"user", (long)"lk", 0), -ENOKEY, "no longer found under it");
    CHECK_EQ(keyctl(SEARCH, KEY_SPEC_PROCESS_KEYRING, (long)"user", (long)"lk", 0), k, "still linked elsewhere");
}

static void test_request_key(void)
{
    long k = add_key("user", "rq", "v", 1, KEY_SPEC_SESSION_KEYRING);
    CHECK_EQ(request_key("user", "rq", NULL, 0), k, "request_key finds a key");
    CHECK_EQ(request_key("user", "absent", NULL, 0), -ENOKEY, "missing, no callout");
    CHECK_EQ(request_key("user", "absent", "info", 0), -ENOENT, "missing, no /sbin/request-key");
    CHECK_EQ(request_key("user", "absent", "info", 0), -ENOKEY, "negative key found");
    CHECK_EQ(request_key("user", "absent", NULL, 0), -ENOKEY, "negative key, no callout");
    CHECK_EQ(request_key("keyring", "absent", "info", 0), -EPERM, "keyrings are not constructed");
    CHECK_EQ(request_key("nosuchtype", "absent", "info", 0), -ENOKEY, "unknown type");
    CHECK_EQ(request_key(".user", "absent", "info", 0), -EPERM, "'.' type");
    CHECK_EQ(request_key("user", NULL, NULL, 0), -EFAULT, "NULL description");
    CHECK(add_key("user", "absent", "now", 3, KEY_SPEC_SESSION_KEYRING) > 0, "add_key over a negative key");
    long s = keyctl(JOIN_SESSION, 0, 0, 0, 0);
    CHECK_EQ(keyctl(SETPERM, s, 0x0b000000 | 0x00010000, 0, 0), 0, "session keyring without write");
    CHECK_EQ(request_key("user", "fresh", "info", 0), -ENOENT, "default: the process keyring");
    long old = keyctl(SET_REQKEY, 3, 0, 0, 0);
    CHECK_EQ(request_key("user", "fresh2", "info", 0), -EACCES, "default keyring must be writable");
    CHECK_EQ(request_key("user", "fresh2", "info", KEY_SPEC_PROCESS_KEYRING), -ENOENT, "explicit destination");
    keyctl(SET_REQKEY, old, 0, 0, 0);
    CHECK_EQ(keyctl(SETPERM, s, 0x40000000, 0, 0), -EINVAL, "unknown permission bits");
}

/* A child with another uid: permissions, possession, quota. */
static void test_other_user(void)
{
    keyctl(JOIN_SESSION, 0, 0, 0, 0);
    long priv = add_key("user", "priv", "p", 1, KEY_SPEC_SESSION_KEYRING);
    long shared = add_key("user", "shared", "s", 1, KEY_SPEC_SESSION_KEYRING);
    keyctl(SETPERM, shared, 0x3f010000 | 0x03, 0, 0);
    pid_t c = xfork();
    if (c == 0) {
        tt_failures = 0;
        if (setgid(1234) || setuid(1234))
            _exit(99);
        char buf[16];
        CHECK_EQ(keyctl(READ, priv, (long)buf, sizeof buf, 0), 1, "possessed key readable");
        CHECK_EQ(keyctl(SETPERM, priv, 0x3f3f0000, 0, 0), -EACCES, "setperm by another user");
        CHECK_EQ(keyctl(CHOWN, priv, 1234, -1, 0), -EACCES, "chown without CAP_SYS_ADMIN");
        CHECK_EQ(keyctl(CHOWN, priv, -1, -1, 0), 0, "chown to nothing");
        keyctl(JOIN_SESSION, 0, 0, 0, 0);
        CHECK_EQ(keyctl(DESCRIBE, priv, (long)buf, sizeof buf, 0), -EACCES, "not possessed: no view");
        CHECK_EQ(keyctl(READ, priv, (long)buf, sizeof buf, 0), -EACCES, "not possessed: no read");
        CHECK_EQ(keyctl(READ, shared, (long)buf, sizeof buf, 0), 1, "other-readable key");
        CHECK_EQ(keyctl(UPDATE, shared, (long)"x", 1, 0), -EACCES, "other may not write");
        check_str(describe(KEY_SPEC_USER_KEYRING), "keyring;1234;65534;1f3f0000;_uid.1234", "own user keyring");
        char big[20000];
        memset(big, 'b', sizeof big);
        CHECK_EQ(add_key("user", "big", big, 19999, KEY_SPEC_THREAD_KEYRING), -EDQUOT, "byte quota");
        long r = 0;
        int i;
        for (i = 0; i < 300 && r >= 0; i++) {
            char d[16];
            snprintf(d, sizeof d, "q%d", i);
            r = add_key("user", d, "x", 1, KEY_SPEC_THREAD_KEYRING);
        }
        CHECK(r == -EDQUOT && i <= 201, "key count quota");
        _exit(tt_done());
    }
    int st = child_status(c);
    CHECK(exited_with(st, 0), "other-user child");
    CHECK_EQ(keyctl(CHOWN, priv, 4321, 4321, 0), 0, "root may chown");
    check_str(describe(priv), "user;4321;4321;3f010000;priv", "chowned key");
}

static void test_inherit(char **argv)
{
    long s = keyctl(JOIN_SESSION, 0, 0, 0, 0);
    keyctl(GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 1, 0, 0);
    keyctl(GET_KEYRING_ID, KEY_SPEC_PROCESS_KEYRING, 1, 0, 0);
    pid_t c = xfork();
    if (c == 0) {
        tt_failures = 0;
        CHECK_EQ(keyctl(GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0, 0, 0), s, "fork shares the session keyring");
        CHECK_EQ(keyctl(GET_KEYRING_ID, KEY_SPEC_PROCESS_KEYRING, 0, 0, 0), -ENOKEY, "fork: no process keyring");
        CHECK_EQ(keyctl(GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0, 0, 0), -ENOKEY, "fork: no thread keyring");
        _exit(tt_done());
    }
    CHECK(exited_with(child_status(c), 0), "fork child");
    c = xfork();
    if (c == 0) {
        char sid[16];
        snprintf(sid, sizeof sid, "%ld", s);
        char *av[] = {argv[0], "exec-child", sid, NULL};
        exec_self(av);
        _exit(98);
    }
    CHECK(exited_with(child_status(c), 0), "execve child");
}

static int exec_child(const char *sid)
{
    CHECK_EQ(keyctl(GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0, 0, 0), atol(sid), "execve keeps the session");
    CHECK_EQ(keyctl(GET_KEYRING_ID, KEY_SPEC_PROCESS_KEYRING, 0, 0, 0), -ENOKEY, "execve drops the process keyring");
    CHECK_EQ(keyctl(GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, 0, 0, 0), -ENOKEY, "execve drops the thread keyring");
    return tt_done();
}

static void test_tinyos(void)
{
    static char big[100000];
    memset(big, 'z', sizeof big);
    long k = add_key("big_key", "bk", big, sizeof big, KEY_SPEC_SESSION_KEYRING);
    CHECK(k > 0, "add_key big_key");
    static char back[100000];
    CHECK_EQ(keyctl(READ, k, (long)back, sizeof back, 0), sizeof big, "read big_key");
    CHECK(!memcmp(big, back, sizeof big), "big_key payload");
    add_key("user", "procshow", "abcd", 4, KEY_SPEC_SESSION_KEYRING);
    FILE *f = fopen("/proc/keys", "r");
    char line[256];
    int found = 0;
    while (f && fgets(line, sizeof line, f))
        found |= strstr(line, " I--Q---     1 perm 3f010000     0     0 user      procshow: 4\n") != NULL;
    CHECK(found, "/proc/keys line");
    if (f)
        fclose(f);
    f = fopen("/proc/sys/kernel/keys/maxkeys", "r");
    int v = 0;
    CHECK(f && fscanf(f, "%d", &v) == 1 && v == 200, "maxkeys");
    if (f)
        fclose(f);
}

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "exec-child"))
        return exec_child(argv[2]);
    keyctl(JOIN_SESSION, 0, 0, 0, 0); /* our own session, whatever the runner's */
    pid_t c = xfork();
    if (c == 0) { /* a fresh process: no thread or process keyring yet */
        test_ids();
        _exit(tt_done());
    }
    CHECK(exited_with(child_status(c), 0), "ids child");
    test_add_key();
    test_states();
    test_links();
    test_request_key();
    test_other_user();
    test_inherit(argv);
    if (argc > 1 && !strcmp(argv[1], "tinyos"))
        test_tinyos();
    return tt_done();
}
