#define _GNU_SOURCE
#include "CFileSystem.h"
#include <fcntl.h>
#include <fnmatch.h>
#include <string.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int etl_rename_exchange(const char *from, const char *to) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
}

int etl_rename_noreplace(const char *from, const char *to) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
}

int etl_syncfs(int fd) { return syncfs(fd); }

int etl_fnmatch_casefold(const char *pattern, const char *name) {
    return fnmatch(pattern, name, FNM_CASEFOLD);
}

const void *etl_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    return memmem(haystack, haystack_length, needle, needle_length);
}
