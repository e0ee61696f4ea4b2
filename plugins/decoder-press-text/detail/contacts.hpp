// The contact block of a press release ("For more information, please contact ...") and the
// contacts read from it.
//
// Input is text that normalize_space() has already cleaned, one string per line.
#pragma once

#include <ingest/sdk/release.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ingest::plugins::decoder_press_text::detail {

/// True when a paragraph opens a contact block: it starts (case-insensitively) with
/// "For more information", "For further information", "For more details", "Media
/// contact(s)", "Press contact(s)", "Contact(s):", "Media/Press enquiries/inquiries" or
/// "For media enquiries/inquiries".
bool is_contact_lead(std::string_view first_line);

/// True when a line holds a contact detail: a valid email address or a phone number (after a
/// label such as "Tel:", or written with a leading "+").
bool has_contact_details(std::string_view line);

/// True when the lead line ends without naming anyone ("For more information, please
/// contact:"), so the contacts follow in the next paragraph.
bool lead_expects_more(std::string_view first_line);

/// Reads the contacts of a contact block (paragraphs of lines; the first line starts with
/// the lead). Entries are separated by paragraphs, lines, ";" and, once an entry has an
/// email or phone, by any further name ("Jane Doe, jd@x.org or John Roe, jr@x.org").
/// Each entry gives {name, organization, email, phone}:
///  - email: the first valid address (x@y.z); an "Email:" label without one is no email;
///  - phone: the first number after Tel/Tel./Tel:/Phone:/Mobile:/Mob:/Cell:/WhatsApp:, or
///    written with a leading "+", kept as written (digits, "+", spaces, brackets, dashes,
///    "Ext. 119"); fax numbers are skipped;
///  - name and organization from the remaining text: "Liz Lizama at IOM Washington",
///    "Jane Doe of UNHCR", "the Media department of IOM Mexico" (name "Media department"),
///    "Jane Doe, Communications Officer, IOM Kenya" (job titles skipped), a lone name or a
///    lone organization.
/// Entries without anything usable are dropped.
std::vector<sdk::contact> parse_contacts(std::vector<std::vector<std::string>> const& block);

}  // namespace ingest::plugins::decoder_press_text::detail
