#pragma once

#include "core/ledger/ledgerentry.h"
#include "core/result.h"

#include <optional>
#include <string>

namespace tapledger {

/// What a feedback entry says (docs/engine.md, "Entries per action"; docs/crm.md, "Feedback and
/// complaints"): the single reading of feedback entries outside the engine, used by HQ.
struct FeedbackEffect
{
    /// Highest rating that makes a feedback a complaint on its own (1 or 2 stars).
    static constexpr int kComplaintRating = 2;
    /// Highest rating that makes a feedback with a comment a complaint (3 stars and a comment).
    static constexpr int kComplaintRatingWithComment = 3;

    int rating = 0;        ///< 1..5 stars, 0 = none
    std::string category;  ///< one of the policy's feedback categories, "" = none
    std::string text;      ///< the comment, "" = none (at most 500 bytes of UTF-8)

    /// True when the entry carries a comment that is not only white space.
    bool hasComment() const;
    /// The complaint rule of docs/crm.md: rated 1–2, or rated 3 with a comment. An unrated comment
    /// is no complaint (nothing says it is a bad one).
    bool isComplaint() const;
};

/// Reads @p entry: nullopt for kinds other than feedback; Corrupt when its extra is not a JSON
/// object or its rating is not 0..5.
Result<std::optional<FeedbackEffect>> feedbackEffect(const LedgerEntry &entry);

} // namespace tapledger
