/*
 * options.h - the kernel command line, parsed once at boot.
 * Known options (anything else gets a warning and is ignored):
 *   selftest=all|NAME[,NAME]  run kernel self-tests, then exit QEMU
 *   quiet                     fewer kernel messages on the console
 *   init=PATH                 the first user program (default /sbin/init,
 *                             then /bin/sh); words after "--" are its
 *                             arguments
 *   console=tty|pipe          how the console behaves (drivers/tty.h);
 *   console=ttyS0|tty0        Linux's names: a tty, on the serial line or
 *                             the VGA screen (init sets TERM from it)
 *   strace                    log every system call and its result
 *   maxproc=N                 the process limit (default 1024, at most 4096)
 *   stderr=com2               send init's descriptor 2 to the second
 *                             serial port (tools/tinyos-run keeps it apart)
 *   virtio=legacy             drive virtio devices through the legacy PCI
 *                             transport even when they offer virtio 1.0's
 *   root=/dev/vda             mount that disk (ext2) as / and run init from
 *                             it; rootflags=OPTS its mount options, ro / rw
 *                             read-only or not (the default: rw)
 *   norandmaps                no address space layout randomization:
 *                             /proc/sys/kernel/randomize_va_space starts
 *                             at 0 (mm/aslr.h), as Linux's norandmaps
 */
#ifndef BOOT_OPTIONS_H
#define BOOT_OPTIONS_H

#include "lib/cmdline.h"

/* Parses line and warns about unknown options. */
void options_init(const char *line);
/* The value of option key ("" for a flag) or NULL if absent. */
const char *option(const char *key);
/* A decimal option value (digits up to the first other character). */
unsigned long parse_ulong(const char *s);
/* The command line as given (/proc/cmdline). */
const char *options_line(void);
/* The arguments for init given after "--" on the command line. */
int option_init_args(const char *const **argv);

#endif
