// press_text_dump FILE... : prints the releases of each file in the expected-records format
// (one JSON object per line), or the error. A maintainer's tool for writing
// NAME.expected.jsonl: run it, then read every field against the input before committing.
#include "../press_text.hpp"
#include "expected_records.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

int main(int argc, char** argv) {
    namespace pt = ingest::plugins::decoder_press_text;
    pt::press_text_decoder const decoder{pt::options{}};
    int rc = 0;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        if (!in) {
            std::cerr << argv[i] << ": cannot open\n";
            rc = 1;
            continue;
        }
        std::string const payload((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
        try {
            for (auto const& r : decoder.parse(payload)) {
                std::cout << boost::json::serialize(pt::testing::to_expected(r)) << '\n';
            }
        } catch (std::exception const& e) {
            std::cerr << argv[i] << ": " << e.what() << '\n';
            rc = 1;
        }
    }
    return rc;
}
