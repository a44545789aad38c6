#include "sync/hq/makegood.h"

#include "sync/hq/merger_p.h"
#include "sync/protocol/protocol.h"

#include <algorithm>

namespace tapledger::sync {

Result<void> grantMakeGood(HqWriteTx &tx, const Ed25519SecretKey &hqKey, int64_t nowMs, const Uuid &member,
                           int64_t points, const std::string &complaintId)
{
    const std::string ref = makeGoodRef(complaintId);
    auto history = tx.memberEntries(member);
    if (!history)
        return std::move(history).error();
    for (const StoredEntry &stored : *history) {
        const LedgerEntry &e = stored.entry;
        if (e.kioskId == kHqChainId && std::find(e.refs.begin(), e.refs.end(), ref) != e.refs.end())
            return fail(ErrorCode::Conflict, "complaint " + complaintId + " already has make-good points (hq seq " +
                                                 std::to_string(e.seq) + ")");
    }
    Merger merger(tx, hqKey, nowMs);
    TL_TRY(merger.grantPoints(member, points, kMakeGoodReason, ref));
    return merger.flush();
}

} // namespace tapledger::sync
