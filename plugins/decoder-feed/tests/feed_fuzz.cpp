// libFuzzer target of the feed decoder: any bytes, read as XML or as JSON, must give releases
// or invalid_input, never a crash, a hang or another exception; an HTML fragment the fast
// path takes must render exactly as gumbo renders it. Built with -DINGEST_FUZZ=ON
// (clang):
//
//   ./feed_fuzz plugins/decoder-feed/tests/feed_corpus -max_len=65536
#include "../detail/dates.hpp"
#include "../detail/html.hpp"
#include "../feed.hpp"

#include <ingest/sdk/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    namespace fd = ingest::plugins::decoder_feed;
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    // The building blocks on their own: most inputs never reach them through a feed.
    (void)fd::detail::parse_feed_date(text.substr(0, 80));
    std::string_view const fragment = text.substr(0, 4096);
    auto const rendered = fd::detail::render_html(fragment, "https://fuzz.example/a/");
    if (fd::detail::render_html_text(fragment) != rendered.text) {
        __builtin_trap();  // the text-only rendering (summaries, titles) is the same text
    }
    // The fast path, whenever it takes a fragment, gives exactly what gumbo gives.
    for (bool const build_html : {true, false}) {
        auto const fast =
            fd::detail::render_html_fast_for_test(fragment, "https://fuzz.example/a/", build_html);
        if (fast) {
            auto const slow = fd::detail::render_html_gumbo_for_test(
                fragment, "https://fuzz.example/a/", build_html);
            if (fast->html != slow.html || fast->text != slow.text ||
                fast->warnings != slow.warnings) {
                __builtin_trap();
            }
        }
    }

    fd::options opts;
    opts.max_items = 200;
    fd::feed_decoder const decoder{opts};
    // The first byte picks the media type, so both readers and the charset paths are reached.
    static constexpr std::string_view media_types[] = {
        "", "application/feed+json", "text/xml; charset=windows-1252", "application/rss+xml"};
    ingest::sdk::decode_input in;
    in.payload = text;
    in.media_type = size > 0 ? media_types[data[0] % 4] : "";
    in.origin_uri = "https://fuzz.example/feed.xml";
    // Read-only, then writable as ingestd hands it (parsed in place): the same answer.
    std::string read_only_answer;
    std::string in_place_answer;
    std::string writable(text);
    for (bool const in_place : {false, true}) {
        if (in_place) {
            in.payload = writable;
            in.writable_payload = writable.data();
        }
        std::string& answer = in_place ? in_place_answer : read_only_answer;
        try {
            auto const feed = decoder.parse(in);
            for (auto const& r : feed.releases) {
                if (r.native_id.empty()) {
                    __builtin_trap();  // every release has an id
                }
                if (r.link.rfind("javascript:", 0) == 0 || r.link.rfind("data:", 0) == 0) {
                    __builtin_trap();  // dangerous links never get through
                }
                answer += ingest::sdk::to_json(r);
            }
        } catch (ingest::sdk::invalid_input const& e) {
            answer = std::string("refused: ") + e.what();  // a correct answer to bad input
        }
    }
    if (read_only_answer != in_place_answer) {
        __builtin_trap();
    }
    return 0;
}
