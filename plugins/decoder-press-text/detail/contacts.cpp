#include "contacts.hpp"

#include "dates.hpp"
#include "structure.hpp"
#include "text.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace ingest::plugins::decoder_press_text::detail {

namespace {

// ------------------------------------------------------------------------- word lists --

/// Openings of a contact block; "contact(s)" alone needs a colon or the end of the line.
constexpr std::array<std::string_view, 24> lead_phrases{"for more information",
                                                        "for further information",
                                                        "for additional information",
                                                        "for more info",
                                                        "for further info",
                                                        "for more details",
                                                        "for further details",
                                                        "for media inquiries",
                                                        "for media enquiries",
                                                        "for press inquiries",
                                                        "for press enquiries",
                                                        "for interview requests",
                                                        "for interviews",
                                                        "media contacts",
                                                        "media contact",
                                                        "press contacts",
                                                        "press contact",
                                                        "media inquiries",
                                                        "media enquiries",
                                                        "press inquiries",
                                                        "press enquiries",
                                                        "contact information",
                                                        "contacts",
                                                        "contact"};

/// Verbs after which the contacts start: "..., please contact Liz Lizama".
constexpr std::array<std::string_view, 11> lead_verbs{"get in touch with",
                                                      "reach out to",
                                                      "speak with",
                                                      "speak to",
                                                      "write to",
                                                      "contact",
                                                      "call",
                                                      "reach",
                                                      "email",
                                                      "e-mail",
                                                      "ask"};

/// Words that say a text is an organization or a job, never a person's name.
constexpr std::array<std::string_view, 80> org_words{"ministry",
                                                     "office",
                                                     "department",
                                                     "organization",
                                                     "organisation",
                                                     "agency",
                                                     "team",
                                                     "unit",
                                                     "council",
                                                     "commission",
                                                     "programme",
                                                     "program",
                                                     "fund",
                                                     "bank",
                                                     "embassy",
                                                     "mission",
                                                     "government",
                                                     "secretariat",
                                                     "foundation",
                                                     "institute",
                                                     "university",
                                                     "association",
                                                     "society",
                                                     "committee",
                                                     "service",
                                                     "services",
                                                     "centre",
                                                     "center",
                                                     "media",
                                                     "press",
                                                     "communications",
                                                     "communication",
                                                     "desk",
                                                     "division",
                                                     "section",
                                                     "bureau",
                                                     "headquarters",
                                                     "network",
                                                     "union",
                                                     "group",
                                                     "international",
                                                     "national",
                                                     "federation",
                                                     "nations",
                                                     "coalition",
                                                     "alliance",
                                                     "campaign",
                                                     "initiative",
                                                     "project",
                                                     "company",
                                                     "inc",
                                                     "ltd",
                                                     "llc",
                                                     "corporation",
                                                     "authority",
                                                     "police",
                                                     "hospital",
                                                     "school",
                                                     "crescent",
                                                     "cross",
                                                     "relief",
                                                     "world",
                                                     "global",
                                                     "regional",
                                                     "staff",
                                                     "municipality",
                                                     "parliament",
                                                     "court",
                                                     "information",
                                                     "public",
                                                     "affairs",
                                                     "relations",
                                                     "partners",
                                                     "department's",
                                                     "ngo",
                                                     "office's",
                                                     "the",
                                                     "our",
                                                     "your",
                                                     "us"};

/// Words that make a text a job title when they open or close it: "Communications Officer",
/// "Head of Office", "Oficial de Comunicación", "Chargée de communication".
constexpr std::array<std::string_view, 58> title_words{
    "officer",       "manager",      "director",     "directora",      "head",
    "spokesperson",  "spokesman",    "spokeswoman",  "coordinator",    "co-ordinator",
    "coordinador",   "coordinadora", "coordinateur", "coordinatrice",  "adviser",
    "advisor",       "asesor",       "asesora",      "conseiller",     "conseillère",
    "assistant",     "assistante",   "specialist",   "especialista",   "spécialiste",
    "chief",         "jefe",         "jefa",         "representative", "associate",
    "consultant",    "consultante",  "secretary",    "analyst",        "editor",
    "correspondent", "minister",     "ambassador",   "president",      "chair",
    "chairperson",   "deputy",       "lead",         "focal",          "intern",
    "attache",       "attaché",      "attachée",     "counsellor",     "counselor",
    "liaison",       "expert",       "oficial",      "responsable",    "chargé",
    "chargée",       "portavoz",     "porte-parole"};

/// Lower-case words inside personal names: "Ana de la Cruz", "Ludwig van Beethoven".
constexpr std::array<std::string_view, 24> name_particles{
    "de",  "da",  "del", "della", "di",  "do",  "dos",  "das", "du", "van", "von", "der",
    "den", "ter", "la",  "le",    "bin", "ibn", "bint", "al",  "el", "y",   "zu",  "ben"};

/// Lower-case words allowed inside an organization name.
constexpr std::array<std::string_view, 16> org_connectors{"of",  "for", "the", "and", "de", "la",
                                                          "del", "des", "du",  "et",  "y",  "in",
                                                          "on",  "to",  "&",   "für"};

/// Last words of a department: "the Communication & Media department".
constexpr std::array<std::string_view, 12> department_words{
    "department", "unit",    "office", "team",   "section", "division",
    "desk",       "service", "bureau", "branch", "cell",    "secretariat"};

/// Words dropped from either end of a text piece: labels and glue around the details.
constexpr std::array<std::string_view, 31> glue_words{
    "at",      "on",    "via",   "by",     "or",       "and",    "to",     "please",
    "contact", "call",  "email", "e-mail", "mail",     "phone",  "mobile", "mob",
    "cell",    "fax",   "e",     "t",      "m",        "f",      "p",      "whatsapp",
    "reach",   "write", "us",    "tel",    "courriel", "correo", "ou"};

/// Phone labels, longest first so that "telephone" wins over "tel".
constexpr std::array<std::string_view, 28> phone_labels{
    "téléphone", "telephone", "teléfono", "telefono", "telefone", "cellphone", "whatsapp",
    "landline",  "portable",  "celular",  "mobile",   "móvil",    "movil",     "phone",
    "cell",      "tél",       "tel",      "mob",      "cel",      "tlf",       "ph",
    "fax",       "t",         "m",        "p",        "f"};

constexpr std::array<std::string_view, 6> email_labels{"e-mail", "email", "courriel",
                                                       "correo", "mail",  "e"};

template <std::size_t N>
bool in_list(std::array<std::string_view, N> const& list, std::string_view word) {
    for (auto const w : list) {
        if (equals_icase(w, word)) {
            return true;
        }
    }
    return false;
}

bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

/// The word without surrounding punctuation and a possessive: "IOM's," -> "IOM".
std::string_view bare_word(std::string_view w) {
    while (!w.empty() && std::string_view(".,;:'\"()").find(w.front()) != std::string_view::npos) {
        w.remove_prefix(1);
    }
    while (!w.empty() && std::string_view(".,;:'\"()").find(w.back()) != std::string_view::npos) {
        w.remove_suffix(1);
    }
    for (std::string_view s : {"'s", "\xE2\x80\x99s"}) {
        if (w.size() > s.size() && equals_icase(w.substr(w.size() - s.size()), s)) {
            w.remove_suffix(s.size());
        }
    }
    return w;
}

/// All letters upper-case and at least two of them: "IOM", "UNHCR" (not "佐藤": no case).
bool is_acronym(std::string_view word) {
    std::size_t upper = 0;
    std::size_t i = 0;
    while (i < word.size()) {
        char32_t const cp = next_code_point(word, i);
        if (is_uppercase_letter(cp)) {
            ++upper;
        } else if (is_letter(cp)) {
            return false;
        }
    }
    return upper >= 2;
}

bool has_digit_or(std::string_view s, std::string_view chars) {
    for (char const c : s) {
        if (is_ascii_digit(c) || chars.find(c) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

// ----------------------------------------------------------------- what a text may be --

bool is_person_name(std::string_view s) {
    auto const words = split_words(s);
    if (words.empty() || words.size() > 5 || has_digit_or(s, "@&:/")) {
        return false;
    }
    if (words.size() == 1) {
        // One word: only a name in a script without spaces or case (王小明).
        std::size_t n = 0;
        std::size_t i = 0;
        while (i < s.size()) {
            char32_t const cp = next_code_point(s, i);
            if (!is_letter(cp) || is_lowercase_letter(cp) || (cp < 0x2E80)) {
                return false;
            }
            ++n;
        }
        return n >= 2 && n <= 4;
    }
    if (is_acronym(bare_word(words.front()))) {
        return false;
    }
    std::size_t name_words = 0;
    for (auto const word : words) {
        auto const bare = bare_word(word);
        if (in_list(org_words, bare) || in_list(title_words, bare)) {
            return false;
        }
        char32_t const first = first_letter(word);
        if (first == 0) {
            return false;
        }
        if (is_lowercase_letter(first)) {
            if (!in_list(name_particles, bare) && !starts_with_icase(bare, "al-") &&
                !starts_with_icase(bare, "el-")) {
                return false;
            }
        } else {
            ++name_words;
        }
    }
    return name_words >= 2;
}

bool is_job_title(std::string_view s) {
    auto const words = split_words(s);
    if (words.empty()) {
        return false;
    }
    return in_list(title_words, bare_word(words.front())) ||
           in_list(title_words, bare_word(words.back()));
}

bool is_department(std::string_view s) {
    auto const words = split_words(s);
    return !words.empty() && in_list(department_words, bare_word(words.back()));
}

bool is_organization(std::string_view s) {
    auto const words = split_words(s);
    if (words.empty() || words.size() > 10 || s.find('@') != std::string_view::npos) {
        return false;
    }
    std::size_t i = 0;
    char32_t const first = next_code_point(s, i);
    if (!is_capital_or_caseless_letter(first)) {
        return false;
    }
    if (has_sentence_punctuation(trim_end_chars(s, "."))) {
        return false;
    }
    std::size_t lower = 0;
    for (auto const word : words) {
        char32_t const f = first_letter(word);
        if (f != 0 && is_lowercase_letter(f) && !in_list(org_connectors, bare_word(word))) {
            ++lower;
        }
    }
    return lower <= 1 || (lower <= 2 && is_department(s));
}

std::string_view strip_article(std::string_view s) {
    s = trim(s);
    if (starts_with_icase(s, "the ")) {
        s.remove_prefix(4);
    }
    return trim_end_chars(s, ".,");
}

// --------------------------------------------------------------------------- the lead --

/// Length of the lead phrase that line starts with (0 when none).
std::size_t lead_length(std::string_view line) {
    for (auto const phrase : lead_phrases) {
        if (!starts_with_icase(line, phrase)) {
            continue;
        }
        std::string_view const after = line.substr(phrase.size());
        bool const bare_contact = phrase == "contact" || phrase == "contacts";
        if (bare_contact) {
            if (trim(after).empty() || trim(after).front() == ':') {
                return phrase.size();
            }
            continue;
        }
        if (after.empty() || !is_ascii_letter(after.front())) {
            return phrase.size();
        }
    }
    return 0;
}

/// The text after the lead: "For more information, please contact Liz ..." -> "Liz ...".
std::string_view strip_lead(std::string_view line) {
    std::size_t const n = lead_length(line);
    if (n == 0) {
        return line;
    }
    std::string_view rest = line.substr(n);
    // Cut after the first verb, when it comes before any detail.
    std::string const lower = ascii_lower(rest);
    std::size_t const details = lower.find_first_of("@+");
    std::size_t best = std::string::npos;
    std::size_t best_end = 0;
    for (auto const verb : lead_verbs) {
        std::size_t pos = 0;
        while ((pos = lower.find(verb, pos)) != std::string::npos) {
            std::size_t const end = pos + verb.size();
            bool const word_start = pos == 0 || !is_ascii_letter(lower[pos - 1]);
            bool const word_end = end == lower.size() || !is_ascii_letter(lower[end]);
            if (word_start && word_end) {
                break;
            }
            pos = end;
        }
        if (pos != std::string::npos && pos < best &&
            (details == std::string::npos || pos < details)) {
            // "email" followed by ":" is a label, not a verb.
            std::size_t const end = pos + verb.size();
            bool const label =
                (verb == "email" || verb == "e-mail") && end < lower.size() && lower[end] == ':';
            if (!label) {
                best = pos;
                best_end = end;
            }
        }
    }
    if (best != std::string::npos) {
        rest = rest.substr(best_end);
    }
    while (!rest.empty() &&
           std::string_view(" ,:;.-").find(rest.front()) != std::string_view::npos) {
        rest.remove_prefix(1);
    }
    for (std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94"}) {
        if (rest.substr(0, dash.size()) == dash) {
            rest = trim(rest.substr(dash.size()));
        }
    }
    if (starts_with_icase(rest, "please ")) {
        rest = trim(rest.substr(7));
    }
    return rest;
}

// ------------------------------------------------------------------------ the details --

enum class span_kind { email, phone, fax, email_label, phone_label };

struct span {
    std::size_t begin;
    std::size_t end;
    span_kind kind;
    std::string value;
};

bool is_email_local_char(char c) {
    return is_ascii_letter(c) || is_ascii_digit(c) ||
           std::string_view("._%+-'").find(c) != std::string_view::npos;
}
bool is_email_domain_char(char c) {
    return is_ascii_letter(c) || is_ascii_digit(c) || c == '.' || c == '-';
}

/// A valid address around s[at] == '@': local@domain.tld.
std::optional<span> email_at(std::string_view s, std::size_t at) {
    constexpr std::size_t max_local = 64;
    constexpr std::size_t max_domain = 255;
    std::size_t b = at;
    while (b > 0 && at - b < max_local && is_email_local_char(s[b - 1])) {
        --b;
    }
    while (b < at && (s[b] == '.' || s[b] == '\'')) {
        ++b;
    }
    std::size_t e = at + 1;
    while (e < s.size() && e - at <= max_domain && is_email_domain_char(s[e])) {
        ++e;
    }
    while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) {
        --e;
    }
    std::string_view const local = s.substr(b, at - b);
    std::string_view const domain = s.substr(at + 1, e - at - 1);
    if (local.empty() || local.back() == '.' || domain.empty() || domain.front() == '.' ||
        domain.front() == '-' || domain.find("..") != std::string_view::npos) {
        return std::nullopt;
    }
    auto const dot = domain.rfind('.');
    if (dot == std::string_view::npos || domain.size() - dot - 1 < 2) {
        return std::nullopt;
    }
    for (char const c : domain.substr(dot + 1)) {
        if (!is_ascii_letter(c)) {
            return std::nullopt;
        }
    }
    std::size_t begin = b;
    if (begin >= 7 && equals_icase(s.substr(begin - 7, 7), "mailto:")) {
        begin -= 7;
    }
    return span{begin, e, span_kind::email, std::string(s.substr(b, e - b))};
}

/// A phone number starting at s[j]: digits, spaces, "+" first, brackets, dashes, dots, and
/// an extension ("Ext. 119", "x119"). end is set after it; the text is returned as written.
std::optional<std::string> phone_at(std::string_view s, std::size_t j, std::size_t& end,
                                    std::size_t min_digits) {
    std::size_t k = j;
    std::size_t good = j;
    std::size_t digits = 0;
    int open = 0;
    constexpr std::size_t max_phone_chars = 40;
    if (k < s.size() && s[k] == '+') {
        ++k;
    }
    while (k < s.size() && k - j < max_phone_chars) {
        char const c = s[k];
        if (is_ascii_digit(c)) {
            ++digits;
            ++k;
            good = k;
        } else if (c == '(') {
            ++open;
            ++k;
        } else if (c == ')' && open > 0) {
            --open;
            ++k;
            good = k;
        } else if (c == ' ' || c == '-' || c == '.') {
            ++k;
        } else {
            break;
        }
    }
    if (digits < min_digits || digits > 20) {
        return std::nullopt;
    }
    // An extension: " Ext. 119", " ext 119", " x119", " extension 12".
    std::size_t m = good;
    while (m < s.size() && (s[m] == ' ' || s[m] == ',')) {
        ++m;
    }
    for (std::string_view ext : {"extension", "ext", "x"}) {
        if (!starts_with_icase(s.substr(m), ext)) {
            continue;
        }
        std::size_t q = m + ext.size();
        if (q < s.size() && is_ascii_letter(s[q])) {
            continue;
        }
        while (q < s.size() && (s[q] == '.' || s[q] == ':' || s[q] == ' ')) {
            ++q;
        }
        std::size_t const digits_start = q;
        while (q < s.size() && is_ascii_digit(s[q])) {
            ++q;
        }
        if (q > digits_start) {
            good = q;
        }
        break;
    }
    std::string_view text = s.substr(j, good - j);
    // An unmatched "(" left at the end ("+41 22 (").
    text = trim_end_chars(text, "(-.");
    end = j + text.size();
    return std::string(text);
}

/// The label at s[i] ("Tel.", "Mobile:", "Email"), or 0 when none starts there.
std::size_t label_at(std::string_view s, std::size_t i, std::string_view& label,
                     bool& is_email_label) {
    if (i > 0 && (is_ascii_letter(s[i - 1]) || s[i - 1] == '-' || s[i - 1] == '@')) {
        return 0;
    }
    for (auto const l : email_labels) {
        if (starts_with_icase(s.substr(i), l) &&
            (i + l.size() == s.size() || !is_ascii_letter(s[i + l.size()]))) {
            label = l;
            is_email_label = true;
            return l.size();
        }
    }
    for (auto const l : phone_labels) {
        if (starts_with_icase(s.substr(i), l) &&
            (i + l.size() == s.size() || !is_ascii_letter(s[i + l.size()]))) {
            label = l;
            is_email_label = false;
            return l.size();
        }
    }
    return 0;
}

/// Finds emails, labelled and "+" phones, and empty labels in line, in order.
std::vector<span> find_details(std::string_view line) {
    std::vector<span> spans;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '@') {
            if (auto sp = email_at(line, i)) {
                spans.push_back(*sp);
                i = sp->end;
            }
        }
    }
    // Positions are visited in ascending order, so one cursor over the (sorted) emails
    // answers "is pos inside an address" in constant amortized time.
    std::size_t cursor = 0;
    auto covered = [&](std::size_t pos) {
        while (cursor < spans.size() && spans[cursor].end <= pos) {
            ++cursor;
        }
        return cursor < spans.size() && pos >= spans[cursor].begin;
    };
    std::vector<span> found;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (covered(i)) {
            continue;
        }
        std::string_view label;
        bool email_label = false;
        if (std::size_t const n = label_at(line, i, label, email_label); n != 0) {
            std::size_t j = i + n;
            bool punctuated = false;
            while (j < line.size() &&
                   (line[j] == ' ' || line[j] == '.' || line[j] == ':' || line[j] == '/')) {
                punctuated = punctuated || line[j] != ' ';
                ++j;
            }
            bool const single_letter = label.size() == 1;
            if (email_label) {
                bool const address_follows = j < line.size() && covered(j);
                bool const nothing_follows =
                    j == line.size() || line[j] == ',' || line[j] == ';' || line[j] == ')';
                bool const is_label = single_letter
                                          ? punctuated && address_follows
                                          : punctuated || address_follows || nothing_follows;
                if (is_label) {
                    found.push_back({i, j, span_kind::email_label, {}});
                    i = j - 1;
                }
                continue;
            }
            std::size_t end = 0;
            if (j < line.size() && (line[j] == '+' || line[j] == '(' || is_ascii_digit(line[j]))) {
                if (auto phone = phone_at(line, j, end, 6)) {
                    if (!single_letter || punctuated) {
                        bool const fax = equals_icase(label, "fax") || equals_icase(label, "f");
                        found.push_back({i, end, fax ? span_kind::fax : span_kind::phone, *phone});
                        i = end - 1;
                        continue;
                    }
                }
            }
            if (!single_letter && punctuated) {
                found.push_back({i, j, span_kind::phone_label, {}});
                i = j - 1;
            }
            continue;
        }
        bool const boundary =
            i == 0 || !(is_ascii_letter(line[i - 1]) || is_ascii_digit(line[i - 1]));
        if (!boundary) {
            continue;
        }
        std::size_t end = 0;
        if (line[i] == '+' && i + 1 < line.size() && is_ascii_digit(line[i + 1])) {
            if (auto phone = phone_at(line, i, end, 7)) {
                found.push_back({i, end, span_kind::phone, *phone});
                i = end - 1;
            }
        } else if (is_ascii_digit(line[i]) || line[i] == '(') {
            if (auto phone = phone_at(line, i, end, 8)) {
                bool const separated = phone->find_first_of(" -") != std::string::npos;
                if (separated && !parse_release_date(*phone)) {
                    found.push_back({i, end, span_kind::phone, *phone});
                    i = end - 1;
                    continue;
                }
            }
            while (i + 1 < line.size() && (is_ascii_digit(line[i + 1]) || line[i + 1] == '(')) {
                ++i;  // skip the rest of a number that is not a phone
            }
        }
    }
    spans.insert(spans.end(), found.begin(), found.end());
    std::sort(spans.begin(), spans.end(),
              [](span const& a, span const& b) { return a.begin < b.begin; });
    return spans;
}

