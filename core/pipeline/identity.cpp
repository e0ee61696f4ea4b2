#include "pipeline/identity.hpp"

#include <openssl/evp.h>
#include <ingest/sdk/json.hpp>

#include <array>
#include <memory>
#include <stdexcept>

namespace ingest::core {

std::string sha256_hex(std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed (OpenSSL EVP_Digest)");
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (unsigned int i = 0; i < len; ++i) {
        out.push_back(hex[md[i] >> 4]);
        out.push_back(hex[md[i] & 0xf]);
    }
    return out;
}

std::string content_hash_of(sdk::release const& r) {
    sdk::release c = r;
    c.id = "-";
    c.source = {"-", "-", {}, {}};
    c.native_id.clear();
    c.revision = 1;
    c.fetched_at_ms.reset();
    c.content_hash.clear();
    // Extensions named feed_* describe the feed a release came in (its title, its
    // lastBuildDate, ...), not the release: a feed rebuilt around unchanged items must not
    // make every item "changed".
    for (auto it = c.extensions.begin(); it != c.extensions.end();) {
        it =
            it->first.rfind(feed_extension_prefix, 0) == 0 ? c.extensions.erase(it) : std::next(it);
    }
    return sha256_hex(sdk::to_json(c));
}

void complete_identity(sdk::release& r, origin const& from, std::int64_t now_ms) {
    r.source.id = std::string(from.source_id);
    r.source.plugin = std::string(from.source_plugin);
    if (r.source.uri.empty()) {
        r.source.uri = std::string(from.uri);
    }
    if (!r.fetched_at_ms) {
        r.fetched_at_ms = now_ms;
    }
    if (r.native_id.empty()) {
        std::string base(from.file_name.empty() ? from.uri : from.file_name);
        r.native_id = base + "#" + std::to_string(from.ordinal);
    }
    if (r.id.empty()) {
        std::string key(from.source_id);
        key.push_back('\x1f');
        key += r.native_id;
        r.id = sha256_hex(key).substr(0, 32);
    }
    r.content_hash = content_hash_of(r);
}

}  // namespace ingest::core
