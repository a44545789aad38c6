#pragma once
// Private to the engine: reading the `extra` JSON of engine entries (docs/engine.md).

#include "core/ledger/ledgerentry.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace tapledger::extra {

/// The entry's extra object ({} when empty); Corrupt when it is not a JSON object.
inline Result<nlohmann::json> of(const LedgerEntry &e)
{
    if (e.extra.empty())
        return nlohmann::json::object();
    auto j = nlohmann::json::parse(e.extra, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return fail(ErrorCode::Corrupt, "seq " + std::to_string(e.seq) + ": extra is not a JSON object");
    return j;
}

/// The entry's extra object like of(), parsed once per extra text: the projections read the same
/// entry one after another, so the last parse (per thread) is shared rather than repeated.
inline Result<std::shared_ptr<const nlohmann::json>> cached(const LedgerEntry &e)
{
    thread_local std::string lastText;
    thread_local std::shared_ptr<const nlohmann::json> last;
    if (!last || e.extra != lastText) {
        auto j = of(e);
        if (!j)
            return std::move(j).error();
        last = std::make_shared<const nlohmann::json>(std::move(*j));
        lastText = e.extra;
    }
    return last;
}

inline int64_t num(const nlohmann::json &j, const char *key, int64_t fallback = 0)
{
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

inline std::string str(const nlohmann::json &j, const char *key)
{
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The HQ feed item an hq_sync entry adopted (docs/sync-protocol.md): its type and body object.
struct HqItem
{
    std::shared_ptr<const nlohmann::json> extra; ///< keeps `body` alive
    std::string type;
    const nlohmann::json *body = nullptr;
};

/// Reads an hq_sync entry's item; Corrupt when the extra is not an object or has no body object.
inline Result<HqItem> hqItem(const LedgerEntry &e)
{
    auto parsed = cached(e);
    if (!parsed)
        return std::move(parsed).error();
    HqItem item{*parsed, str(**parsed, "type"), nullptr};
    const auto body = item.extra->find("body");
    if (body == item.extra->end() || !body->is_object())
        return fail(ErrorCode::Corrupt, "seq " + std::to_string(e.seq) + ": hq_sync entry without a body");
    item.body = &*body;
    return item;
}

/// Canonical text of an extra object: sorted keys, no spaces (nlohmann's object is a sorted map).
inline std::string dump(const nlohmann::json &j)
{
    return j.dump();
}

} // namespace tapledger::extra