// ----------------------------------------------------------------- grouping into entries --

struct entry {
    std::vector<std::string> texts;
    std::string email;
    std::string phone;
    bool has_detail = false;

    bool empty() const { return texts.empty() && !has_detail; }
};

/// Drops glue words ("at", "Email", "please contact") and punctuation from both ends.
std::string_view strip_glue(std::string_view s) {
    for (;;) {
        s = trim(s);
        while (!s.empty() &&
               std::string_view(".,;:-'\"").find(s.back()) != std::string_view::npos) {
            s.remove_suffix(1);
            s = trim(s);
        }
        while (!s.empty() &&
               std::string_view(".,;:-'\"").find(s.front()) != std::string_view::npos) {
            s.remove_prefix(1);
            s = trim(s);
        }
        auto const words = split_words(s);
        if (words.empty()) {
            return s;
        }
        if (in_list(glue_words, trim_end_chars(words.front(), ".:"))) {
            s = s.substr(static_cast<std::size_t>(words.front().data() - s.data()) +
                         words.front().size());
            continue;
        }
        if (words.size() > 1 && in_list(glue_words, trim_end_chars(words.back(), ".:"))) {
            s = s.substr(0, static_cast<std::size_t>(words.back().data() - s.data()));
            continue;
        }
        if (words.size() == 1 && in_list(glue_words, trim_end_chars(words.back(), ".:"))) {
            return {};
        }
        return s;
    }
}

