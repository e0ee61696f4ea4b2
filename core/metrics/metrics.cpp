#include "metrics/metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace ingest::core {

namespace {

std::string escape_label(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') {
            out.push_back('\\');
            out.push_back(c);
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string format_number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string labels_text(metric_labels const& labels) {
    if (labels.empty()) {
        return {};
    }
    std::string out = "{";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        out +=
            (i == 0 ? "" : ",") + labels[i].first + "=\"" + escape_label(labels[i].second) + "\"";
    }
    return out + "}";
}

metric_labels sorted(metric_labels labels) {
    std::sort(labels.begin(), labels.end());
    return labels;
}

}  // namespace

metrics_registry::family& metrics_registry::family_of(std::string_view name, std::string_view help,
                                                      type kind) {
    auto it = families_.find(name);
    if (it == families_.end()) {
        it = families_.emplace(std::string(name), family{kind, std::string(help), {}}).first;
    }
    return it->second;
}

void metrics_registry::add(std::string_view name, std::string_view help, metric_labels labels,
                           double value) {
    std::lock_guard<std::mutex> lock(mutex_);
    family_of(name, help, type::counter).values[sorted(std::move(labels))] += value;
}

void metrics_registry::set(std::string_view name, std::string_view help, metric_labels labels,
                           double value) {
    std::lock_guard<std::mutex> lock(mutex_);
    family_of(name, help, type::gauge).values[sorted(std::move(labels))] = value;
}

void metrics_registry::observe(std::string_view name, std::string_view help, metric_labels labels,
                               double value) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& f = family_of(name, help, type::summary);
    auto key = sorted(std::move(labels));
    auto count_key = key;
    count_key.emplace_back("__part", "count");
    auto sum_key = key;
    sum_key.emplace_back("__part", "sum");
    f.values[count_key] += 1;
    f.values[sum_key] += value;
}

double metrics_registry::value(std::string_view name, metric_labels labels) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = families_.find(name);
    if (it == families_.end()) {
        return 0;
    }
    auto v = it->second.values.find(sorted(std::move(labels)));
    return v == it->second.values.end() ? 0 : v->second;
}

double metrics_registry::total(std::string_view name) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = families_.find(name);
    double sum = 0;
    if (it != families_.end()) {
        for (auto const& [labels, v] : it->second.values) {
            sum += v;
        }
    }
    return sum;
}

std::string metrics_registry::render() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string out;
    for (auto const& [name, f] : families_) {
        out += "# HELP " + name + " " + f.help + "\n";
        out += "# TYPE " + name + " " +
               (f.kind == type::counter ? "counter"
                : f.kind == type::gauge ? "gauge"
                                        : "summary") +
               "\n";
        for (auto const& [labels, v] : f.values) {
            if (f.kind == type::summary) {
                metric_labels plain;
                std::string part;
                for (auto const& l : labels) {
                    if (l.first == "__part") {
                        part = l.second;
                    } else {
                        plain.push_back(l);
                    }
                }
                out += name + "_" + part + labels_text(plain) + " " + format_number(v) + "\n";
            } else {
                out += name + labels_text(labels) + " " + format_number(v) + "\n";
            }
        }
    }
    return out;
}

}  // namespace ingest::core
