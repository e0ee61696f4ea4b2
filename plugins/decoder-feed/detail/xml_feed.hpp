// RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 read with pugixml into a raw_feed.
#pragma once

#include "model.hpp"

#include <memory>

namespace ingest::plugins::decoder_feed::detail {

/// Reads an XML feed from UTF-8 text. Refuses (sdk::invalid_input): a DOCTYPE declaring
/// entities, a document that is not well-formed (pugixml's description and byte offset),
/// nesting deeper than max_depth, more than max_items entries, a root that is not a feed.
/// The text is taken over and parsed in place (no copy of the document is made, unless HTML
/// entity references must be rewritten and the rewrite does not fit); the entries' texts
/// are then moved to its front and the rest of its pages handed back to the kernel: the
/// feed keeps it as raw_feed::document.
raw_feed read_xml_feed(std::unique_ptr<document_text> utf8, read_options const& opts);

}  // namespace ingest::plugins::decoder_feed::detail