/// Splits text between details into pieces at , ( ) [ ] / | : • · and spaced dashes, and
/// at sentence ends. A ';' becomes a piece of its own (a hard break).
std::vector<std::string_view> split_pieces(std::string_view text) {
    std::vector<std::string_view> pieces;
    std::size_t start = 0;
    auto cut = [&](std::size_t at, std::size_t skip) {
        pieces.push_back(text.substr(start, at - start));
        start = at + skip;
    };
    std::size_t letters = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (c == ';') {
            cut(i, 1);
            pieces.emplace_back(";");
        } else if (std::string_view(",()[]/|:").find(c) != std::string_view::npos) {
            cut(i, 1);
        } else if (c == '.' && letters >= 3 && i + 1 < text.size() && text[i + 1] == ' ') {
            cut(i, 1);  // a sentence end, not "Ms." or "D.C."
        } else if (c == '-' && i > 0 && text[i - 1] == ' ' && i + 1 < text.size() &&
                   text[i + 1] == ' ') {
            cut(i, 1);
        } else if (text.compare(i, 3, "\xE2\x80\x93") == 0 ||  // en dash
                   text.compare(i, 3, "\xE2\x80\x94") == 0 ||  // em dash
                   text.compare(i, 3, "\xE2\x80\xA2") == 0) {  // bullet
            cut(i, 3);
            i += 2;
        } else if (text.compare(i, 2, "\xC2\xB7") == 0) {  // middle dot
            cut(i, 2);
            i += 1;
        }
        letters = is_ascii_letter(c) ? letters + 1 : 0;
    }
    pieces.push_back(text.substr(start));
    return pieces;
}

