#pragma once

#include "core/crm/satisfaction.h"
#include "core/engine/venuecalendar.h"
#include "core/result.h"
#include "sync/hq/crm/mergedfeedback.h"

#include <span>
#include <string>
#include <vector>

namespace tapledger::sync {

/// The satisfaction of one group of feedback (docs/crm.md, "Satisfaction score").
struct FeedbackGroup
{
    std::string key;          ///< the kiosk id or the category; "" for the whole venue
    size_t feedback = 0;      ///< feedback entries on or before the as-of day (rated or not)
    size_t comments = 0;      ///< of them, with a comment
    size_t complaints = 0;    ///< of them, complaints (FeedbackEffect::isComplaint)
    crm::Satisfaction satisfaction; ///< over the rated ones
};

/// Satisfaction of the venue, per kiosk and per category.
struct FeedbackScoresReport
{
    FeedbackGroup venue;
    std::vector<FeedbackGroup> kiosks;     ///< kiosks with feedback, by kiosk id
    std::vector<FeedbackGroup> categories; ///< categories named by feedback, by name (no "" group)
};

/// Groups HQ's merged feedback and scores each group with core's crm::satisfaction.
class FeedbackScores
{
public:
    /// Scores @p feedback as of @p options.asOfDay: each entry's local day in @p calendar; entries
    /// after the as-of day are left out; an anonymous rating is a rater of its own.
    /// InvalidArgument for a half-life not above 0.
    static Result<FeedbackScoresReport> compute(std::span<const MergedFeedback> feedback, const VenueCalendar &calendar,
                                                const crm::SatisfactionOptions &options);
};

} // namespace tapledger::sync
