#pragma once
// Private to sync/protocol: strict reading of message JSON (unknown fields are errors).

#include "core/bytes.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <array>
#include <initializer_list>
#include <string>
#include <string_view>

namespace tapledger::sync::json {

/// Parses @p text as a JSON object; InvalidArgument naming @p what otherwise.
Result<nlohmann::json> parseObject(std::string_view text, std::string_view what);
/// InvalidArgument when @p j has a key outside @p allowed (a typo is an error, not a default).
Result<void> onlyKeys(const nlohmann::json &j, std::initializer_list<std::string_view> allowed, std::string_view what);
/// InvalidArgument unless j["protocol"] is kProtocolVersion.
Result<void> checkProtocol(const nlohmann::json &j, std::string_view what);
/// Required fields of one type; InvalidArgument "<what>: <key> must be …" otherwise.
Result<int64_t> integer(const nlohmann::json &j, const char *key, std::string_view what);
Result<uint64_t> unsignedInteger(const nlohmann::json &j, const char *key, std::string_view what);
Result<std::string> string(const nlohmann::json &j, const char *key, std::string_view what);
Result<bool> boolean(const nlohmann::json &j, const char *key, std::string_view what);
/// Lower-case hex of exactly N bytes.
template<size_t N>
Result<std::array<uint8_t, N>> hexArray(const nlohmann::json &j, const char *key, std::string_view what)
{
    auto s = string(j, key, what);
    if (!s)
        return std::move(s).error();
    auto b = fromHexExact(*s, N, std::string(what) + ": " + key);
    if (!b)
        return std::move(b).error();
    std::array<uint8_t, N> out{};
    std::copy(b->begin(), b->end(), out.begin());
    return out;
}

} // namespace tapledger::sync::json
