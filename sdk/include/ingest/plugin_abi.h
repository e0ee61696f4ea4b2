/*
 * ingest plugin ABI, version 1.2.
 *
 * The only contract between the ingestd core and a plugin shared library. It is plain C so
 * that a plugin built with another compiler, standard library or Boost still loads.
 *
 * Rules that hold for every declaration below:
 *  - A plugin exports exactly one symbol, ingest_plugin_entry(). Everything else is hidden.
 *  - Strings are (pointer, length) pairs, UTF-8, not necessarily NUL-terminated.
 *  - Data passed into a call is borrowed for the duration of that call only. Whoever
 *    allocates, frees. Copy what you keep.
 *  - No C++ exception crosses this boundary in either direction. Errors are an ingest_rc
 *    plus a message written into a caller-owned ingest_error buffer.
 *  - Structs that may grow start with struct_size. Minor versions only append fields and
 *    optional function pointers; readers check struct_size before touching a newer field.
 *  - A plugin loads when its major equals the host's and its minor is <= the host's.
 *
 * See sdk/ABI_CHANGELOG.md for the history of this file.
 */
#ifndef INGEST_PLUGIN_ABI_H
#define INGEST_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define INGEST_ABI_VERSION_MAJOR 1
#define INGEST_ABI_VERSION_MINOR 2

/** Name of the single exported entry symbol. */
#define INGEST_PLUGIN_ENTRY_SYMBOL "ingest_plugin_entry"

/* ------------------------------------------------------------------------------------------ */
/* Basic types                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/** A borrowed UTF-8 string. data may be NULL when size is 0. */
typedef struct ingest_str {
    const char* data;
    size_t size;
} ingest_str;

/** A borrowed key/value pair of strings. */
typedef struct ingest_kv {
    ingest_str key;
    ingest_str value;
} ingest_kv;

/** Result of every fallible call. New values may be added in minor versions: treat an
 *  unknown non-zero value as INGEST_ERROR. */
typedef enum ingest_rc {
    INGEST_OK = 0,
    INGEST_ERROR = 1,         /**< failure of this call; the message says why */
    INGEST_INVALID_INPUT = 2, /**< the input is bad and retrying will not help */
    INGEST_RETRY = 3,         /**< a passing failure; the same call may succeed later */
    INGEST_UNSUPPORTED = 4,   /**< the callee does not offer this operation */
    INGEST_STOPPED = 5        /**< the call was abandoned because a stop was requested */
} ingest_rc;

/**
 * A caller-owned buffer for an error message. The callee writes at most capacity - 1 bytes
 * and a terminating NUL, and sets size to the number of bytes written (without the NUL).
 * Use ingest_error_set() from a C plugin; the C++ SDK does it for you.
 */
typedef struct ingest_error {
    char* buffer;
    size_t capacity;
    size_t size;
} ingest_error;

/** Plugin kinds. */
typedef enum ingest_kind {
    INGEST_KIND_SOURCE = 1,
    INGEST_KIND_DECODER = 2,
    INGEST_KIND_TRANSFORM = 3,
    INGEST_KIND_SINK = 4
} ingest_kind;

/* ------------------------------------------------------------------------------------------ */
/* The release record                                                                           */
/* ------------------------------------------------------------------------------------------ */

/** A point in time. When known is 0 the time could not be determined; raw keeps the text it
 *  was read from (may be empty). */
typedef struct ingest_time {
    int64_t unix_ms;
    int32_t known;
    ingest_str raw;
} ingest_time;

typedef struct ingest_source_ref {
    ingest_str id;     /**< the source id from the configuration */
    ingest_str plugin; /**< the source plugin's name */
    ingest_str uri;    /**< where the item came from (URL, file path, mailbox) */
    ingest_str title;  /**< human title of the origin, e.g. the feed title */
} ingest_source_ref;

typedef struct ingest_contact {
    ingest_str name;
    ingest_str organization;
    ingest_str email;
    ingest_str phone;
} ingest_contact;

typedef struct ingest_attachment {
    ingest_str name;
    ingest_str media_type;
    uint64_t size;
    ingest_str sha256; /**< lower-case hex, may be empty */
    ingest_str uri;
} ingest_attachment;

