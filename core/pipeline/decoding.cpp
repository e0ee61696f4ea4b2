#include "pipeline/decoding.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <exception>

namespace ingest::core {

namespace {

std::string view(ingest_str s) {
    return s.data == nullptr ? std::string() : std::string(s.data, s.size);
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

decoder_claims decoder_claims::of(std::string id, ingest_plugin_descriptor const& d) {
    decoder_claims c;
    c.id = std::move(id);
    for (std::size_t i = 0; i < d.file_patterns_count; ++i) {
        c.patterns.push_back(view(d.file_patterns[i]));
    }
    for (std::size_t i = 0; i < d.media_types_count; ++i) {
        c.media_types.push_back(view(d.media_types[i]));
    }
    return c;
}

std::optional<std::size_t> choose_decoder(std::vector<decoder_claims> const& decoders,
                                          std::string_view file_name, std::string_view media_type,
                                          std::string& why) {
    std::string const name(file_name);
    if (!name.empty()) {
        for (std::size_t i = 0; i < decoders.size(); ++i) {
            for (auto const& p : decoders[i].patterns) {
                if (::fnmatch(p.c_str(), name.c_str(), 0) == 0) {
                    return i;
                }
            }
        }
    }
    std::string mt(media_type.substr(0, media_type.find(';')));
    while (!mt.empty() && mt.back() == ' ') {
        mt.pop_back();
    }
    if (!mt.empty()) {
        for (std::size_t i = 0; i < decoders.size(); ++i) {
            for (auto const& m : decoders[i].media_types) {
                if (iequals(m, mt)) {
                    return i;
                }
            }
        }
    }
    std::string known;
    for (auto const& d : decoders) {
        known += (known.empty() ? "" : ", ") + d.id;
        std::string pats;
        for (auto const& p : d.patterns) {
            pats += (pats.empty() ? "" : " ") + p;
        }
        if (!pats.empty()) {
            known += " (" + pats + ")";
        }
    }
    why = "no decoder accepts '" + name + "'" +
          (mt.empty() ? std::string() : " (media type " + mt + ")") +
          "; decoders available: " + (known.empty() ? "none" : known);
    return std::nullopt;
}

call_status decode_with(plugin_instance& decoder, decode_request const& request,
                        release_consumer const& each) {
    std::vector<ingest_kv> meta;
    if (request.metadata != nullptr) {
        for (auto const& [k, v] : *request.metadata) {
            meta.push_back({{k.data(), k.size()}, {v.data(), v.size()}});
        }
    }
    ingest_decode_input in{};
    in.struct_size = sizeof in;
    in.payload = {request.payload.data(), request.payload.size()};
    if (request.writable_payload == request.payload.data()) {
        in.payload_writable = request.writable_payload;
    }
    in.media_type = {request.media_type.data(), request.media_type.size()};
    in.origin_uri = {request.origin_uri.data(), request.origin_uri.size()};
    in.file_name = {request.file_name.data(), request.file_name.size()};
    in.metadata = meta.data();
    in.metadata_count = meta.size();
    std::exception_ptr failed;  // the consumer's: it must not cross the plugin
    auto status = decoder.decode(in, [&](ingest_release const& r) {
        try {
            each(sdk::release(r));
            return INGEST_OK;
        } catch (...) {
            failed = std::current_exception();
            return INGEST_ERROR;
        }
    });
    if (failed) {
        std::rethrow_exception(failed);
    }
    return status;
}

call_status decode_with(plugin_instance& decoder, decode_request const& request,
                        std::vector<sdk::release>& out) {
    std::vector<sdk::release> got;
    auto status =
        decode_with(decoder, request, [&](sdk::release&& r) { got.push_back(std::move(r)); });
    if (status.ok()) {
        out = std::move(got);
    }
    return status;
}

call_status transform_with(plugin_instance& transform, std::vector<sdk::release>& releases) {
    std::vector<sdk::release> next;
    for (auto const& r : releases) {
        auto status = transform.transform(r.view(), [&](ingest_release const& o) {
            next.emplace_back(o);
            return INGEST_OK;
        });
        if (!status.ok()) {
            return status;
        }
    }
    releases = std::move(next);
    return {};
}

}  // namespace ingest::core
