// Registration of the http source: its settings table and the plugin entry point. The
// behaviour is in http_source.hpp / http_source.cpp.
#include "http_source.hpp"

#include <ingest/sdk.hpp>

namespace ingest::plugins::http {

sdk::settings_spec http_source::settings() {
    using sdk::setting_type;
    return sdk::settings_spec{}
        .optional("urls", setting_type::list,
                  "The URLs to poll (http:// or https://). With urls_file, both are polled")
        .optional("urls_file", setting_type::path,
                  "A file with one URL per line; blank lines and # comments are ignored. Read "
                  "when the instance is created")
        .optional("min_interval", setting_type::duration,
                  "Least time between two successful polls of one URL", "15m")
        .optional("url_jitter", setting_type::duration,
                  "Random delay added to each URL's schedule (and spreading the first polls), "
                  "so that thousands of URLs are not fetched at once",
                  "1m")
        .optional("backoff_initial", setting_type::duration,
                  "First delay after a failure; doubled per further failure (with jitter)", "1m")
        .optional("backoff_max", setting_type::duration,
                  "Longest delay between two attempts at a failing URL. The source never gives "
                  "up on a URL (except after 410 Gone)",
                  "6h")
        .optional("sick_after", setting_type::duration,
                  "A URL failing for longer than this is reported sick (warning and the "
                  "ingest_http_source_sick_urls gauge) until it succeeds again",
                  "1d")
        .optional("max_body_size", setting_type::size,
                  "Largest document, counted after decompression (the core's cap is 16MiB)",
                  "16MiB")
        .optional("timeout", setting_type::duration,
                  "Longest time for one request, redirects included", "120s")
        .optional("max_in_flight", setting_type::integer,
                  "Most requests of this source at once (the core also caps each host at 4)", "16")
        .optional("per_host_delay", setting_type::duration,
                  "Least time between the starts of two requests of this source to one host "
                  "(host:port). 0s: only the core's cap of 4 concurrent requests per host",
                  "0s")
        .optional("allow_private_addresses", setting_type::boolean,
                  "Allow loopback, private, link-local, CGNAT and unique-local destinations "
                  "(also after redirects). Off by default: such a URL fails with 'blocked "
                  "destination ADDRESS (CLASS)'",
                  "false")
        .optional("media_type", setting_type::string,
                  "Media type given to every item instead of the response's Content-Type")
        .optional("feed_hints", setting_type::boolean,
                  "Let a document raise its URL's interval: RSS <ttl>, sy:updatePeriod / "
                  "sy:updateFrequency and Cache-Control max-age (never below min_interval, "
                  "never above max_interval)",
                  "true")
        .optional("max_interval", setting_type::duration, "Longest interval feed hints may ask for",
                  "1d")
        .optional("headers", setting_type::list,
                  "Extra request headers, each \"Name: value\" (not Authorization, Host, the "
                  "conditional-GET headers or X-Ingest-*)")
        .optional("auth_basic_user", setting_type::string,
                  "User name for HTTP basic authentication (with auth_basic_password)")
        .optional("auth_basic_password", setting_type::secret,
                  "Password for HTTP basic authentication (use ${file:...} or ${ENV})")
        .optional("auth_bearer_token", setting_type::secret,
                  "Token sent as \"Authorization: Bearer TOKEN\" (use ${file:...} or ${ENV}). "
                  "Authorization is never sent to another host after a redirect")
        .optional("proxy", setting_type::secret,
                  "Proxy for every request: http://, https://, socks5:// or socks5h:// URL, "
                  "credentials allowed. The proxy's own address is not checked against "
                  "allow_private_addresses; the destination is then the proxy's to police");
}

}  // namespace ingest::plugins::http

INGEST_PLUGIN(ingest::plugins::http::http_source)
