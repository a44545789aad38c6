#include "sync/hq/makegood.h"

#include "sync/hq/hqposting.h"

namespace tapledger::sync {

Result<void> grantMakeGood(HqWriteTx &tx, const Ed25519SecretKey &hqKey, int64_t nowMs, const Uuid &member,
                           int64_t points, const std::string &complaintId)
{
    if (points <= 0)
        return fail(ErrorCode::InvalidArgument, "make-good points must be above 0, not " + std::to_string(points));
    HqPosting posting(tx, hqKey, nowMs);
    auto answer = posting.adjustPoints(makeGoodRef(complaintId), member, points, kMakeGoodReason, makeGoodRef(complaintId));
    if (!answer)
        return std::move(answer).error();
    if (answer->duplicate)
        return fail(ErrorCode::Conflict, "complaint " + complaintId + " already has make-good points (" + answer->entry + ")");
    return {};
}

} // namespace tapledger::sync
