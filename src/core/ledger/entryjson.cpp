#include "core/ledger/entryjson.h"

#include "core/bytes.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>

namespace tapledger {

std::string formatUtcMillis(int64_t timeMs)
{
    using namespace std::chrono;
    const sys_time<milliseconds> tp{milliseconds{timeMs}};
    const auto day = floor<days>(tp);
    const year_month_day ymd{day};
    const hh_mm_ss hms{tp - day};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
    return buf;
}

std::string entryToJson(const StoredEntry &s)
{
    const LedgerEntry &e = s.entry;
    const auto optionalId = [](const Uuid &id) { return id.isNil() ? nlohmann::json() : nlohmann::json(id.toString()); };
    nlohmann::json j = {
        {"format_version", e.formatVersion},
        {"kiosk_id", e.kioskId},
        {"seq", e.seq},
        {"prev_hash", toHex(e.prevHash)},
        {"time_ms", e.timeMs},
        {"time", formatUtcMillis(e.timeMs)},
        {"kind", std::string(entryKindName(e.kind))},
        {"card", optionalId(e.card)},
        {"card_counter", e.cardCounter},
        {"member", optionalId(e.member)},
        {"currency", e.currency},
        {"deposit_delta", e.depositDelta},
        {"bonus_delta", e.bonusDelta},
        {"points_delta", e.pointsDelta},
        {"refs", e.refs},
        {"staff", optionalId(e.staff)},
        {"idempotency_key", optionalId(e.idempotencyKey)},
        {"extra", e.extra.empty() ? nlohmann::json::object() : nlohmann::json::parse(e.extra, nullptr, false)},
        {"hash", toHex(s.hash)},
        {"signature", toHex(s.signature)},
    };
    return j.dump();
}

} // namespace tapledger
