// Text primitives of the press-text decoder: turning payload bytes into valid UTF-8, and the
// whitespace, case and character-class helpers that every other part of the decoder uses.
//
// Every function takes and returns UTF-8. Only decode_payload() accepts arbitrary bytes; the
// others expect its output (valid UTF-8) and never fail on it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ingest::plugins::decoder_press_text::detail {

/// The payload as valid UTF-8.
struct decoded_text {
    std::string text;  ///< without a byte-order mark
    /// Byte offsets in text where U+FFFD replaced invalid input, ascending.
    std::vector<std::size_t> repairs;
};

/// Decodes a payload: a UTF-16 byte-order mark selects UTF-16 (LE or BE), anything else is
/// read as UTF-8 (a UTF-8 byte-order mark is dropped). Each maximal invalid subsequence (and
/// each unpaired UTF-16 surrogate) becomes one U+FFFD, and its offset is recorded.
decoded_text decode_payload(std::string_view bytes);

/// One line of text, without its line end.
struct text_line {
    std::string_view text;
    std::size_t number = 0;  ///< 1-based
    std::size_t offset = 0;  ///< byte offset of text in the decoded payload
};

/// Calls f(text_line) for each line: lines end at LF, CRLF, CR, NEL (U+0085), LINE SEPARATOR
/// and PARAGRAPH SEPARATOR; a final line end does not start another line. The views point
/// into text.
template <class F>
void for_each_line(std::string_view text, F&& f) {
    std::size_t start = 0;
    std::size_t number = 0;
    std::size_t i = 0;
    auto finish = [&](std::size_t end, std::size_t next) {
        f(text_line{text.substr(start, end - start), ++number, start});
        start = next;
        i = next;
    };
    while (i < text.size()) {
        char const c = text[i];
        if (c == '\n') {
            finish(i, i + 1);
        } else if (c == '\r') {
            finish(i, i + 1 < text.size() && text[i + 1] == '\n' ? i + 2 : i + 1);
        } else if (text.compare(i, 2, "\xC2\x85") == 0) {
            finish(i, i + 2);
        } else if (text.compare(i, 3, "\xE2\x80\xA8") == 0 ||
                   text.compare(i, 3, "\xE2\x80\xA9") == 0) {
            finish(i, i + 3);
        } else {
            ++i;
        }
    }
    if (start < text.size()) {
        f(text_line{text.substr(start), ++number, start});
    }
}

/// All lines of text (see for_each_line()).
std::vector<text_line> split_lines(std::string_view text);

/// Decodes the code point at s[i] and advances i. s must be valid UTF-8 from i on.
char32_t next_code_point(std::string_view s, std::size_t& i);

/// Appends cp as UTF-8.
void append_utf8(std::string& out, char32_t cp);

/// Number of code points in s.
std::size_t code_point_count(std::string_view s);

/// True for characters the decoder reads as a plain space: ASCII blanks, NO-BREAK SPACE and
/// the other Unicode spaces, and control characters other than line ends.
bool is_space_like(char32_t cp);

/// True for invisible format characters that are dropped (ZERO WIDTH SPACE, WORD JOINER,
/// ZERO WIDTH NO-BREAK SPACE / BOM).
bool is_dropped(char32_t cp);

/// Collapses every run of space-like characters to one ASCII space, drops invisible format
/// characters and trims both ends: "Washington\u00a0 DC " -> "Washington DC".
std::string normalize_space(std::string_view s);

/// True when normalize_space(s) would be empty.
bool is_blank(std::string_view s);

/// ASCII-only lower-casing (other bytes unchanged); enough for labels and keywords.
std::string ascii_lower(std::string_view s);

/// Case-insensitive (ASCII) prefix test.
bool starts_with_icase(std::string_view s, std::string_view prefix);

/// Case-insensitive (ASCII) equality.
bool equals_icase(std::string_view a, std::string_view b);

/// Unicode case folding with compatibility normalization (NFKC_Casefold), for comparing
/// tags: "México" and "MÉXICO" fold to the same string.
std::string fold_case(std::string_view s);

/// Character classes (Unicode general categories).
bool is_letter(char32_t cp);
bool is_lowercase_letter(char32_t cp);
bool is_uppercase_letter(char32_t cp);
/// An upper-case or title-case letter, or a letter of a script without case (Arabic, CJK...).
bool is_capital_or_caseless_letter(char32_t cp);
bool is_decimal_digit(char32_t cp);

/// The first letter of s (0 when s has none).
char32_t first_letter(std::string_view s);

/// Splits on ASCII spaces, dropping empty pieces.
std::vector<std::string_view> split_words(std::string_view s);

/// Trims ASCII spaces from both ends.
std::string_view trim(std::string_view s);

/// Trims the given ASCII characters (and spaces) from the end.
std::string_view trim_end_chars(std::string_view s, std::string_view chars);

}  // namespace ingest::plugins::decoder_press_text::detail