std::vector<sdk::contact> read_entry(entry const& e);

/// True when a text piece can give a contact its name or organization (or is a job title,
/// which belongs to the entry it follows).
bool names_someone(std::string_view t);

class entry_builder {
public:
    void hard_break() {
        if (!current_.empty()) {
            entries_.push_back(std::move(current_));
        }
        current_ = entry{};
    }

    /// A text piece: a name, an organization, a job title... Once the current entry has an
    /// email or phone, a new text starts the next entry ("..., jd@x.org or John Roe").
    void text(std::string_view piece) {
        if (piece == ";") {
            hard_break();
            return;
        }
        constexpr std::size_t max_piece_bytes = 200;  // longer is prose, not a name
        std::string_view const t = strip_glue(piece);
        if (t.empty() || t.size() > max_piece_bytes || !names_someone(t)) {
            return;  // "(office hours)", "not-an-address": nothing to keep
        }
        if (current_.has_detail) {
            hard_break();
        }
        current_.texts.emplace_back(t);
    }

    void detail(span const& sp) {
        current_.has_detail = true;
        if (sp.kind == span_kind::email && current_.email.empty()) {
            current_.email = sp.value;
        } else if (sp.kind == span_kind::phone && current_.phone.empty()) {
            current_.phone = sp.value;
        }
    }

