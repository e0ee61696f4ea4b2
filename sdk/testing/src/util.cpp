#include <ingest/sdk/testing/samples.hpp>
#include <ingest/sdk/testing/temp_dir.hpp>

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace ingest::sdk::testing {

temp_dir::temp_dir(std::string const& prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) == nullptr) {
        throw std::runtime_error("temp_dir: mkdtemp(" + pattern +
                                 ") failed: " + std::strerror(errno));
    }
    path_ = buf.data();
}

temp_dir::~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string read_file(std::filesystem::path const& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void write_file(std::filesystem::path const& file, std::string const& content) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) {
        throw std::runtime_error("write_file: cannot write " + file.string());
    }
}

release sample_release(std::string const& id) {
    release r;
    r.id = id;
    r.source = {"mx-press", "http", "https://example.org/press/rss.xml", "Comunicados — México"};
    r.native_id = "urn:uuid:6f1c2a4e-" + id;
    r.link = "https://example.org/press/" + id + "?a=1&b=\"2\"";
    r.title = "Gobierno de México anuncia «plan» — 東京 🚀";
    r.summary = "Line one\nline two\twith tab, a \"quote\", a back\\slash and \x01 control";
    r.body_text = "Ciudad de México, 26 de mayo de 2020.– El Gobierno… Ελληνικά\u2028next";
    r.body_html = "<p>Ciudad de M&eacute;xico &mdash; <b>texto</b></p>";
    r.language = "es";
    r.published = {1590480000123, "Tue, 26 May 2020 08:00:00.123 +0000"};
    r.updated = {std::nullopt, "martes pasado"};
    r.dateline = "Ciudad de México";
    r.authors = {"Secretaría de Comunicaciones", "María José Núñez"};
    r.contacts = {{"María Pérez", "Secretaría", "prensa@example.org", "+52 55 1234 5678"},
                  {"", "", "press@example.org", ""}};
    r.tags = {"gobierno", "México", "infraestructura"};
    r.attachments = {{"informe.pdf", "application/pdf", 123456,
                      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                      "https://example.org/informe.pdf"}};
    r.content_hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    r.revision = 3;
    r.fetched_at_ms = 1590480005000;
    r.extensions = {{"feed.category", "Prensa"}, {"x-empty", ""}, {"ñandú", "ü"}};
    return r;
}

release minimal_release(std::string const& id, std::string const& title) {
    release r;
    r.id = id;
    r.source.id = "test-source";
    r.source.plugin = "test";
    r.title = title;
    return r;
}

}  // namespace ingest::sdk::testing
