#include "CPDF.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

/// A digit's character, font name and font size (in quarter points).
typedef std::tuple<unsigned short, std::string, long> digit_key_t;

struct etl_pdf {
    std::unique_ptr<poppler::document> document;
    /// Every page's words as poppler gives them, read at the first page asked for: the widths
    /// of the digits are taken over the whole document.
    std::vector<std::vector<poppler::text_box>> boxes;
    std::vector<std::vector<std::string>> box_texts;
    std::vector<poppler::rectf> page_rects;
    std::map<digit_key_t, double> digit_widths;
    bool read = false;
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

/// Code units `from` up to `to` of `text`, as UTF-8.
std::string utf8_part(const poppler::ustring &text, size_t from, size_t to) {
    poppler::ustring part;
    part.assign(text.begin() + from, text.begin() + to);
    return utf8(part);
}

struct piece {
    std::string text;
    double x0, y0, x1, y1;
    bool space_after;
};

/// An ASCII or full-width digit (poppler's text is UTF-16 code units, one per character here).
bool is_digit(unsigned short c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }

/// A word of digits, points and commas (ASCII or full-width): a number, or numbers poppler
/// glued together.
bool is_numeric(const poppler::ustring &text) {
    if (text.empty()) return false;
    for (unsigned short c : text)
        if (!is_digit(c) && c != '.' && c != ',' && c != 0xFF0E && c != 0xFF0C) return false;
    return true;
}

/// The key of a digit in a font: the character, the font's name and its size in quarter points.
digit_key_t digit_key(const poppler::text_box &box, size_t i, unsigned short c) {
    return {c, box.get_font_name(static_cast<int>(i)), std::lround(box.get_font_size() * 4)};
}

/// Each digit's narrowest box in the document, by font and size: its own advance. poppler gives a
/// character of a word the room up to the next one, so a digit followed by a gap that poppler
/// took for no space (cells so narrow that their numbers touch: `215371129`) is wider than that.
void add_digit_widths(const std::vector<poppler::text_box> &boxes, std::map<digit_key_t, double> &widths) {
    for (const poppler::text_box &word : boxes) {
        const poppler::ustring text = word.text();
        if (!is_numeric(text)) continue;
        for (size_t c = 0; c < text.size(); c++) {
            if (!is_digit(text[c])) continue;
            double width = word.char_bbox(c).width();
            auto key = digit_key(word, c, text[c]);
            auto found = widths.find(key);
            if (found == widths.end() || width < found->second) widths[key] = width;
        }
    }
}

/// The word as it is, or, when it is numbers glued together, each number as a word of its own
/// followed by a space: a digit wider than the same digit of the same font elsewhere in the
/// document by more than a tenth of a point and 6 % (positions jitter by 2 %) is followed by a
/// gap, where a number ends.
void split_glued_numbers(const poppler::text_box &box, const std::string &utf8_text,
                         const std::map<digit_key_t, double> &widths, std::vector<piece> &out) {
    poppler::rectf b = box.bbox();
    const poppler::ustring text = box.text();
    if (text.size() < 2 || !is_numeric(text)) {
        out.push_back({utf8_text, b.left(), b.top(), b.right(), b.bottom(), box.has_space_after()});
        return;
    }
    size_t start = 0;
    for (size_t c = 0; c + 1 < text.size(); c++) {
        if (!is_digit(text[c]) || !is_digit(text[c + 1])) continue;
        poppler::rectf ch = box.char_bbox(c);
        auto found = widths.find(digit_key(box, c, text[c]));
        if (found == widths.end()) continue;
        double own = found->second;
        if (ch.width() - own <= std::max(0.1, own * 0.06)) continue;
        out.push_back({utf8_part(text, start, c + 1), box.char_bbox(start).left(), b.top(), ch.left() + own,
                       b.bottom(), true});
        start = c + 1;
    }
    if (start == 0) {
        out.push_back({utf8_text, b.left(), b.top(), b.right(), b.bottom(), box.has_space_after()});
        return;
    }
    out.push_back({utf8_part(text, start, text.size()), box.char_bbox(start).left(), b.top(), b.right(), b.bottom(),
                   box.has_space_after()});
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

/// Reads every page's words once, and the digits' widths over all of them.
static void read_pages(etl_pdf *pdf) {
    if (pdf->read) return;
    pdf->read = true;
    int count = pdf->document->pages();
    pdf->boxes.resize(count);
    pdf->box_texts.resize(count);
    pdf->page_rects.resize(count);
    for (int index = 0; index < count; index++) {
        std::unique_ptr<poppler::page> page(pdf->document->create_page(index));
        if (!page) continue;
        pdf->page_rects[index] = page->page_rect();
        pdf->boxes[index] = page->text_list(poppler::page::text_list_include_font);
        pdf->box_texts[index].reserve(pdf->boxes[index].size());
        for (poppler::text_box &word : pdf->boxes[index]) pdf->box_texts[index].push_back(utf8(word.text()));
        add_digit_widths(pdf->boxes[index], pdf->digit_widths);
    }
}

extern "C" size_t etl_pdf_page_words(etl_pdf *pdf, int index, const etl_pdf_word **words, double *width,
                                     double *height) {
    pdf->texts.clear();
    pdf->words.clear();
    *words = nullptr;
    *width = 0;
    *height = 0;
    read_pages(pdf);
    if (index < 0 || index >= static_cast<int>(pdf->boxes.size())) return 0;
    *width = pdf->page_rects[index].width();
    *height = pdf->page_rects[index].height();
    const std::vector<poppler::text_box> &boxes = pdf->boxes[index];
    std::vector<std::string> &texts = pdf->box_texts[index];
    std::vector<piece> pieces;
    pieces.reserve(boxes.size());
    for (size_t i = 0; i < boxes.size(); i++) split_glued_numbers(boxes[i], texts[i], pdf->digit_widths, pieces);
    // A page is read once: its boxes are no longer needed.
    std::vector<poppler::text_box>().swap(pdf->boxes[index]);
    std::vector<std::string>().swap(texts);
    // (The texts are all stored before any word points into them.)
    pdf->texts.reserve(pieces.size());
    for (piece &p : pieces) pdf->texts.push_back(std::move(p.text));
    pdf->words.reserve(pieces.size());
    for (size_t i = 0; i < pieces.size(); i++) {
        etl_pdf_word w;
        w.x0 = pieces[i].x0;
        w.y0 = pieces[i].y0;
        w.x1 = pieces[i].x1;
        w.y1 = pieces[i].y1;
        w.text = pdf->texts[i].data();
        w.length = pdf->texts[i].size();
        w.space_after = pieces[i].space_after ? 1 : 0;
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
