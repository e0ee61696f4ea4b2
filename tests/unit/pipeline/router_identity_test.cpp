// Routing conditions, and the identity (id, content hash) the core gives releases.
#include "pipeline/identity.hpp"
#include "pipeline/router.hpp"

#include <gtest/gtest.h>

using namespace ingest::core;

namespace {

config::route_config route(std::vector<std::string> from, std::vector<std::string> to) {
    config::route_config r;
    r.from_all = from.size() == 1 && from[0] == "*";
    if (!r.from_all) {
        r.from = std::move(from);
    }
    r.to = std::move(to);
    return r;
}

ingest::sdk::release sample() {
    ingest::sdk::release r;
    r.title = "IOM and Mexico City sign an agreement";
    r.body_text = "Mexico City - On December 18 ...";
    r.tags = {"Mexico", "migrants"};
    r.language = "en";
    return r;
}

}  // namespace

TEST(router, from_and_when_conditions) {
    auto all = route({"*"}, {"archive"});
    auto mexico = route({"iom"}, {"newsroom"});
    mexico.when.tags_any = {"mexico", "guatemala"};
    mexico.when.title_matches = "Mexico";
    auto french = route({"*"}, {"fr"});
    french.when.language = {"fr"};
    auto both = route({"*"}, {"both"});
    both.when.tags_all = {"mexico", "MIGRANTS"};
    both.when.source_plugin = {"dir"};
    router r({all, mexico, french, both, route({"*"}, {"archive"})});

    auto got = r.route(sample(), "iom", "dir");
    EXPECT_EQ(got, (std::vector<std::string>{"archive", "newsroom", "both"}));
    EXPECT_EQ(r.route(sample(), "other", "http"), (std::vector<std::string>{"archive"}));
    auto untagged = sample();
    untagged.tags.clear();
    EXPECT_EQ(r.route(untagged, "iom", "dir"), (std::vector<std::string>{"archive"}));
}

TEST(router, body_regex_and_no_match) {
    auto covid = route({"*"}, {"health"});
    covid.when.body_matches = "COVID-1[0-9]";
    router r({covid});
    auto rel = sample();
    EXPECT_TRUE(r.route(rel, "s", "dir").empty());
    rel.body_text += " COVID-19 response";
    EXPECT_EQ(r.route(rel, "s", "dir"), (std::vector<std::string>{"health"}));
}

TEST(identity, ids_are_stable_and_hashes_follow_content) {
    auto a = sample();
    complete_identity(a, origin{"drops", "dir", "/srv/drops/a.txt", "a.txt", 2}, 1000);
    EXPECT_EQ(a.native_id, "a.txt#2");
    EXPECT_EQ(a.id.size(), 32u);
    EXPECT_EQ(a.source.id, "drops");
    EXPECT_EQ(a.source.uri, "/srv/drops/a.txt");
    EXPECT_EQ(a.fetched_at_ms, 1000);
    EXPECT_EQ(a.content_hash.size(), 64u);

    auto b = sample();
    complete_identity(b, origin{"drops", "dir", "/srv/drops/a.txt", "a.txt", 2}, 99999);
    EXPECT_EQ(a.id, b.id) << "same source and native id: same id";
    EXPECT_EQ(a.content_hash, b.content_hash) << "fetch time is not content";

    auto c = sample();
    c.title += " (updated)";
    complete_identity(c, origin{"drops", "dir", "/srv/drops/a.txt", "a.txt", 2}, 1000);
    EXPECT_EQ(a.id, c.id);
    EXPECT_NE(a.content_hash, c.content_hash);

    auto d = sample();
    complete_identity(d, origin{"other", "dir", "/srv/drops/a.txt", "a.txt", 2}, 1000);
    EXPECT_NE(a.id, d.id) << "another source: another id";

    auto kept = sample();
    kept.id = "wire-1";
    kept.native_id = "guid-9";
    complete_identity(kept, origin{"drops", "dir", "x", "x", 1}, 1000);
    EXPECT_EQ(kept.id, "wire-1");
    EXPECT_EQ(kept.native_id, "guid-9");
}

TEST(identity, feed_extensions_are_not_content) {
    auto a = sample();
    a.extensions["feed_updated"] = "2020-05-26T07:00:00Z";
    a.extensions["feed_title"] = "Press office";
    a.extensions["category_scheme"] = "x";
    complete_identity(a, origin{"feeds", "http", "https://a/feed", "", 1}, 1000);

    auto rebuilt = sample();
    rebuilt.extensions["feed_updated"] = "2020-05-27T09:30:00Z";  // lastBuildDate moved
    rebuilt.extensions["feed_title"] = "Press office (new name)";
    rebuilt.extensions["category_scheme"] = "x";
    complete_identity(rebuilt, origin{"feeds", "http", "https://a/feed", "", 1}, 1000);
    EXPECT_EQ(a.content_hash, rebuilt.content_hash);
    EXPECT_EQ(rebuilt.extensions.at("feed_updated"), "2020-05-27T09:30:00Z")
        << "the record keeps them; only the hash leaves them out";

    auto other = sample();
    other.extensions["feed_updated"] = "2020-05-26T07:00:00Z";
    other.extensions["feed_title"] = "Press office";
    other.extensions["category_scheme"] = "y";  // a release's own extension is content
    complete_identity(other, origin{"feeds", "http", "https://a/feed", "", 1}, 1000);
    EXPECT_NE(a.content_hash, other.content_hash);
}

TEST(identity, sha256_of_known_input) {
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
