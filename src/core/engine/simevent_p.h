#pragma once
// Private to the engine: one parsed line of a simulation script, with typed accessors whose
// errors name the field.

#include "core/currency.h"
#include "core/result.h"
#include "core/uuid.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <set>
#include <string>

namespace tapledger {

class Engine;
class SimEvent;

/// The member an event names by "member" (handle) or "card" (card handle).
Result<Uuid> simMemberOf(Engine &engine, SimEvent &event);
/// The card an event names with "card" (nil when it names the member by handle).
Uuid simCardOf(const SimEvent &event);
/// The staff member an event names with "staff" (nil when absent).
Result<Uuid> simStaffOf(SimEvent &event);

class SimEvent
{
public:
    explicit SimEvent(nlohmann::json j) : m_j(std::move(j)) {}
    const nlohmann::json &json() const { return m_j; }
    std::string type() const { return m_j.value("event", std::string()); }
    bool has(const char *key) const { return m_j.contains(key); }

    Result<std::string> text(const char *key, bool required = true);
    Result<int64_t> integer(const char *key, int64_t fallback);
    /// true/false; @p fallback when absent.
    Result<bool> flag(const char *key, bool fallback);
    /// "120.00" in major units → minor units; a leading '-' is kept so the engine can refuse it.
    Result<int64_t> amount(const char *key, const Currency &currency);
    /// Rejects fields no handler read (typos in scripts).
    Result<void> finish() const;

private:
    Result<const nlohmann::json *> field(const char *key, bool required);
    nlohmann::json m_j;
    std::set<std::string> m_read = {"event"};
};

} // namespace tapledger
