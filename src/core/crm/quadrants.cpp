#include "core/crm/quadrants.h"

#include <algorithm>

namespace tapledger::crm {

namespace {
__extension__ typedef __int128 Wide;

/// A non-negative-denominator fraction spend / visits.
struct Fraction
{
    Wide num = 0, den = 1;
};

bool less(const Fraction &x, const Fraction &y)
{
    return x.num * y.den < y.num * x.den;
}
} // namespace

std::string_view quadrantName(Quadrant quadrant) noexcept
{
    switch (quadrant) {
    case Quadrant::A:
        return "A";
    case Quadrant::B:
        return "B";
    case Quadrant::C:
        return "C";
    case Quadrant::D:
        break;
    }
    return "D";
}

std::vector<std::optional<Quadrant>> quadrants(std::span<const VisitSpend> members)
{
    std::vector<int64_t> visits;
    std::vector<Fraction> averages;
    for (const VisitSpend &m : members) {
        if (m.visits > 0) {
            visits.push_back(m.visits);
            averages.push_back({m.spendMinor, m.visits});
        }
    }
    std::vector<std::optional<Quadrant>> out(members.size());
    if (visits.empty())
        return out;
    std::sort(visits.begin(), visits.end());
    std::sort(averages.begin(), averages.end(), less);
    // The median is (lo + hi) / 2 of the two middle values (the same one for an odd count);
    // x is above it when 2x > lo + hi.
    const size_t n = visits.size();
    const Wide visitsLoHi = Wide{visits[(n - 1) / 2]} + visits[n / 2];
    const Fraction &lo = averages[(n - 1) / 2];
    const Fraction &hi = averages[n / 2];
    for (size_t i = 0; i < members.size(); ++i) {
        const VisitSpend &m = members[i];
        if (m.visits <= 0)
            continue;
        const bool highFrequency = 2 * Wide{m.visits} > visitsLoHi;
        // 2 s/v > lo.num/lo.den + hi.num/hi.den  ⇔  2 s lo.den hi.den > (lo.num hi.den + hi.num lo.den) v
        const bool highSpend = 2 * Wide{m.spendMinor} * lo.den * hi.den > (lo.num * hi.den + hi.num * lo.den) * m.visits;
        out[i] = highSpend ? (highFrequency ? Quadrant::B : Quadrant::A) : (highFrequency ? Quadrant::D : Quadrant::C);
    }
    return out;
}

} // namespace tapledger::crm
