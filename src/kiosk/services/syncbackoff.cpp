#include "services/syncbackoff.h"

#include <algorithm>
#include <cmath>

namespace tapledger::kiosk {

std::chrono::milliseconds SyncBackoff::baseDelay(int failures) noexcept
{
    if (failures <= 0)
        return std::chrono::milliseconds{0};
    // 2^9 s > 5 min already: no shift beyond that.
    const int doublings = std::min(failures - 1, 9);
    return std::min(kFirst * (int64_t{1} << doublings), kMax);
}

std::chrono::milliseconds SyncBackoff::failed()
{
    if (m_failures < 1'000'000)
        ++m_failures;
    const double base = static_cast<double>(baseDelay(m_failures).count());
    std::uniform_real_distribution<double> factor(1.0 - kJitter, 1.0 + kJitter);
    return std::chrono::milliseconds{std::llround(base * factor(m_rng))};
}

} // namespace tapledger::kiosk
