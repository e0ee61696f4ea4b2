// Ready-made releases for plugin tests.
#pragma once

#include <ingest/sdk/release.hpp>

#include <string>

namespace ingest::sdk::testing {

/// A release with every field set: non-ASCII text (Spanish, Greek, CJK, an emoji), quotes,
/// backslashes and control characters, two contacts, an attachment, tags, extensions, a
/// published time with milliseconds, an unknown updated time with its raw text.
release sample_release(std::string const& id = "sample-1");

/// A release with only the required fields: id, source.id, source.plugin, title.
release minimal_release(std::string const& id = "minimal-1", std::string const& title = "Title");

}  // namespace ingest::sdk::testing
