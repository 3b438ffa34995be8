/*
 * keys.h - the key retention service as the rest of the kernel sees it
 * (keyrings(7)): the calls behind add_key, request_key and keyctl, the
 * hooks that tie a process's keyrings to its life, and /proc's files.
 *
 * A thread has its thread keyring and its request_key default
 * (KEYCTL_SET_REQKEY_KEYRING); a process (its leader) has the process
 * and session keyrings. Linux keeps these in the credentials; Tiny OS's
 * credentials are shared and immutable, so they live in struct proc with
 * Linux's inheritance: fork shares the session keyring and gives no
 * process or thread keyring; execve drops the thread and process
 * keyrings; a new thread starts without a thread keyring.
 */
#ifndef SECURITY_KEYS_KEYS_H
#define SECURITY_KEYS_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct proc;

/* Process life (proc.c, exec.c). */
void keys_fork(struct proc *child, const struct proc *parent, bool thread);
void keys_exec(struct proc *p);
void keys_free(struct proc *p);
/* Thread p becomes its process's leader in place of old (execve in a
 * thread): the process's keyrings move to it. */
void keys_take_over(struct proc *p, struct proc *old);

/* The calls, on kernel copies of their arguments (sys_keys.c copies):
 * a serial, a length or -errno, with Linux's checks in Linux's order.
 * desc may be NULL (add_key); payload is plen bytes or NULL. */
long keys_add_key(const char *type, const char *desc, const void *payload, size_t plen, int32_t ringid);
long keys_request_key(const char *type, const char *desc, const char *callout, int32_t destid);
long keyctl_get_keyring_id(int32_t id, bool create);
long keyctl_join_session_keyring(const char *name);
long keyctl_update(int32_t id, const void *payload, size_t plen);
long keyctl_revoke(int32_t id);
long keyctl_chown(int32_t id, uint32_t uid, uint32_t gid);
long keyctl_setperm(int32_t id, uint32_t perm);
/* DESCRIBE, READ, GET_SECURITY: the full length; the text or data is
 * written to buf (a kernel buffer of buflen bytes) only when it fits. */
long keyctl_describe(int32_t id, char *buf, size_t buflen);
long keyctl_read(int32_t id, char *buf, size_t buflen);
long keyctl_get_security(int32_t id, char *buf, size_t buflen);
long keyctl_clear(int32_t id);
long keyctl_link(int32_t id, int32_t ringid);
long keyctl_unlink(int32_t id, int32_t ringid);
long keyctl_search(int32_t ringid, const char *type, const char *desc, int32_t destid);
long keyctl_set_reqkey_keyring(int defl);
long keyctl_set_timeout(int32_t id, unsigned timeout);
long keyctl_invalidate(int32_t id);
long keyctl_assume_authority(int32_t id);
/* INSTANTIATE, NEGATE, REJECT: the caller must hold an authorisation key,
 * which only a request-key helper gets; none runs here (add_request.c). */
long keyctl_instantiate_check(size_t plen);
long keyctl_reject_check(int error);

/* /proc/keys and /proc/key-users (procfs generators). */
long keys_proc_keys(int pid, char *buf, size_t size);
long keys_proc_key_users(int pid, char *buf, size_t size);
/* /proc/sys/kernel/keys/ (procfs_sysctl.c's table). */
long keys_read_maxkeys(int pid, char *b, size_t s);
long keys_write_maxkeys(const char *b, size_t n);
long keys_read_maxbytes(int pid, char *b, size_t s);
long keys_write_maxbytes(const char *b, size_t n);
long keys_read_root_maxkeys(int pid, char *b, size_t s);
long keys_write_root_maxkeys(const char *b, size_t n);
long keys_read_root_maxbytes(int pid, char *b, size_t s);
long keys_write_root_maxbytes(const char *b, size_t n);
long keys_read_gc_delay(int pid, char *b, size_t s);
long keys_write_gc_delay(const char *b, size_t n);
long keys_read_persistent_expiry(int pid, char *b, size_t s);
long keys_write_persistent_expiry(const char *b, size_t n);

#endif
