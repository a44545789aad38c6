#pragma once

#include "core/engine/clock.h"

#include <chrono>

namespace tapledger {

/// The real clock: std::chrono::system_clock in UTC milliseconds.
class SystemClock final : public Clock
{
public:
    int64_t nowMs() const override
    {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
};

} // namespace tapledger