/**
 * One press release (or item like it), field by field as in the Release record. Empty
 * strings mean "absent". Arrays are pointer + count; the pointer may be NULL when the count
 * is 0. All of it is borrowed for the duration of the call that receives it.
 */
typedef struct ingest_release {
    uint32_t struct_size; /**< sizeof(ingest_release) as the producer knew it */
    ingest_str id;
    ingest_source_ref source;
    ingest_str native_id;
    ingest_str link;
    ingest_str title;
    ingest_str summary;
    ingest_str body_text;
    ingest_str body_html;
    ingest_str language;
    ingest_time published; /**< published.raw is the record's published_raw */
    ingest_time updated;
    ingest_str dateline;
    const ingest_str* authors;
    size_t authors_count;
    const ingest_contact* contacts;
    size_t contacts_count;
    const ingest_str* tags;
    size_t tags_count;
    const ingest_attachment* attachments;
    size_t attachments_count;
    ingest_str content_hash;
    uint32_t revision;
    int64_t fetched_at_ms; /**< 0 when unknown */
    const ingest_kv* extensions;
    size_t extensions_count;
} ingest_release;

/* ------------------------------------------------------------------------------------------ */
/* Settings                                                                                     */
/* ------------------------------------------------------------------------------------------ */

typedef enum ingest_setting_type {
    INGEST_SETTING_STRING = 1,
    INGEST_SETTING_INT = 2,
    INGEST_SETTING_BOOL = 3,
    INGEST_SETTING_DURATION = 4, /**< "90s", "10m", "1h"; delivered as milliseconds */
    INGEST_SETTING_SIZE = 5,     /**< "16MiB", "512KiB", "100"; delivered as bytes */
    INGEST_SETTING_LIST = 6,     /**< list of strings */
    INGEST_SETTING_SECRET = 7,   /**< string that is never logged or shown */
    INGEST_SETTING_URL = 8,      /**< absolute URL */
    INGEST_SETTING_PATH = 9      /**< file system path */
} ingest_setting_type;

/**
 * One declared setting. The core validates the configuration against this table before it
 * creates any instance. default_value is the textual default in configuration syntax
 * ("30s", "true", "42", "a,b" for lists); an empty default with has_default 0 means none.
 * allowed, when non-empty, lists the only accepted values (string-like types only).
 */
typedef struct ingest_setting_spec {
    ingest_str name;
    ingest_setting_type type;
    int32_t required;
    int32_t has_default;
    ingest_str default_value;
    ingest_str description;
    const ingest_str* allowed;
    size_t allowed_count;
} ingest_setting_spec;

/**
 * One validated setting value handed to create(). Every declared setting is present, with
 * its default filled in when the configuration did not give it (present = 0 then only for
 * optional settings without default). Secrets are already resolved.
 *   STRING, SECRET, URL, PATH -> text
 *   INT -> integer; DURATION -> integer (milliseconds); SIZE -> integer (bytes)
 *   BOOL -> integer (0 or 1)
 *   LIST -> list / list_count
 */
typedef struct ingest_setting_value {
    ingest_str name;
    ingest_setting_type type;
    int32_t present;
    ingest_str text;
    int64_t integer;
    const ingest_str* list;
    size_t list_count;
} ingest_setting_value;

/* ------------------------------------------------------------------------------------------ */
/* Host services                                                                                */
/* ------------------------------------------------------------------------------------------ */

typedef enum ingest_log_level {
    INGEST_LOG_TRACE = 0,
    INGEST_LOG_DEBUG = 1,
    INGEST_LOG_INFO = 2,
    INGEST_LOG_WARN = 3,
    INGEST_LOG_ERROR = 4
} ingest_log_level;

typedef enum ingest_metric_kind {
    INGEST_METRIC_COUNTER = 1,  /**< value is added */
    INGEST_METRIC_GAUGE = 2,    /**< value is set */
    INGEST_METRIC_HISTOGRAM = 3 /**< value is observed */
} ingest_metric_kind;

