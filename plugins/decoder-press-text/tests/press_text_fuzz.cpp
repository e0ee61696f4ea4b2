// libFuzzer target of the press-text decoder: any bytes must give releases or invalid_input,
// never a crash, a hang or another exception. Built with -DINGEST_FUZZ=ON (clang):
//
//   ./press_text_fuzz plugins/decoder-press-text/tests/press_text_corpus -max_len=65536
#include "../detail/dates.hpp"
#include "../press_text.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    namespace pt = ingest::plugins::decoder_press_text;
    // The date parser on its own first: most inputs never reach it through a header.
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    (void)pt::detail::parse_release_date(text.substr(0, 64));
    (void)pt::detail::parse_release_date(text.substr(0, 64), pt::detail::date_order::month_first);

    pt::press_text_decoder const decoder{pt::options{}};
    try {
        auto const releases = decoder.parse(text);
        for (auto const& r : releases) {
            if (r.title.empty() || r.summary.size() > r.body_text.size() + 3) {
                __builtin_trap();  // a release always has a title; the summary is body text
            }
        }
    } catch (ingest::sdk::invalid_input const&) {
        // Refusing bad input is a correct answer.
    }
    return 0;
}
