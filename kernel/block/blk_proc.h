/*
 * blk_proc.h - the block devices in /proc, in Linux's formats:
 *   /proc/partitions  "major minor  #blocks  name", #blocks in KiB
 *                     (block/genhd.c show_partition)
 *   /proc/diskstats   the I/O counters, one line per disk, the 17 fields
 *                     of Linux 5.5+ (Documentation/admin-guide/iostats.rst);
 *                     times are not measured and show 0
 *   /proc/devices     the character and block majors in use, with names
 * (procfs generators: pid unused, text into buf, its length.)
 */
#ifndef BLOCK_BLK_PROC_H
#define BLOCK_BLK_PROC_H

#include <stddef.h>

long blk_proc_partitions(int pid, char *buf, size_t size);
long blk_proc_diskstats(int pid, char *buf, size_t size);
long blk_proc_devices(int pid, char *buf, size_t size);

#endif
