#include "model.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace ingest::plugins::decoder_feed::detail {

char* release_pages(char* begin, char* end) noexcept {
    long const page_size = sysconf(_SC_PAGESIZE);
    if (page_size <= 0 || end <= begin) {
        return begin;
    }
    auto const page = static_cast<std::uintptr_t>(page_size);
    auto const from = reinterpret_cast<std::uintptr_t>(begin);
    std::uintptr_t const first = (from + page - 1) / page * page;
    std::uintptr_t const last = reinterpret_cast<std::uintptr_t>(end) / page * page;
    if (last <= first) {
        return begin;
    }
    // Advice only: when refused, the pages are freed with the document a little later.
    madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
    return begin + (last - from);
}

void document_text::assign(std::string s) {
    if (borrowed() && s.size() <= size_) {
        std::memcpy(data_, s.data(), s.size());
        size_ = s.size();
        return;
    }
    owned_ = std::move(s);
    data_ = owned_.data();
    size_ = owned_.size();
}

void raw_feed::release_entries_before(std::size_t n) {
    n = std::min(n, entries.size());
    for (; released_entries_ < n; ++released_entries_) {
        entries[released_entries_] = raw_entry{};
    }
    if (!document || document->size() < release_pages_from_bytes || texts_needed_from.size() <= n) {
        return;
    }
    // In steps of release_pages_from_bytes: one system call per few dozen pages, not per
    // entry.
    std::size_t const needed = texts_needed_from[n];
    if (needed >= released_bytes_ + release_pages_from_bytes) {
        char* const data = document->data();
        released_bytes_ =
            static_cast<std::size_t>(release_pages(data + released_bytes_, data + needed) - data);
    }
}

}  // namespace ingest::plugins::decoder_feed::detail
