#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tapledger::crm {

/// A member's RFM measures (docs/crm.md, "RFM").
struct RfmInput
{
    int64_t recencyDays = 0;  ///< days since the last visit (fewer is better)
    int64_t frequency = 0;    ///< window visits
    int64_t monetaryMinor = 0; ///< window spend, minor units
};

/// Scores 1..5 each.
struct RfmScore
{
    int r = 1, f = 1, m = 1;
    /// Three digits "RFM", e.g. "534".
    std::string text() const;
    friend bool operator==(const RfmScore &, const RfmScore &) = default;
};

/// Quintile scores over @p members: 1 + ⌊5 L / N⌋ with L the members strictly worse; ties share.
std::vector<RfmScore> rfmScores(std::span<const RfmInput> members);

} // namespace tapledger::crm
