#include "press_text.hpp"

#include "detail/contacts.hpp"
#include "detail/dates.hpp"
#include "detail/structure.hpp"
#include "detail/text.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

namespace ingest::plugins::decoder_press_text {

namespace {

using detail::ascii_lower;
using detail::code_point_count;
using detail::normalize_space;

constexpr std::string_view no_release_message =
    "no press release found: expected a title line followed by 'Date Publish:'";

/// A date on the line after the label is at most this long when it cannot be parsed.
constexpr std::size_t max_raw_date_chars = 40;

/// The non-blank lines of a payload, whitespace-normalized, in one buffer. Blank lines are
/// not stored (a file of 16 MiB of line ends costs nothing): each line records whether blank
/// lines came before it, which is all the layout rules need.
class line_table {
public:
    /// Adds the next non-blank line. blank_before: blank lines (or nothing) precede it.
    void add(std::string_view normalized, std::size_t number, bool blank_before, bool repaired) {
        entries_.push_back({buffer_.size(), normalized.size(), number, blank_before, repaired});
        buffer_.append(normalized);
    }

    std::size_t size() const noexcept { return entries_.size(); }
    bool empty() const noexcept { return entries_.empty(); }
    std::string_view text(std::size_t i) const {
        return std::string_view(buffer_).substr(entries_[i].begin, entries_[i].size);
    }
    std::size_t number(std::size_t i) const { return entries_[i].number; }
    bool blank_before(std::size_t i) const { return entries_[i].blank_before; }
    bool repaired(std::size_t i) const { return entries_[i].repaired; }
    /// True when line i + 1 follows line i with no blank line between them.
    bool continues(std::size_t i) const {
        return i + 1 < entries_.size() && !entries_[i + 1].blank_before;
    }

private:
    struct entry {
        std::size_t begin;
        std::size_t size;
        std::size_t number;  ///< 1-based line number in the payload
        bool blank_before;
        bool repaired;
    };
    std::string buffer_;
    std::vector<entry> entries_;
};

enum class label_strength { none, weak, strong };

struct label_match {
    label_strength strength = label_strength::none;
    std::string value;  ///< the text after the colon
};

/// "Date Publish:" and its variants, longest first. Strong labels always start a release;
/// weak ones only where the layout and the value fit (see find_headers()).
constexpr std::array<std::string_view, 10> strong_labels{
    "date of publication", "date published", "date publised", "publication date",
    "published date",      "date publish",   "publish date",  "date of release",
    "release date",        "datepublish"};
constexpr std::array<std::string_view, 6> weak_labels{"published on", "released on", "published",
                                                      "released",     "dated",       "date"};

label_match match_label(std::string_view line) {
    auto try_labels = [&](auto const& labels, label_strength strength) -> label_match {
        for (auto const label : labels) {
            if (!detail::starts_with_icase(line, label)) {
                continue;
            }
            std::string_view rest = line.substr(label.size());
            rest = detail::trim(rest);
            if (rest.substr(0, 1) == ":") {
                rest.remove_prefix(1);
            } else if (rest.substr(0, 3) == "\xEF\xBC\x9A") {  // full-width colon
                rest.remove_prefix(3);
            } else {
                continue;
            }
            return {strength, std::string(detail::trim(rest))};
        }
        return {};
    };
    if (line.empty()) {
        return {};
    }
    char const first = static_cast<char>(line[0] | 0x20);
    if (first != 'd' && first != 'p' && first != 'r') {
        return {};
    }
    if (auto m = try_labels(strong_labels, label_strength::strong);
        m.strength != label_strength::none) {
        return m;
    }
    return try_labels(weak_labels, label_strength::weak);
}

/// Where one release is in the file.
struct header {
    std::size_t title = 0;      ///< index of the title line
    std::size_t label = 0;      ///< index of the label line (the title ends above it)
    std::size_t value_end = 0;  ///< index of the last line of the date (label or value)
    std::string date;           ///< the raw date text, "" when none
};

std::string line_ref(std::size_t number) {
    return "line " + std::to_string(number);
}

bool starts_lowercase(std::string_view text) {
    std::size_t i = 0;
    return !text.empty() && detail::is_lowercase_letter(detail::next_code_point(text, i));
}

class release_reader {
public:
    release_reader(line_table const& lines, options const& opts) : lines_(lines), options_(opts) {}

