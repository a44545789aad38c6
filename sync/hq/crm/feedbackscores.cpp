#include "sync/hq/crm/feedbackscores.h"

#include <map>

namespace tapledger::sync {

namespace {
struct Gathering
{
    FeedbackGroup group;
    std::vector<crm::Rating> ratings;

    void add(const MergedFeedback &f, const crm::Rating &rating)
    {
        ++group.feedback;
        if (f.feedback.hasComment())
            ++group.comments;
        if (f.feedback.isComplaint())
            ++group.complaints;
        if (f.feedback.rating > 0)
            ratings.push_back(rating);
    }

    Result<FeedbackGroup> score(std::string key, const crm::SatisfactionOptions &options)
    {
        group.key = std::move(key);
        TL_ASSIGN(group.satisfaction, crm::satisfaction(ratings, options));
        return group;
    }
};

/// Every group of @p groups scored, in key order.
Result<std::vector<FeedbackGroup>> scoreEach(std::map<std::string, Gathering> &groups, const crm::SatisfactionOptions &options)
{
    std::vector<FeedbackGroup> out;
    for (auto &[key, g] : groups) {
        auto scored = g.score(key, options);
        if (!scored)
            return std::move(scored).error();
        out.push_back(std::move(*scored));
    }
    return out;
}
} // namespace

Result<FeedbackScoresReport> FeedbackScores::compute(std::span<const MergedFeedback> feedback,
                                                     const VenueCalendar &calendar, const crm::SatisfactionOptions &options)
{
    Gathering venue;
    std::map<std::string, Gathering> kiosks, categories;
    for (const MergedFeedback &f : feedback) {
        const int64_t day = calendar.localDay(f.timeMs);
        if (day > options.asOfDay)
            continue;
        const crm::Rating rating{f.member.isNil() ? "anonymous:" + f.id() : f.member.toString(), day, f.feedback.rating};
        venue.add(f, rating);
        kiosks[f.kioskId].add(f, rating);
        if (!f.feedback.category.empty())
            categories[f.feedback.category].add(f, rating);
    }
    FeedbackScoresReport out;
    TL_ASSIGN(out.venue, venue.score("", options));
    TL_ASSIGN(out.kiosks, scoreEach(kiosks, options));
    TL_ASSIGN(out.categories, scoreEach(categories, options));
    return out;
}

} // namespace tapledger::sync