/** An outgoing HTTP request. Borrowed for the duration of http_request(). */
typedef struct ingest_http_request {
    uint32_t struct_size;
    ingest_str method; /**< "GET" when empty */
    ingest_str url;
    const ingest_kv* headers;
    size_t headers_count;
    ingest_str body;
    uint64_t max_body_bytes; /**< 0: the host's default cap */
    uint64_t timeout_ms;     /**< 0: the host's default */
} ingest_http_request;

/** A completed HTTP exchange. Borrowed for the duration of the completion callback. */
typedef struct ingest_http_response {
    uint32_t struct_size;
    ingest_rc rc;     /**< INGEST_OK when a response was received (any status) */
    ingest_str error; /**< transport error text when rc != INGEST_OK */
    int32_t status;   /**< HTTP status code */
    ingest_str url;   /**< effective URL after redirects */
    const ingest_kv* headers;
    size_t headers_count;
    ingest_str body;
} ingest_http_response;

/** Completion of an HTTP request. Called exactly once, on the core's event loop thread. */
typedef void (*ingest_http_callback)(void* user, const ingest_http_response* response);

/** An item emitted by a source: bytes to decode, or an already structured release. */
typedef struct ingest_item {
    uint32_t struct_size;
    uint64_t token;        /**< the source's acknowledgement token for this item */
    ingest_str payload;    /**< raw bytes; empty when release is set */
    ingest_str media_type; /**< e.g. "application/rss+xml", may be empty */
    ingest_str origin_uri; /**< URL or path the bytes came from */
    ingest_str file_name;  /**< name used to pick a decoder by pattern, may be empty */
    const ingest_kv* metadata;
    size_t metadata_count;
    const ingest_release* release; /**< NULL unless the source produced the record itself */
} ingest_item;

/**
 * Services the core offers to one plugin instance. Passed to create(); valid until destroy()
 * returns. host_ctx identifies the instance: pass it back as the first argument of every
 * function. Unless said otherwise a function may be called from any thread the core calls
 * the plugin on. Functions added in later minor versions go at the end: check struct_size.
 */
/** How the core runs an instance (ingest_host.run_flags, ABI 1.1). */
typedef enum ingest_run_flag {
    /** The core polls every source once and then stops (`ingestd --once`, `ingestctl run
     *  --once`). A source should offer each of its inputs once, at once: no spreading over
     *  time, no retry after a failure, no further requests once every input was tried. */
    INGEST_RUN_ONCE = 1
} ingest_run_flag;

typedef struct ingest_host {
    uint32_t struct_size;
    void* host_ctx;
    uint16_t abi_major; /**< the host's ABI version */
    uint16_t abi_minor;
    ingest_str instance_id; /**< the id from the configuration ("" for ad-hoc instances) */

    /** Writes one log line attributed to this instance. Required: yes. */
    void (*log)(void* host_ctx, ingest_log_level level, ingest_str message);

    /** Adds to (counter), sets (gauge) or observes (histogram) the metric name{labels}. The
     *  core adds the labels plugin and instance. help is used on first sight. Required: yes. */
    void (*metric)(void* host_ctx, ingest_metric_kind kind, ingest_str name, ingest_str help,
                   const ingest_kv* labels, size_t labels_count, double value);

    /** Reads a durable key of this instance's state store. Calls found(user, value) once when
     *  the key exists. Returns INGEST_OK whether found or not. Required: yes. */
    ingest_rc (*state_get)(void* host_ctx, ingest_str key,
                           void (*found)(void* user, ingest_str value), void* user);

    /** Writes a durable key. Visible to state_get at once; survives a crash of the process
     *  once committed: before it returns, except inside ack(), where the core commits the
     *  checkpoint writes of a whole burst of acks together right after the burst (a crash in
     *  between loses the write, never an item: the item comes back and is recognized as
     *  delivered). Required: yes. */
    ingest_rc (*state_put)(void* host_ctx, ingest_str key, ingest_str value);

    /** Removes a key; removing a missing key is not an error. Required: yes. */
    ingest_rc (*state_erase)(void* host_ctx, ingest_str key);

    /** Starts an asynchronous HTTP request on the core's loop. Returns at once; done() is
     *  called exactly once later, also on failure. A host without the service returns
     *  INGEST_UNSUPPORTED and never calls done(). Required: yes. */
    ingest_rc (*http_request)(void* host_ctx, const ingest_http_request* request,
                              ingest_http_callback done, void* user);

    /** Hands an item to the core. Only valid inside a source's poll(); the core copies the
     *  item. INGEST_RETRY means the core is full: stop emitting and return from poll(); the
     *  item was not taken and should be emitted again on a later poll. Required: yes. */
    ingest_rc (*emit)(void* host_ctx, const ingest_item* item);

    /** Asks the core to poll this source again after delay_ms (earlier than its interval).
     *  Thread-safe: may be called from a thread of the plugin's own (e.g. a watcher).
     *  Required: yes. */
    void (*schedule_poll)(void* host_ctx, uint64_t delay_ms);

    /** Non-zero once the core asked the plugin to stop: long loops should check it.
     *  Required: yes. */
    int32_t (*stop_requested)(void* host_ctx);

    /** Current wall-clock time in Unix milliseconds (tests inject a clock). Required: yes. */
    int64_t (*now_ms)(void* host_ctx);

    /* ABI 1.1 */

    /** A combination of ingest_run_flag. A plugin reads it only when struct_size covers it
     *  (a 1.0 host has no such field: treat it as 0). */
    uint32_t run_flags;
} ingest_host;

