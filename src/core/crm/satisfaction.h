#pragma once

#include "core/result.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace tapledger::crm {

/// One star rating as the satisfaction score reads it (docs/crm.md, "Satisfaction score").
struct Rating
{
    std::string rater;  ///< who rated: the member id; an anonymous rating gets a key of its own
    int64_t day = 0;    ///< local day of the rating (days since 1970-01-01 in the venue zone)
    int stars = 0;      ///< 1..5
};

/// How ratings are weighted.
struct SatisfactionOptions
{
    int64_t asOfDay = 0;        ///< local day the score is computed at; later ratings are ignored
    double halfLifeDays = 90;   ///< a rating's weight halves every this many days of age, > 0
};

/// The satisfaction of a group of ratings (a venue, a kiosk, a category).
struct Satisfaction
{
    size_t ratings = 0;         ///< ratings counted (on or before the as-of day)
    size_t raters = 0;          ///< distinct raters among them
    std::optional<double> score; ///< weighted score 0..100, nullopt without ratings
    std::optional<double> mean;  ///< plain mean of the ratings' 0..100 values, nullopt without ratings
};

/// A rating's value on the 0..100 scale: (stars − 1) × 25, so 1 → 0, 3 → 50, 5 → 100.
double ratingValue(int stars);

/// The recency weight of a rating @p ageDays old: 2^(−age / half-life); 1 today.
double recencyWeight(int64_t ageDays, double halfLifeDays);

/// The weighted satisfaction of @p ratings (docs/crm.md): per rater, the recency-weighted mean of
/// their values; the score is the mean of the raters' means, each weighted by the recency weight
/// of that rater's newest rating, so one rater counts at most once however often they rate.
/// InvalidArgument for stars outside 1..5 or a half-life that is not above 0.
Result<Satisfaction> satisfaction(std::span<const Rating> ratings, const SatisfactionOptions &options);

} // namespace tapledger::crm
