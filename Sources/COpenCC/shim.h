#include <opencc.h>
/* Written by scripts/setup-opencc.sh beside the project-local OpenCC 1.4's opencc.h; Debian's
   libopencc-dev has no such file. */
#if __has_include(<etl_opencc_config.h>)
#include <etl_opencc_config.h>
#endif

/* The build folder's copy of the dictionaries that belong to the linked library (the
   project-local OpenCC 1.4's); "" with Debian's libopencc, which finds its own data folder. Only
   a fallback: ChineseConverter.DataLocation prefers opencc_data, ETL_OPENCC_DATA and the copy
   `make install` puts beside the binary, so an installed etl never depends on the build folder. */
static inline const char *etl_opencc_datadir(void) {
#ifdef ETL_OPENCC_DATADIR
    return ETL_OPENCC_DATADIR;
#else
    return "";
#endif
}

/* The linked library's version when known ("" with Debian's, whose C API does not say). */
static inline const char *etl_opencc_version(void) {
#ifdef ETL_OPENCC_VERSION
    return ETL_OPENCC_VERSION;
#else
    return "";
#endif
}