    std::vector<header> find_headers() const {
        std::vector<header> headers;
        std::optional<std::size_t> consumed;  // last line that belongs to a header
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            auto const m = match_label(lines_.text(i));
            if (m.strength == label_strength::none) {
                continue;
            }
            // The title: the line above, unless it belongs to the previous header.
            std::size_t const floor = consumed ? *consumed + 1 : 0;
            std::optional<std::size_t> title;
            if (i > floor) {
                title = i - 1;
            }
            bool const weak = m.strength == label_strength::weak;
            if (!title) {
                if (weak) {
                    continue;
                }
                throw sdk::invalid_input(line_ref(lines_.number(i)) +
                                         ": release without a title: a title line must come "
                                         "before '" +
                                         label_text(lines_.text(i)) + "'");
            }
            // A weak label ("Date:", "Published:") inside a body is not a header: the title
            // must stand alone after a blank line, and the value must be empty or a date.
            if (weak && *title > floor && !lines_.blank_before(*title)) {
                continue;
            }
            // A title wrapped onto lines that continue in lower case ("... agreement\non
            // migrant health") starts at its first line.
            while (*title > floor && !lines_.blank_before(*title) &&
                   starts_lowercase(lines_.text(*title))) {
                --*title;
            }
            header h;
            h.title = *title;
            h.label = i;
            h.value_end = i;
            h.date = m.value;
            if (h.date.empty()) {
                find_date_below(i, h);
            }
            // ...and the header must end its paragraph ("Date: 5 June\nVenue: ..." does not).
            if (weak &&
                ((!h.date.empty() && !detail::parse_release_date(h.date, options_.numeric_dates)) ||
                 lines_.continues(h.value_end))) {
                continue;
            }
            if (headers.size() == options_.max_releases) {
                throw sdk::invalid_input(line_ref(lines_.number(h.title)) + ": more than " +
                                         std::to_string(options_.max_releases) +
                                         " releases in one input (setting max_releases)");
            }
            headers.push_back(std::move(h));
            consumed = headers.back().value_end;
            i = headers.back().value_end;
        }
        return headers;
    }

    /// The release of headers[k]; its body ends before the next release's title.
    sdk::release read(std::vector<header> const& headers, std::size_t k) const {
        header const& h = headers[k];
        std::size_t const end = k + 1 < headers.size() ? headers[k + 1].title : lines_.size();
        sdk::release r;
        for (std::size_t i = h.title; i < h.label; ++i) {
            if (!r.title.empty()) {
                r.title.push_back(' ');
            }
            r.title += lines_.text(i);
        }
        r.published.raw = h.date;
        r.published.unix_ms = detail::parse_release_date(h.date, options_.numeric_dates);
        if (!options_.language.empty()) {
            r.language = options_.language;
        }
        for (std::size_t i = h.title; i < end; ++i) {
            if (lines_.repaired(i)) {
                r.extensions["encoding_repaired"] = "true";
                break;
            }
        }
        read_body(h.value_end + 1, end, r);
        return r;
    }

private:
    struct paragraph {
        std::vector<std::size_t> lines;  ///< indexes into lines_
        std::string text;                ///< the lines joined with spaces
    };

    static std::string label_text(std::string_view line) {
        auto const colon = line.find(':');
        return std::string(colon == std::string_view::npos ? line : line.substr(0, colon + 1));
    }

    /// "Date Publish:" with nothing after it: the date may stand on the next line, or after
    /// blank lines when it reads as a date and stands alone.
    void find_date_below(std::size_t label, header& h) const {
        std::size_t const next = label + 1;
        if (next >= lines_.size()) {
            return;
        }
        std::string_view const value = lines_.text(next);
        bool const alone = !lines_.continues(next);
        bool const date = detail::parse_release_date(value, options_.numeric_dates).has_value();
        if (lines_.continues(label)) {
            bool const date_like = code_point_count(value) <= max_raw_date_chars &&
                                   detail::looks_like_date(value) && alone &&
                                   match_label(value).strength == label_strength::none;
            if (date || date_like) {
                h.date = std::string(value);
                h.value_end = next;
            }
        } else if (date && alone) {
            h.date = std::string(value);
            h.value_end = next;
        }
    }

    std::vector<paragraph> paragraphs(std::size_t begin, std::size_t end) const {
        std::vector<paragraph> out;
        for (std::size_t i = begin; i < end; ++i) {
            if (out.empty() || lines_.blank_before(i)) {
                out.emplace_back();
            }
            auto& p = out.back();
            if (!p.text.empty()) {
                p.text.push_back(' ');
            }
            p.text += lines_.text(i);
            p.lines.push_back(i);
        }
        return out;
    }