    /// The entries, where an entry of details only ("...; email: x@y.z") is merged into the
    /// entry before it when that one lacks those details ("IOM Mexico; Tel: ...").
    std::vector<entry> finish() {
        hard_break();
        std::vector<entry> merged;
        for (auto& e : entries_) {
            if (!merged.empty() && e.texts.empty()) {
                entry& prev = merged.back();
                bool const fits = (e.email.empty() || prev.email.empty()) &&
                                  (e.phone.empty() || prev.phone.empty());
                if (fits) {
                    if (prev.email.empty()) {
                        prev.email = e.email;
                    }
                    if (prev.phone.empty()) {
                        prev.phone = e.phone;
                    }
                    prev.has_detail = prev.has_detail || e.has_detail;
                    continue;
                }
            }
            merged.push_back(std::move(e));
        }
        return merged;
    }

private:
    entry current_;
    std::vector<entry> entries_;
};

void feed_line(std::string_view line, entry_builder& builder) {
    auto const spans = find_details(line);
    std::size_t pos = 0;
    auto feed_text = [&](std::string_view text) {
        for (auto const piece : split_pieces(text)) {
            builder.text(piece);
        }
    };
    for (auto const& sp : spans) {
        if (sp.begin < pos) {
            continue;
        }
        feed_text(line.substr(pos, sp.begin - pos));
        builder.detail(sp);
        pos = sp.end;
    }
    feed_text(line.substr(pos));
}

