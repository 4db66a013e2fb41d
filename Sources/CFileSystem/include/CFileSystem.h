#ifndef ETL_CFILESYSTEM_H
#define ETL_CFILESYSTEM_H

/// Linux calls that Swift's Glibc module does not import (they need _GNU_SOURCE).

#include <stddef.h>

/// Swaps two paths atomically (renameat2 with RENAME_EXCHANGE); 0 or -1 with errno.
int etl_rename_exchange(const char *from, const char *to);
/// Renames only when `to` does not exist (RENAME_NOREPLACE); 0 or -1 with errno.
int etl_rename_noreplace(const char *from, const char *to);
/// Flushes the file system that holds `fd` (syncfs); 0 or -1 with errno.
int etl_syncfs(int fd);
/// fnmatch with FNM_CASEFOLD (ASCII letters only).
int etl_fnmatch_casefold(const char *pattern, const char *name);

/// memmem: where `needle` first occurs in `haystack`, or NULL.
const void *etl_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);

/// The running program's GNU build ID (the linker's digest of the executable, `.note.gnu.build-id`)
/// copied into `out`: its length, or 0 when the program has none or it does not fit.
size_t etl_build_id(unsigned char *out, size_t capacity);

#endif
