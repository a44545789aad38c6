#include "core/crm/rfm.h"

#include <algorithm>

namespace tapledger::crm {

std::string RfmScore::text() const
{
    return {static_cast<char>('0' + r), static_cast<char>('0' + f), static_cast<char>('0' + m)};
}

namespace {
/// 1 + ⌊5 × worse / n⌋.
int score(size_t worse, size_t n)
{
    return 1 + static_cast<int>((5 * worse) / n);
}

std::vector<int64_t> sortedBy(std::span<const RfmInput> members, int64_t RfmInput::*field)
{
    std::vector<int64_t> v;
    v.reserve(members.size());
    for (const RfmInput &m : members)
        v.push_back(m.*field);
    std::sort(v.begin(), v.end());
    return v;
}
} // namespace

std::vector<RfmScore> rfmScores(std::span<const RfmInput> members)
{
    const auto recency = sortedBy(members, &RfmInput::recencyDays);
    const auto frequency = sortedBy(members, &RfmInput::frequency);
    const auto monetary = sortedBy(members, &RfmInput::monetaryMinor);
    const size_t n = members.size();
    std::vector<RfmScore> out;
    out.reserve(n);
    for (const RfmInput &m : members) {
        // Worse recency = more days; worse frequency or spend = less.
        const auto rWorse = static_cast<size_t>(recency.end() - std::upper_bound(recency.begin(), recency.end(), m.recencyDays));
        const auto fWorse = static_cast<size_t>(std::lower_bound(frequency.begin(), frequency.end(), m.frequency) - frequency.begin());
        const auto mWorse = static_cast<size_t>(std::lower_bound(monetary.begin(), monetary.end(), m.monetaryMinor) - monetary.begin());
        out.push_back({score(rWorse, n), score(fWorse, n), score(mWorse, n)});
    }
    return out;
}

} // namespace tapledger::crm