// ------------------------------------------------------------------ reading an entry --

/// "Jane Doe and John Roe" -> both names; one name -> itself; else nothing.
std::vector<std::string> person_names(std::string_view s) {
    if (is_person_name(s)) {
        return {std::string(s)};
    }
    std::vector<std::string> names;
    std::size_t start = 0;
    std::string const lower = ascii_lower(s);
    while (start < s.size()) {
        std::size_t best = std::string::npos;
        std::size_t len = 0;
        for (std::string_view sep : {" and ", " or ", " & "}) {
            auto const p = lower.find(sep, start);
            if (p != std::string::npos && p < best) {
                best = p;
                len = sep.size();
            }
        }
        auto const part = trim(s.substr(start, best == std::string::npos ? s.npos : best - start));
        if (!is_person_name(part)) {
            return {};
        }
        names.emplace_back(part);
        if (best == std::string::npos) {
            break;
        }
        start = best + len;
    }
    return names.size() >= 2 ? names : std::vector<std::string>{};
}

bool has_acronym(std::string_view s) {
    for (auto const word : split_words(s)) {
        if (is_acronym(bare_word(word))) {
            return true;
        }
    }
    return false;
}

bool names_someone(std::string_view t) {
    if (is_job_title(t)) {
        return true;
    }
    entry probe;
    probe.texts.emplace_back(t);
    auto const read = read_entry(probe);
    return !read.empty() && (!read.front().name.empty() || !read.front().organization.empty());
}

