#ifndef ETL_CPDF_H
#define ETL_CPDF_H

#include <stddef.h>

/// A C interface to poppler-cpp: a PDF's pages as words with their boxes, and its metadata.

#ifdef __cplusplus
extern "C" {
#endif

typedef struct etl_pdf etl_pdf;

/// One word as poppler groups glyphs: its text (UTF-8, not NUL-terminated) and its box in points,
/// y growing downwards from the top of the page.
typedef struct {
    double x0, y0, x1, y1;
    const char *text;
    size_t length;
    int space_after;
} etl_pdf_word;

enum { ETL_PDF_OK = 0, ETL_PDF_BROKEN = 1, ETL_PDF_LOCKED = 2 };

/// Opens a PDF held in memory (`data` must outlive the handle); NULL and a status when it cannot.
etl_pdf *etl_pdf_open(const char *data, size_t length, int *status);
void etl_pdf_close(etl_pdf *pdf);
int etl_pdf_page_count(etl_pdf *pdf);
/// The words of page `index` (from 0) and the page's size; the array lives until the next call.
size_t etl_pdf_page_words(etl_pdf *pdf, int index, const etl_pdf_word **words, double *width, double *height);
/// A document information entry (`Title`, `Author`, …) as UTF-8, or NULL; lives until the next call.
const char *etl_pdf_info(etl_pdf *pdf, const char *key);
/// A date entry (`CreationDate`) as seconds since 1970, or -1.
long long etl_pdf_info_date(etl_pdf *pdf, const char *key);

#ifdef __cplusplus
}
#endif

#endif
