#pragma once

#include "core/engine/clock.h"

#include <cassert>

namespace tapledger {

/// A clock that only moves when told to (tests, `tapledger sim`). Time never goes backwards.
class ManualClock final : public Clock
{
public:
    /// Starts at @p startMs (UTC ms).
    explicit ManualClock(int64_t startMs = 0) : m_now(startMs) {}
    int64_t nowMs() const override { return m_now; }
    /// Moves to @p ms; moving backwards is misuse (asserts) — callers check first.
    void set(int64_t ms)
    {
        assert(ms >= m_now);
        m_now = ms;
    }
    /// Moves forward by @p ms (>= 0).
    void advance(int64_t ms)
    {
        assert(ms >= 0);
        m_now += ms;
    }

private:
    int64_t m_now;
};

} // namespace tapledger
