#define _GNU_SOURCE
#include "CFileSystem.h"
#include <fcntl.h>
#include <fnmatch.h>
#include <link.h>
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

struct build_id_search { unsigned char *out; size_t capacity; size_t length; };

/* The first object dl_iterate_phdr reports is the program itself: its PT_NOTE segments are
   searched for the note named "GNU" of type NT_GNU_BUILD_ID. */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct build_id_search *search = data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *phdr = &info->dlpi_phdr[i];
        if (phdr->p_type != PT_NOTE) continue;
        const unsigned char *note = (const unsigned char *)(info->dlpi_addr + phdr->p_vaddr);
        const unsigned char *end = note + phdr->p_memsz;
        while (note + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *header = (const ElfW(Nhdr) *)note;
            const unsigned char *name = note + sizeof(ElfW(Nhdr));
            const unsigned char *desc = name + ((header->n_namesz + 3) & ~3u);
            const unsigned char *next = desc + ((header->n_descsz + 3) & ~3u);
            if (next > end) break;
            if (header->n_type == NT_GNU_BUILD_ID && header->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
                if (header->n_descsz > 0 && header->n_descsz <= search->capacity) {
                    memcpy(search->out, desc, header->n_descsz);
                    search->length = header->n_descsz;
                }
                return 1;
            }
            note = next;
        }
    }
    return 1;  /* only the program itself */
}

size_t etl_build_id(unsigned char *out, size_t capacity) {
    struct build_id_search search = { out, capacity, 0 };
    dl_iterate_phdr(find_build_id, &search);
    return search.length;
}
