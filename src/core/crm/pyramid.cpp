#include "core/crm/pyramid.h"

#include <algorithm>
#include <functional>

namespace tapledger::crm {

namespace {
__extension__ typedef __int128 Wide;
} // namespace

std::string_view pyramidLevelName(PyramidLevel level) noexcept
{
    switch (level) {
    case PyramidLevel::Vip:
        return "vip";
    case PyramidLevel::Major:
        return "major";
    case PyramidLevel::Ordinary:
        return "ordinary";
    case PyramidLevel::Small:
        break;
    }
    return "small";
}

Pyramid pyramid(std::span<const int64_t> spendMinor, const PyramidOptions &options)
{
    Pyramid out;
    const auto n = static_cast<Wide>(spendMinor.size());
    std::vector<int64_t> sorted(spendMinor.begin(), spendMinor.end());
    std::sort(sorted.begin(), sorted.end());
    out.levels.reserve(spendMinor.size());
    for (const int64_t spend : spendMinor) {
        // g = members who spent strictly more; compared as g × 10000 < bp × N, exactly.
        const auto g = static_cast<Wide>(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), spend));
        PyramidLevel level = PyramidLevel::Small;
        if (g * 10000 < options.vipBp * n)
            level = PyramidLevel::Vip;
        else if (g * 10000 < options.majorBp * n)
            level = PyramidLevel::Major;
        else if (g * 10000 < options.ordinaryBp * n)
            level = PyramidLevel::Ordinary;
        out.levels.push_back(level);
        ++out.counts[static_cast<size_t>(level)];
    }
    if (sorted.empty())
        return out;
    long double total = 0, top = 0;
    const size_t topCount = (sorted.size() + 4) / 5;
    for (size_t i = 0; i < sorted.size(); ++i) {
        total += static_cast<long double>(sorted[i]);
        if (i >= sorted.size() - topCount)
            top += static_cast<long double>(sorted[i]);
    }
    if (total > 0)
        out.topFifthShare = static_cast<double>(top / total);
    return out;
}

} // namespace tapledger::crm
