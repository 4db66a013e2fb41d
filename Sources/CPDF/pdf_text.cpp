#include "CPDF.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <memory>
#include <string>
#include <vector>

struct etl_pdf {
    std::unique_ptr<poppler::document> document;
    std::vector<std::string> texts;
    std::vector<etl_pdf_word> words;
    std::string info;
};

namespace {
// poppler reports damaged files on stderr; the reader turns failures into error rows instead.
void quiet(const std::string &, void *) {}

std::string utf8(const poppler::ustring &text) {
    poppler::byte_array bytes = text.to_utf8();
    return std::string(bytes.begin(), bytes.end());
}
}  // namespace

extern "C" etl_pdf *etl_pdf_open(const char *data, size_t length, int *status) {
    poppler::set_debug_error_function(quiet, nullptr);
    *status = ETL_PDF_BROKEN;
    if (length > 0x7fffffff) return nullptr;
    std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(data, static_cast<int>(length)));
    if (!document) return nullptr;
    if (document->is_locked()) {
        *status = ETL_PDF_LOCKED;
        return nullptr;
    }
    *status = ETL_PDF_OK;
    etl_pdf *pdf = new etl_pdf();
    pdf->document = std::move(document);
    return pdf;
}

extern "C" void etl_pdf_close(etl_pdf *pdf) { delete pdf; }

extern "C" int etl_pdf_page_count(etl_pdf *pdf) { return pdf->document->pages(); }

extern "C" size_t etl_pdf_page_words(etl_pdf *pdf, int index, const etl_pdf_word **words, double *width,
                                     double *height) {
    pdf->texts.clear();
    pdf->words.clear();
    *words = nullptr;
    *width = 0;
    *height = 0;
    std::unique_ptr<poppler::page> page(pdf->document->create_page(index));
    if (!page) return 0;
    poppler::rectf box = page->page_rect();
    *width = box.width();
    *height = box.height();
    std::vector<poppler::text_box> boxes = page->text_list();
    pdf->texts.reserve(boxes.size());
    for (poppler::text_box &word : boxes) pdf->texts.push_back(utf8(word.text()));
    pdf->words.reserve(boxes.size());
    for (size_t i = 0; i < boxes.size(); i++) {
        poppler::rectf b = boxes[i].bbox();
        etl_pdf_word w;
        w.x0 = b.left();
        w.y0 = b.top();
        w.x1 = b.right();
        w.y1 = b.bottom();
        w.text = pdf->texts[i].data();
        w.length = pdf->texts[i].size();
        w.space_after = boxes[i].has_space_after() ? 1 : 0;
        pdf->words.push_back(w);
    }
    *words = pdf->words.data();
    return pdf->words.size();
}

extern "C" const char *etl_pdf_info(etl_pdf *pdf, const char *key) {
    pdf->info = utf8(pdf->document->info_key(key));
    return pdf->info.empty() ? nullptr : pdf->info.c_str();
}

extern "C" long long etl_pdf_info_date(etl_pdf *pdf, const char *key) {
    time_t t = pdf->document->info_date_t(key);
    return t == time_t(-1) ? -1 : static_cast<long long>(t);
}
