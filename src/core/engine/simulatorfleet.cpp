// Simulator events of a fleet: `sync` (one round with HQ through the hook `tapledger sim` sets)
// and `tap`, and the card images read and written around card actions (docs/sim.md).
#include "core/engine/simcards.h"
#include "core/engine/simevent_p.h"
#include "core/engine/simulator.h"

namespace tapledger {

namespace {
/// The card handle @p e names ("" for none).
std::string cardHandleOf(const SimEvent &e)
{
    const auto it = e.json().find("card");
    return it != e.json().end() && it->is_string() ? it->get<std::string>() : std::string();
}
} // namespace

Result<uint32_t> Simulator::cardBefore(const SimEvent &e)
{
    const std::string handle = cardHandleOf(e);
    if (!m_cards || handle.empty())
        return uint32_t{0};
    return m_cards->beforeUse(m_engine, handle, idFor("card", handle));
}

Result<void> Simulator::cardAfter(const SimEvent &e)
{
    const std::string handle = cardHandleOf(e);
    if (!m_cards || handle.empty())
        return {};
    return m_cards->afterUse(m_engine, handle, idFor("card", handle));
}

std::optional<Result<void>> Simulator::dispatchFleet(SimEvent &e)
{
    const std::string type = e.type();
    if (type == "sync") {
        if (!m_sync)
            return Result<void>(fail(ErrorCode::InvalidArgument,
                                     "'sync' needs a kiosk connected to HQ (`tapledger sim --data DIR` on a "
                                     "provisioned data directory)"));
        // The round reads committed entries only.
        if (auto flushed = flush(); !flushed)
            return flushed;
        auto summary = m_sync(m_engine, m_clock.nowMs());
        if (!summary)
            return Result<void>(fail(summary.error().code, "sync refused: " + summary.error().message));
        m_syncs.push_back(std::move(*summary));
        return Result<void>();
    }
    if (type == "tap") {
        // A card held to the reader: its image is read and verified, its member looked up.
        auto handle = e.text("card");
        if (!handle)
            return Result<void>(std::move(handle).error());
        auto counter = cardBefore(e);
        if (!counter)
            return Result<void>(std::move(counter).error());
        auto member = simMemberOf(m_engine, e);
        if (!member)
            return Result<void>(std::move(member).error());
        return Result<void>();
    }
    return std::nullopt;
}

} // namespace tapledger
