#pragma once

#include "core/engine/feedbackeffect.h"
#include "core/result.h"
#include "core/uuid.h"
#include "sync/hq/hqreadtx.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tapledger::sync {

/// A kiosk's feedback entry as HQ merged it, read with core's feedbackEffect (docs/crm.md,
/// "Feedback and complaints").
struct MergedFeedback
{
    std::string kioskId;     ///< the kiosk (chain) that wrote it
    uint64_t seq = 0;        ///< its seq on that chain
    Uuid member;             ///< nil = anonymous
    int64_t timeMs = 0;      ///< when it was given, UTC ms
    FeedbackEffect feedback;

    /// The stable id of the feedback (and of its complaint): "<kiosk>:<seq>", e.g. "lobby-1:17".
    std::string id() const { return idOf(kioskId, seq); }
    static std::string idOf(const std::string &kioskId, uint64_t seq) { return kioskId + ":" + std::to_string(seq); }

    /// Every feedback entry merged from the kiosks, ordered by kiosk id, then seq. Corrupt for an
    /// entry whose extra is unreadable.
    static Result<std::vector<MergedFeedback>> load(HqReadTx &tx);
    /// The feedback entry (@p kioskId, @p seq): NotFound when HQ holds no feedback entry there.
    static Result<MergedFeedback> load(HqReadTx &tx, const std::string &kioskId, uint64_t seq);
};

} // namespace tapledger::sync
