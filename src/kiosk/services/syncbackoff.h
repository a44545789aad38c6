#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace tapledger::kiosk {

/// The wait before the next sync attempt after failures (docs/operations.md, "Sync with HQ"):
/// 1 s after the first failure, doubling per further failure up to 5 min, each wait multiplied by
/// a uniform factor in [0.8, 1.2] so that a fleet cut off together does not come back in step.
/// A success resets it. Not thread-safe (the sync worker owns it).
class SyncBackoff
{
public:
    static constexpr std::chrono::milliseconds kFirst{1'000};   ///< base wait after one failure
    static constexpr std::chrono::milliseconds kMax{300'000};   ///< base wait cap (5 min)
    static constexpr double kJitter = 0.2;                      ///< ± fraction of the base wait

    /// @p seed seeds the jitter (tests pass a fixed one).
    explicit SyncBackoff(uint64_t seed) : m_rng(seed) {}

    /// Records a failure; the wait before the next attempt, in
    /// [base × (1 − kJitter), base × (1 + kJitter)] with base = baseDelay(failures()).
    std::chrono::milliseconds failed();
    /// Records a success: the next failure waits kFirst again.
    void succeeded() noexcept { m_failures = 0; }
    /// Failures since the last success.
    int failures() const noexcept { return m_failures; }

    /// The wait before jitter after @p failures consecutive failures (≥ 1): kFirst × 2^(failures−1),
    /// at most kMax; zero for @p failures ≤ 0.
    static std::chrono::milliseconds baseDelay(int failures) noexcept;

private:
    std::mt19937_64 m_rng;
    int m_failures = 0;
};

} // namespace tapledger::kiosk