std::vector<sdk::contact> read_entry(entry const& e) {
    std::vector<std::string> names;
    std::string org;
    // The first organization wins, unless a later one names an agency by its acronym
    // ("Oficial de Comunicación, OIM Colombia").
    auto take_org = [&](std::string_view o) {
        o = strip_article(o);
        if (o.empty() || !(is_organization(o) || is_department(o))) {
            return;
        }
        if (org.empty() || (!has_acronym(org) && has_acronym(o))) {
            org = std::string(o);
        }
    };
    for (auto const& text : e.texts) {
        std::string_view const t = text;
        if (auto const at = t.find(" at "); at != std::string_view::npos && at > 0) {
            auto const left = strip_article(t.substr(0, at));
            auto const right = t.substr(at + 4);
            if (names.empty()) {
                auto persons = person_names(left);
                if (!persons.empty()) {
                    names = std::move(persons);
                } else if (is_department(left) || (!is_job_title(left) && is_organization(left))) {
                    names = {std::string(left)};
                }
            }
            take_org(right);
            continue;
        }
        if (auto const of = t.find(" of ");
            of != std::string_view::npos && is_department(t.substr(0, of))) {
            if (names.empty()) {
                names = {std::string(strip_article(t.substr(0, of)))};
            }
            take_org(t.substr(of + 4));
            continue;
        }
        bool related = false;
        for (std::string_view rel : {" of ", " from ", " with ", " in "}) {
            auto const p = t.find(rel);
            if (p == std::string_view::npos || !is_person_name(t.substr(0, p))) {
                continue;
            }
            if (names.empty()) {
                names = {std::string(t.substr(0, p))};
            }
            if (rel != " in ") {
                take_org(t.substr(p + rel.size()));
            }
            related = true;
            break;
        }
        if (related) {
            continue;
        }
        if (names.empty()) {
            auto persons = person_names(t);
            if (!persons.empty()) {
                names = std::move(persons);
                continue;
            }
        }
        if (is_job_title(t)) {
            continue;
        }
        take_org(t);
    }
    if (names.empty() && org.empty() && !e.has_detail) {
        return {};
    }
    if (names.empty()) {
        names.emplace_back();
    }
    std::vector<sdk::contact> out;
    for (auto const& n : names) {
        out.push_back({n, org, e.email, e.phone});
    }
    return out;
}

}  // namespace

