#include "core/engine/feedbackeffect.h"

#include "core/engine/entryextra_p.h"

#include <algorithm>

namespace tapledger {

bool FeedbackEffect::hasComment() const
{
    return std::any_of(text.begin(), text.end(), [](char c) { return c != ' ' && c != '\t' && c != '\n' && c != '\r'; });
}

bool FeedbackEffect::isComplaint() const
{
    if (rating >= 1 && rating <= kComplaintRating)
        return true;
    return rating >= 1 && rating <= kComplaintRatingWithComment && hasComment();
}

Result<std::optional<FeedbackEffect>> feedbackEffect(const LedgerEntry &e)
{
    if (e.kind != EntryKind::Feedback)
        return std::optional<FeedbackEffect>{};
    auto parsed = extra::cached(e);
    if (!parsed)
        return std::move(parsed).error();
    const nlohmann::json &x = **parsed;
    const int64_t rating = extra::num(x, "rating");
    if (rating < 0 || rating > 5)
        return fail(ErrorCode::Corrupt, "seq " + std::to_string(e.seq) + ": feedback rating " + std::to_string(rating) +
                                            " is not 0..5");
    return std::optional<FeedbackEffect>{FeedbackEffect{static_cast<int>(rating), extra::str(x, "category"),
                                                        extra::str(x, "text")}};
}

} // namespace tapledger
