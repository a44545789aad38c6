#include "sync/protocol/jsonfields_p.h"

#include "sync/protocol/protocol.h"

#include "core/boundedjson.h"

#include <algorithm>
#include <cstdint>

namespace tapledger::sync::json {

namespace {
Error bad(std::string_view what, std::string_view key, std::string_view must)
{
    return fail(ErrorCode::InvalidArgument, std::string(what) + ": " + std::string(key) + " " + std::string(must));
}
} // namespace

Result<nlohmann::json> parseObject(std::string_view text, std::string_view what)
{
    auto bounded = parseBoundedJson(text, kMaxJsonDepth);
    if (!bounded)
        return fail(ErrorCode::InvalidArgument,
                    std::string(what) + ": nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    nlohmann::json &j = *bounded;
    if (j.is_discarded())
        return fail(ErrorCode::InvalidArgument, std::string(what) + ": not valid JSON");
    if (!j.is_object())
        return fail(ErrorCode::InvalidArgument, std::string(what) + ": not a JSON object");
    return j;
}

Result<void> onlyKeys(const nlohmann::json &j, std::initializer_list<std::string_view> allowed, std::string_view what)
{
    for (const auto &[key, value] : j.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            return fail(ErrorCode::InvalidArgument, std::string(what) + ": unknown field '" + key + "'");
    }
    return {};
}

Result<void> checkProtocol(const nlohmann::json &j, std::string_view what)
{
    auto it = j.find("protocol");
    if (it == j.end())
        return bad(what, "protocol", "is missing");
    auto version = integer(j, "protocol", what);
    if (!version)
        return std::move(version).error();
    if (*version != kProtocolVersion)
        return fail(ErrorCode::InvalidArgument, std::string(what) + ": protocol " + std::to_string(*version) +
                                                    " is not supported (this side speaks " +
                                                    std::to_string(kProtocolVersion) + ")");
    return {};
}

Result<int64_t> integer(const nlohmann::json &j, const char *key, std::string_view what)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer())
        return bad(what, key, "must be an integer");
    // nlohmann keeps a non-negative integer as uint64: past INT64_MAX get<int64_t>() would wrap.
    if (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
        return bad(what, key, "is past the int64 range");
    return it->get<int64_t>();
}

Result<uint64_t> unsignedInteger(const nlohmann::json &j, const char *key, std::string_view what)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_unsigned())
        return bad(what, key, "must be a non-negative integer");
    if (it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
        return bad(what, key, "is past the int64 range");
    return it->get<uint64_t>();
}

Result<std::string> string(const nlohmann::json &j, const char *key, std::string_view what)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_string())
        return bad(what, key, "must be a string");
    return it->get<std::string>();
}

Result<bool> boolean(const nlohmann::json &j, const char *key, std::string_view what)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_boolean())
        return bad(what, key, "must be true or false");
    return it->get<bool>();
}

Result<Bytes> lowerHex(const nlohmann::json &j, const char *key, std::string_view what, size_t size)
{
    auto s = string(j, key, what);
    if (!s)
        return std::move(s).error();
    if (!hasNoUpperHex(*s))
        return bad(what, key, "must be lower-case hex");
    const std::string field = std::string(what) + ": " + key;
    if (size != 0)
        return fromHexExact(*s, size, field);
    auto bytes = fromHex(*s);
    if (!bytes || bytes->empty())
        return bad(what, key, "must be non-empty hex");
    return bytes;
}

Result<void> onlyInt64Numbers(const nlohmann::json &j, std::string_view what)
{
    if (j.is_number_float())
        return fail(ErrorCode::InvalidArgument, std::string(what) + " must not contain floating-point numbers");
    if (j.is_number_unsigned() && j.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
        return fail(ErrorCode::InvalidArgument, std::string(what) + " has an integer past the int64 range");
    if (j.is_structured()) {
        for (const auto &v : j)
            TL_TRY(onlyInt64Numbers(v, what));
    }
    return {};
}

} // namespace tapledger::sync::json
