#pragma once

#include <cstdint>

namespace tapledger {

/// The engine's source of time, injectable for tests and simulation: UTC milliseconds since the
/// Unix epoch. Calendar rules convert with VenueCalendar, never with the machine's zone.
class Clock
{
public:
    virtual ~Clock() = default;
    /// Now, UTC milliseconds.
    virtual int64_t nowMs() const = 0;
};

} // namespace tapledger
