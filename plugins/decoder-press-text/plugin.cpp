// Registration of the press-text decoder: its settings table, the media types and file names
// it claims, and the exported entry point.
#include "press_text.hpp"

#include <string>
#include <vector>

namespace ingest::plugins::decoder_press_text {

sdk::settings_spec press_text_decoder::settings() {
    using sdk::setting_type;
    return sdk::settings_spec{}
        .optional("max_bytes", setting_type::size,
                  "Inputs larger than this are refused as invalid input", "16MiB")
        .optional("max_releases", setting_type::integer,
                  "Inputs holding more releases than this are refused as invalid input", "1000")
        .optional("language", setting_type::string,
                  "Language tag (BCP 47, e.g. \"en\") set on every release; unset: none")
        .optional("numeric_dates", setting_type::string,
                  "How all-numeric dates such as 05/06/2020 are read", "day-first",
                  {"day-first", "month-first"});
}

std::vector<std::string> press_text_decoder::media_types() {
    return {"text/x-press-release", "text/plain"};
}

std::vector<std::string> press_text_decoder::file_patterns() {
    return {"*.txt", "*.press"};
}

namespace {

options options_from(sdk::settings const& s) {
    options o;
    if (s.has("max_bytes")) {
        o.max_bytes = s.get_size("max_bytes");
    }
    if (s.has("max_releases")) {
        std::int64_t const n = s.get_int("max_releases");
        if (n < 1) {
            throw sdk::invalid_input("max_releases must be at least 1, not " + std::to_string(n));
        }
        o.max_releases = static_cast<std::size_t>(n);
    }
    if (s.has("language")) {
        o.language = s.get_string("language");
    }
    if (s.has("numeric_dates") && s.get_string("numeric_dates") == "month-first") {
        o.numeric_dates = detail::date_order::month_first;
    }
    return o;
}

}  // namespace

press_text_decoder::press_text_decoder(sdk::context& ctx)
    : press_text_decoder(options_from(ctx.settings())) {}

}  // namespace ingest::plugins::decoder_press_text

INGEST_PLUGIN(ingest::plugins::decoder_press_text::press_text_decoder)