    void read_body(std::size_t begin, std::size_t end, sdk::release& r) const {
        auto paras = paragraphs(begin, end);
        std::vector<bool> used(paras.size(), false);

        // The tag line: the last paragraph, one line, not part of the contact block (neither
        // its lead nor the names after "please contact:").
        auto const is_open_lead = [&](paragraph const& p) {
            return detail::is_contact_lead(p.text) && detail::lead_expects_more(p.text);
        };
        if (paras.size() >= 2 && paras.back().lines.size() == 1 &&
            !detail::is_contact_lead(paras.back().text) && !is_open_lead(paras[paras.size() - 2])) {
            if (auto tags = detail::parse_tag_line(paras.back().text)) {
                r.tags = std::move(*tags);
                used.back() = true;
            }
        }

        // Contact blocks: a lead paragraph and the contact paragraphs after it.
        std::string contact_text;
        for (std::size_t k = 0; k < paras.size(); ++k) {
            if (used[k] || !detail::is_contact_lead(lines_.text(paras[k].lines.front()))) {
                continue;
            }
            std::vector<std::vector<std::string>> this_block;
            auto take = [&](std::size_t q) {
                used[q] = true;
                std::vector<std::string> ls;
                for (auto const i : paras[q].lines) {
                    ls.emplace_back(lines_.text(i));
                }
                if (!contact_text.empty()) {
                    contact_text += "\n\n";
                }
                for (std::size_t n = 0; n < ls.size(); ++n) {
                    contact_text += (n == 0 ? "" : "\n") + ls[n];
                }
                this_block.push_back(std::move(ls));
            };
            take(k);
            bool expects_more = detail::lead_expects_more(lines_.text(paras[k].lines.front()));
            std::size_t q = k + 1;
            for (; q < paras.size() && !used[q]; ++q) {
                bool details = false;
                for (auto const i : paras[q].lines) {
                    details = details || detail::has_contact_details(lines_.text(i));
                }
                constexpr std::size_t max_names_chars = 300;
                if (details ||
                    (expects_more && code_point_count(paras[q].text) <= max_names_chars &&
                     !detail::is_contact_lead(paras[q].text))) {
                    take(q);
                    expects_more = false;
                    continue;
                }
                break;
            }
            auto contacts = detail::parse_contacts(this_block);
            r.contacts.insert(r.contacts.end(), contacts.begin(), contacts.end());
            k = q - 1;
        }
        if (!contact_text.empty()) {
            r.extensions["contact_text"] = contact_text;
        }

        std::vector<std::string> body;
        for (std::size_t k = 0; k < paras.size(); ++k) {
            if (!used[k]) {
                body.push_back(std::move(paras[k].text));
            }
        }
        if (!body.empty()) {
            if (auto split = detail::split_dateline(body.front())) {
                r.dateline = std::move(split->dateline);
                if (split->rest.empty()) {
                    body.erase(body.begin());
                } else {
                    body.front() = std::move(split->rest);
                }
            }
        }
        if (!body.empty()) {
            r.summary = detail::make_summary(body.front());
        }
        for (std::size_t k = 0; k < body.size(); ++k) {
            if (k != 0) {
                r.body_text += "\n\n";
            }
            r.body_text += body[k];
        }
    }

    line_table const& lines_;
    options const& options_;
};

line_table read_lines(detail::decoded_text const& decoded) {
    line_table lines;
    bool blank_before = true;
    auto repair = decoded.repairs.begin();
    detail::for_each_line(decoded.text, [&](detail::text_line const& l) {
        std::string const text = normalize_space(l.text);
        if (text.empty()) {
            blank_before = true;
            return;
        }
        while (repair != decoded.repairs.end() && *repair < l.offset) {
            ++repair;
        }
        bool const repaired = repair != decoded.repairs.end() && *repair < l.offset + l.text.size();
        lines.add(text, l.number, blank_before, repaired);
        blank_before = false;
    });
    return lines;
}

/// Text with a NUL is binary (or UTF-16 without a byte-order mark): refused, naming the line.
void refuse_binary(std::string const& text) {
    auto const nul = text.find('\0');
    if (nul == std::string::npos) {
        return;
    }
    std::size_t number = 1;
    detail::for_each_line(text, [&](detail::text_line const& l) {
        if (l.offset <= nul) {
            number = l.number;
        }
    });
    throw sdk::invalid_input("line " + std::to_string(number) +
                             ": NUL byte: binary data (or UTF-16 without a byte-order mark), "
                             "not a plain-text press release");
}

}  // namespace

press_text_decoder::press_text_decoder(options opts) : options_(std::move(opts)) {
    if (options_.max_releases < 1) {
        throw sdk::invalid_input("max_releases must be at least 1");
    }
}

std::vector<sdk::release> press_text_decoder::parse(std::string_view payload) const {
    if (payload.size() > options_.max_bytes) {
        throw sdk::invalid_input("input of " + std::to_string(payload.size()) +
                                 " bytes is larger than max_bytes (" +
                                 std::to_string(options_.max_bytes) + " bytes)");
    }
    auto const decoded = detail::decode_payload(payload);
    refuse_binary(decoded.text);
    auto const lines = read_lines(decoded);
    release_reader reader(lines, options_);
    auto const headers = reader.find_headers();
    if (headers.empty()) {
        throw sdk::invalid_input(std::string(no_release_message) +
                                 (lines.empty() ? " (the input is empty)" : ""));
    }
    std::vector<sdk::release> releases;
    releases.reserve(headers.size());
    for (std::size_t k = 0; k < headers.size(); ++k) {
        releases.push_back(reader.read(headers, k));
    }
    return releases;
}

void press_text_decoder::decode(sdk::decode_input const& in, sdk::release_emitter& out) {
    for (auto const& r : parse(in.payload)) {
        if (!out.emit(r)) {
            return;
        }
    }
}

}  // namespace ingest::plugins::decoder_press_text
