#include "sync/protocol/jsonfields_p.h"

#include "sync/protocol/protocol.h"

#include <algorithm>

namespace tapledger::sync::json {

namespace {
Error bad(std::string_view what, std::string_view key, std::string_view must)
{
    return fail(ErrorCode::InvalidArgument, std::string(what) + ": " + std::string(key) + " " + std::string(must));
}
} // namespace

Result<nlohmann::json> parseObject(std::string_view text, std::string_view what)
{
    auto j = nlohmann::json::parse(text, nullptr, false);
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
    if (it == j.end() || !it->is_number_integer())
        return bad(what, "protocol", "is missing");
    if (it->get<int64_t>() != kProtocolVersion)
        return fail(ErrorCode::InvalidArgument, std::string(what) + ": protocol " + std::to_string(it->get<int64_t>()) +
                                                    " is not supported (this side speaks " +
                                                    std::to_string(kProtocolVersion) + ")");
    return {};
}

Result<int64_t> integer(const nlohmann::json &j, const char *key, std::string_view what)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer())
        return bad(what, key, "must be an integer");
    return it->get<int64_t>();
}

Result<uint64_t> unsignedInteger(const nlohmann::json &j, const char *key, std::string_view what)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_unsigned())
        return bad(what, key, "must be a non-negative integer");
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

} // namespace tapledger::sync::json
