#include "core/crm/satisfaction.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace tapledger::crm {

double ratingValue(int stars)
{
    return (stars - 1) * 25.0;
}

double recencyWeight(int64_t ageDays, double halfLifeDays)
{
    return std::exp2(-static_cast<double>(ageDays) / halfLifeDays);
}

Result<Satisfaction> satisfaction(std::span<const Rating> ratings, const SatisfactionOptions &o)
{
    if (!(o.halfLifeDays > 0) || !std::isfinite(o.halfLifeDays))
        return fail(ErrorCode::InvalidArgument, "the half-life must be above 0 days");
    struct Rater
    {
        double weightedSum = 0, weights = 0, newest = 0;
    };
    std::map<std::string, Rater> raters;
    Satisfaction out;
    double plainSum = 0;
    for (const Rating &r : ratings) {
        if (r.stars < 1 || r.stars > 5)
            return fail(ErrorCode::InvalidArgument, "a rating is 1 to 5 stars, not " + std::to_string(r.stars));
        if (r.day > o.asOfDay)
            continue;
        const double w = recencyWeight(o.asOfDay - r.day, o.halfLifeDays);
        Rater &rater = raters[r.rater];
        rater.weightedSum += w * ratingValue(r.stars);
        rater.weights += w;
        rater.newest = std::max(rater.newest, w);
        plainSum += ratingValue(r.stars);
        ++out.ratings;
    }
    if (out.ratings == 0)
        return out;
    double sum = 0, weights = 0;
    for (const auto &[id, rater] : raters) {
        sum += rater.newest * (rater.weightedSum / rater.weights);
        weights += rater.newest;
    }
    out.raters = raters.size();
    out.score = sum / weights;
    out.mean = plainSum / static_cast<double>(out.ratings);
    return out;
}

} // namespace tapledger::crm
