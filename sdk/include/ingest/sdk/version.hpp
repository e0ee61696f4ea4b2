// Version of the SDK headers (not of a plugin, not of the daemon).
#pragma once

#define INGEST_SDK_VERSION_MAJOR 1
#define INGEST_SDK_VERSION_MINOR 2
#define INGEST_SDK_VERSION_PATCH 0
#define INGEST_SDK_VERSION "1.2.0"
