#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <random>

namespace tapledger::test {

/// What FaultProxy does to one proxied connection.
struct Fault
{
    enum class Kind {
        None,           ///< forward both ways until either side closes
        Drop,           ///< close the accepted connection at once, never reaching the target
        CutUpload,      ///< forward exactly afterBytes client→server bytes, then reset both sides
        CutDownload,    ///< forward exactly afterBytes server→client bytes, then reset both sides
    };
    Kind kind = Kind::None;
    /// Bytes forwarded in the cut direction before the cut (CutUpload, CutDownload); else unused.
    size_t afterBytes = 0;

    bool operator==(const Fault &) const = default;
};

/// A TCP proxy for fault tests on 127.0.0.1: accepts on an ephemeral port and forwards each
/// connection to 127.0.0.1:targetPort, applying one Fault per connection. Faults come from a queue
/// (setNextFaults), then from a seeded random plan (setRandomFaults), else none. Cuts end both
/// sockets with a TCP reset (SO_LINGER 0), as a dropped link or a killed peer looks.
/// The seed is printed to stderr on construction; TAPLEDGER_FAULT_SEED replays a run.
class FaultProxy
{
public:
    /// Starts the proxy for @p targetPort with @p seed (see seedFromEnvironment()). Aborts the test
    /// process when 127.0.0.1 cannot be bound (a broken test machine, not a test outcome).
    FaultProxy(int targetPort, uint64_t seed);
    /// Stops accepting, resets every open connection and joins all threads.
    ~FaultProxy();
    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    /// TAPLEDGER_FAULT_SEED when set (decimal), else a fresh random seed.
    static uint64_t seedFromEnvironment();

    /// The proxy's port on 127.0.0.1.
    int port() const noexcept;
    /// The seed of the random plan.
    uint64_t seed() const noexcept;

    /// Applies @p faults, in order, to the next accepted connections (before any random plan).
    void setNextFaults(std::deque<Fault> faults);
    /// For each connection without a queued fault: with probability @p faultPercent / 100 a fault,
    /// one of Drop, CutUpload, CutDownload with a cut point uniform in [0, @p maxCutBytes]; else None.
    void setRandomFaults(unsigned faultPercent, size_t maxCutBytes);
    /// Connections accepted so far.
    size_t connections() const;
    /// The fault applied to each accepted connection, in accept order.
    std::deque<Fault> appliedFaults() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tapledger::test
