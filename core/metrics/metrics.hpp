// The daemon's metrics: counters and gauges with labels, thread-safe, rendered in the
// Prometheus text exposition format. Plugins reach it through the host's metric() service
// (with plugin and instance labels added); the core counts its own events here too.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ingest::core {

using metric_labels = std::vector<std::pair<std::string, std::string>>;

class metrics_registry {
public:
    /// Adds value to the counter name{labels}.
    void add(std::string_view name, std::string_view help, metric_labels labels, double value = 1);
    /// Sets the gauge name{labels}.
    void set(std::string_view name, std::string_view help, metric_labels labels, double value);
    /// Histograms are recorded as _count and _sum (enough for rates and averages).
    void observe(std::string_view name, std::string_view help, metric_labels labels, double value);

    /// The current value of name{labels} (0 when never touched).
    double value(std::string_view name, metric_labels labels) const;
    /// Sum over every label set of name.
    double total(std::string_view name) const;

    /// Prometheus text format 0.0.4.
    std::string render() const;

private:
    enum class type { counter, gauge, summary };
    struct family {
        type kind = type::counter;
        std::string help;
        std::map<metric_labels, double> values;
    };
    family& family_of(std::string_view name, std::string_view help, type kind);

    mutable std::mutex mutex_;
    std::map<std::string, family, std::less<>> families_;
};

}  // namespace ingest::core
