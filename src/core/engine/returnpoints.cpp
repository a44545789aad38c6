#include "core/engine/returnpoints.h"

#include <algorithm>

namespace tapledger {

Result<ReturnPointsResult> ReturnPoints::compute(const ReturnPointsInput &in)
{
    ReturnPointsResult out;
    int64_t thresholdPoints = 0, thresholdBack = 0;
    for (size_t i = 0; i < in.thresholds.size(); ++i) {
        const EarnedThreshold &t = in.thresholds[i];
        thresholdPoints += t.points;
        if (!in.complete && in.remaining >= t.minSpend)
            continue;
        thresholdBack += t.points;
        if (in.remainingBefore >= t.minSpend)
            out.thresholdsNow.push_back(i);
    }
    auto sharePoints = in.share.applyTo(std::max<int64_t>(0, in.earned - thresholdPoints), Rounding::Floor);
    if (!sharePoints)
        return std::move(sharePoints).error();
    out.pointsSoFar = *sharePoints + thresholdBack;
    out.owed = std::max<int64_t>(0, out.pointsSoFar - in.pointsBefore);
    out.reversed = out.owed;
    if (!in.allowNegative && in.balance < out.owed) {
        out.reversed = std::max<int64_t>(in.balance, 0);
        out.shortfall = out.owed - out.reversed;
    }
    return out;
}

} // namespace tapledger
