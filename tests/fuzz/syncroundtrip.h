#pragma once
// Shared by the sync message fuzz targets: what a strict decoder accepts must mean exactly what
// its encoder writes back. Both texts are compared as JSON values (key order and spaces free), so
// an accepted upper-case hex digit, a float read as an integer, a wrapped int64, an ignored
// unknown field or a defaulted version number all show up as a difference.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace tapledger::fuzz {

/// JSON equality that also tells 1 from 1.0 (nlohmann's == compares numbers by value).
inline bool sameValue(const nlohmann::json &a, const nlohmann::json &b)
{
    if (a.type() != b.type() || a.size() != b.size())
        return false;
    if (a.is_object()) {
        for (auto it = a.begin(); it != a.end(); ++it) {
            auto other = b.find(it.key());
            if (other == b.end() || !sameValue(*it, *other))
                return false;
        }
        return true;
    }
    if (a.is_array()) {
        for (size_t i = 0; i < a.size(); ++i) {
            if (!sameValue(a[i], b[i]))
                return false;
        }
        return true;
    }
    return a == b;
}

/// Aborts (a libFuzzer crash) unless @p reencoded is the same JSON value as the accepted @p input.
inline void requireSameJson(std::string_view input, const std::string &reencoded, const char *what)
{
    const auto a = nlohmann::json::parse(input, nullptr, false);
    const auto b = nlohmann::json::parse(reencoded, nullptr, false);
    if (a.is_discarded() || b.is_discarded() || !sameValue(a, b)) {
        std::fprintf(stderr, "%s: accepted input does not re-encode to itself:\n  in:  %.*s\n  out: %s\n", what,
                     static_cast<int>(std::min<size_t>(input.size(), 2000)), input.data(), reencoded.c_str());
        std::abort();
    }
}

/// The fuzz input as text.
inline std::string_view asText(const uint8_t *data, size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

} // namespace tapledger::fuzz
