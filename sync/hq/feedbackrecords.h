#pragma once
// Feedback rows of HQ's store (docs/hq-storage.md, docs/crm.md "Feedback and complaints").

#include <cstdint>
#include <string>

namespace tapledger::sync {

/// One step of a complaint's follow-up: the complaint is the merged feedback entry
/// (kioskId, seq); a complaint without steps is open. Steps are append-only.
struct ComplaintStep
{
    std::string kioskId;        ///< the feedback entry's kiosk (chain id)
    uint64_t seq = 0;           ///< the feedback entry's seq on that chain, >= 1
    uint32_t step = 0;          ///< 1, 2, …: the order of this complaint's steps
    std::string status;         ///< the status the step moved to: "answered" or "closed"
    std::string staff;          ///< the HQ operator who took the step (1–128 bytes)
    std::string note;           ///< what was said or done, "" = none (at most 2000 bytes)
    int64_t timeMs = 0;         ///< when, UTC ms
    int64_t makeGoodPoints = 0; ///< points granted through HQ's ledger with this step, 0 = none
};

} // namespace tapledger::sync
