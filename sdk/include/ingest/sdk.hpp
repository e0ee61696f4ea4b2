// The ingest C++ SDK: one include for plugin authors.
//
//   #include <ingest/sdk.hpp>
//
//   class acme_feed final : public ingest::sdk::source { ... };
//   INGEST_PLUGIN(acme_feed)
//
// Header-only, C++17. See docs/writing-a-plugin.md and sdk/template/.
#pragma once

#include <ingest/plugin_abi.h>
#include <ingest/sdk/context.hpp>
#include <ingest/sdk/json.hpp>
#include <ingest/sdk/plugin.hpp>
#include <ingest/sdk/release.hpp>
#include <ingest/sdk/settings.hpp>
#include <ingest/sdk/utf8.hpp>
#include <ingest/sdk/version.hpp>