/* ------------------------------------------------------------------------------------------ */
/* Kind-specific call data                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** What the core did with an item a source emitted. */
typedef enum ingest_ack_outcome {
    INGEST_ACK_DONE = 1,       /**< all its releases are durably in every chosen outbox */
    INGEST_ACK_FAILED = 2,     /**< it could not be decoded/processed; detail says why */
    INGEST_ACK_RETRY_LATER = 3 /**< not taken now; keep it and emit it again later */
} ingest_ack_outcome;

/** Input of a decoder. Borrowed for the duration of decode(). */
typedef struct ingest_decode_input {
    uint32_t struct_size;
    ingest_str payload;
    ingest_str media_type;
    ingest_str origin_uri;
    ingest_str file_name;
    const ingest_kv* metadata;
    size_t metadata_count;
    /** ABI 1.2: NULL, or payload.data itself, writable: the host does not read the payload
     *  after decode() returns, so the decoder may overwrite its bytes (e.g. parse it in place
     *  instead of copying it). Only payload.size bytes. A 1.1 host has no such field: check
     *  struct_size, and treat the payload as read-only when it is absent or NULL. */
    char* payload_writable;
} ingest_decode_input;

/** Receives releases from decode() and transform(). The release is copied by the callee.
 *  A non-OK return asks the plugin to stop producing and to return that code. */
typedef ingest_rc (*ingest_release_out)(void* user, const ingest_release* release);

/** Per-record outcome reported by a sink. */
typedef enum ingest_delivery_status {
    INGEST_DELIVERED = 1,
    INGEST_DELIVERY_RETRY = 2,   /**< passing failure; retry_after_ms may suggest a delay */
    INGEST_DELIVERY_REJECTED = 3 /**< permanent: goes to the dead-letter table with reason */
} ingest_delivery_status;

typedef struct ingest_delivery_result {
    ingest_delivery_status status;
    uint64_t retry_after_ms;
    ingest_str reason;
} ingest_delivery_result;

/** Completion of write_batch(): results[i] belongs to records[i]. Must be called exactly
 *  once per write_batch() call that returned INGEST_OK, from any thread, possibly before
 *  write_batch() returns. results is borrowed for the duration of the call. */
typedef void (*ingest_batch_done)(void* user, const ingest_delivery_result* results, size_t count);

/* ------------------------------------------------------------------------------------------ */
/* The plugin descriptor                                                                        */
/* ------------------------------------------------------------------------------------------ */

/** Flags of a descriptor. */
#define INGEST_PLUGIN_UNLOAD_SAFE 0x1u /**< the library may be dlclose()d after use */

/**
 * What ingest_plugin_entry() returns: static data that lives as long as the library.
 * Every function gets the instance pointer that create() produced. The core never calls
 * two functions of one instance at the same time unless noted.
 */
