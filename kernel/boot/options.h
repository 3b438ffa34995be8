/*
 * options.h - the kernel command line, parsed once at boot.
 * Known options (anything else gets a warning and is ignored):
 *   selftest=all|NAME[,NAME]  run kernel self-tests, then exit QEMU
 *   quiet                     fewer kernel messages on the console
 *   init=PATH                 the first user program (later issues)
 */
#ifndef BOOT_OPTIONS_H
#define BOOT_OPTIONS_H

#include "lib/cmdline.h"

/* Parses line and warns about unknown options. */
void options_init(const char *line);
/* The value of option key ("" for a flag) or NULL if absent. */
const char *option(const char *key);

#endif
