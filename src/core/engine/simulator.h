#pragma once

#include "core/engine/engine.h"
#include "core/engine/manualclock.h"
#include "core/result.h"

#include <cstddef>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger {

class SimCards;
class SimEvent;

/// Runs a script of JSON Lines events (docs/sim.md) through an Engine on a ManualClock, as
/// `tapledger sim` does, and renders the resulting state as JSON. Members and cards are named by
/// handles in the script; their ids derive from the handles, so output is reproducible.
class Simulator
{
public:
    struct Options
    {
        size_t batchSize = 1; ///< events per durable commit (1 = each event on its own)
        bool history = true;  ///< include explained history lines in stateJson()
    };

    /// One sync round with the kiosk's HQ for the `sync` event, at @p nowMs (UTC ms): its JSON
    /// summary (one object), or why it failed. The engine knows no HTTP: `tapledger sim` sets it.
    using SyncHook = std::function<Result<std::string>(Engine &engine, int64_t nowMs)>;

    /// @p engine must run on @p clock; both outlive the simulator.
    Simulator(Engine &engine, ManualClock &clock, Options options);
    ~Simulator();

    /// Enables the `sync` event (without it the event is refused with the reason).
    void setSyncHook(SyncHook hook) { m_sync = std::move(hook); }
    /// Cards read and written around card actions (nullptr = none); @p cards outlives the simulator.
    void setCards(SimCards *cards) { m_cards = cards; }

    /// Runs one script line (1-based @p number for messages). Blank and '#' lines do nothing.
    /// On error nothing of the event is written; the message starts with "line N: ".
    Result<void> runLine(std::string_view line, size_t number);
    /// Runs @p script to the end or the first error (then stops). Returns events run.
    Result<size_t> run(std::istream &script);
    /// Commits an open batch (run() does this itself).
    Result<void> flush();

    /// The state: per member balances, tier and progress, vouchers, offers with reasons, upcoming
    /// expiries and explained history; rewards; ledger size and verify result; @p error if any.
    std::string stateJson(const std::optional<Error> &error) const;

    /// The deterministic id of a member or card handle in scripts.
    static Uuid idFor(std::string_view kind, std::string_view handle);

private:
    Result<void> dispatch(SimEvent &event);
    /// Staff, card, feedback, PIN and connectivity events (simulatorstaff.cpp); nullopt when
    /// @p event is none of them.
    std::optional<Result<void>> dispatchStaff(SimEvent &event);
    /// The `sync` and `tap` events (simulatorstaff.cpp); nullopt when @p event is neither.
    std::optional<Result<void>> dispatchFleet(SimEvent &event);
    /// The counter of the card @p event names, read from its image before an action (0 without
    /// cards or when the event names none).
    Result<uint32_t> cardBefore(const SimEvent &event);
    /// Writes the image of the card @p event names after a successful action (nothing without cards).
    Result<void> cardAfter(const SimEvent &event);
    Engine &m_engine;
    ManualClock &m_clock;
    Options m_options;
    size_t m_inBatch = 0;
    size_t m_events = 0;
    std::map<std::string, uint64_t> m_labels; ///< purchase labels → purchase numbers
    std::map<Uuid, std::string> m_cardHandles;
    std::map<Uuid, std::string> m_staffHandles;
    std::vector<ShiftReport> m_closedShifts;
    bool m_connectivitySet = false;
    SyncHook m_sync;
    SimCards *m_cards = nullptr;
    std::vector<std::string> m_syncs; ///< JSON summaries of the sync rounds run
};

} // namespace tapledger