typedef struct ingest_plugin_descriptor {
    uint32_t struct_size; /**< sizeof(ingest_plugin_descriptor) as the plugin was built */
    uint16_t abi_major;   /**< INGEST_ABI_VERSION_MAJOR the plugin was built against */
    uint16_t abi_minor;
    ingest_kind kind;
    uint32_t flags;
    ingest_str name;        /**< unique among loaded plugins, [a-z0-9._-]+ */
    ingest_str version;     /**< the plugin's own version, e.g. "1.2.0" */
    ingest_str description; /**< one line */
    const ingest_setting_spec* settings;
    size_t settings_count;

    /* ---- every kind ---- */

    /** Creates an instance from validated settings. On failure returns non-OK, writes err
     *  and leaves *instance untouched. host stays valid until destroy(). Required: yes. */
    ingest_rc (*create)(const ingest_host* host, const ingest_setting_value* settings,
                        size_t settings_count, void** instance, ingest_error* err);

    /** Frees an instance; never fails. Required: yes. */
    void (*destroy)(void* instance);

    /* ---- source, sink ---- */

    /** Begins work (open files, connect). Required: source, sink. */
    ingest_rc (*start)(void* instance, ingest_error* err);

    /** Ends work; after it returns no callback into the core happens. Required: source,
     *  sink. */
    ingest_rc (*stop)(void* instance, ingest_error* err);

    /* ---- source ---- */

    /** Emits the items that are ready through host->emit. Called on the source's schedule,
     *  on the core's loop thread; must not block for long. Required: source. */
    ingest_rc (*poll)(void* instance, ingest_error* err);

    /** Tells the source what became of an item. Called once per emitted token, on the
     *  core's loop thread. Only after INGEST_ACK_DONE may the source advance its checkpoint.
     *  Required: source. */
    void (*ack)(void* instance, uint64_t token, ingest_ack_outcome outcome, ingest_str detail);

    /* ---- decoder ---- */

    /** Media types this decoder claims, e.g. "application/rss+xml". Required: no. */
    const ingest_str* media_types;
    size_t media_types_count;
    /** File name patterns (shell globs) this decoder claims, e.g. "*.txt". Required: no. */
    const ingest_str* file_patterns;
    size_t file_patterns_count;

    /** Turns bytes into zero or more releases, each passed to out(user, release). Pure: no
     *  I/O, no state; may be called from worker threads concurrently on one instance.
     *  Required: decoder. */
    ingest_rc (*decode)(void* instance, const ingest_decode_input* input, ingest_release_out out,
                        void* user, ingest_error* err);

    /* ---- transform ---- */

    /** One release in, zero (filtered) or more out through out(user, release). Pure; may
     *  be called concurrently. Required: transform. */
    ingest_rc (*transform)(void* instance, const ingest_release* input, ingest_release_out out,
                           void* user, ingest_error* err);

    /* ---- sink ---- */

    /** Delivers a batch asynchronously. On INGEST_OK, done() is called exactly once. On any
     *  other return done() is never called and the whole batch is retried later.
     *  Required: sink. */
    ingest_rc (*write_batch)(void* instance, const ingest_release* const* records, size_t count,
                             ingest_batch_done done, void* user, ingest_error* err);
} ingest_plugin_descriptor;

/**
 * The one exported symbol. The host passes its ABI version; the plugin returns its static
 * descriptor, or NULL when it cannot run on that host.
 */
typedef const ingest_plugin_descriptor* (*ingest_plugin_entry_fn)(uint16_t host_abi_major,
                                                                  uint16_t host_abi_minor);

/** Writes a message into err (truncating, always NUL-terminated). Safe with err == NULL. */
static inline void ingest_error_set(ingest_error* err, const char* message, size_t size) {
    if (err == NULL || err->buffer == NULL || err->capacity == 0) {
        return;
    }
    size_t n = size < err->capacity - 1 ? size : err->capacity - 1;
    for (size_t i = 0; i < n; ++i) {
        err->buffer[i] = message[i];
    }
    err->buffer[n] = '\0';
    err->size = n;
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* INGEST_PLUGIN_ABI_H */