bool is_contact_lead(std::string_view first_line) {
    return lead_length(trim(first_line)) != 0;
}

bool has_contact_details(std::string_view line) {
    for (auto const& sp : find_details(line)) {
        if (sp.kind == span_kind::email || sp.kind == span_kind::phone) {
            return true;
        }
    }
    return false;
}

bool lead_expects_more(std::string_view first_line) {
    first_line = trim(first_line);
    return (!first_line.empty() && first_line.back() == ':') ||
           strip_glue(strip_lead(first_line)).empty();
}

std::vector<sdk::contact> parse_contacts(std::vector<std::vector<std::string>> const& block) {
    entry_builder builder;
    bool first = true;
    for (auto const& paragraph : block) {
        builder.hard_break();
        for (auto const& line : paragraph) {
            std::string_view text = line;
            if (first) {
                text = strip_lead(trim(text));
                first = false;
            }
            feed_line(text, builder);
        }
    }
    std::vector<sdk::contact> contacts;
    for (auto const& e : builder.finish()) {
        bool const bare = !e.has_detail;
        auto read = read_entry(e);
        if (read.empty()) {
            continue;
        }
        // An organization alone after a complete entry belongs to that entry.
        if (bare && read.size() == 1 && read.front().name.empty() && !contacts.empty()) {
            if (contacts.back().organization.empty()) {
                contacts.back().organization = read.front().organization;
            }
            continue;
        }
        contacts.insert(contacts.end(), read.begin(), read.end());
    }
    return contacts;
}

}  // namespace ingest::plugins::decoder_press_text::detail
