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
/// Required fields of one type; InvalidArgument "<what>: <key> must be …" otherwise. Integers are
/// JSON integers in the int64 range (docs/sync-protocol.md): a float, or an integer past
/// 2^63 − 1 (which would wrap when stored), is refused.
Result<int64_t> integer(const nlohmann::json &j, const char *key, std::string_view what);
/// As integer(), and not negative: 0 … 2^63 − 1.
Result<uint64_t> unsignedInteger(const nlohmann::json &j, const char *key, std::string_view what);
Result<std::string> string(const nlohmann::json &j, const char *key, std::string_view what);
Result<bool> boolean(const nlohmann::json &j, const char *key, std::string_view what);
/// Lower-case hex (the protocol's only spelling of bytes, so one value has one encoding);
/// @p size bytes exactly, or any non-zero length when @p size is 0.
Result<Bytes> lowerHex(const nlohmann::json &j, const char *key, std::string_view what, size_t size = 0);
/// InvalidArgument when @p j holds, at any depth, a float or an integer past the int64 range.
Result<void> onlyInt64Numbers(const nlohmann::json &j, std::string_view what);
/// Lower-case hex of exactly N bytes.
template<size_t N>
Result<std::array<uint8_t, N>> hexArray(const nlohmann::json &j, const char *key, std::string_view what)
{
    static_assert(N > 0);
    auto b = lowerHex(j, key, what, N);
    if (!b)
        return std::move(b).error();
    std::array<uint8_t, N> out{};
    std::copy(b->begin(), b->end(), out.begin());
    return out;
}

} // namespace tapledger::sync::json
