#pragma once

#include "core/ledger/ledgerentry.h"
#include "core/result.h"

#include <cstdint>
#include <memory>
#include <string>

namespace tapledger {

/// The engine's named counters (docs/engine.md: promotion and offer uses, last visit day, points
/// earned from purchases that day, rewards redeemed) computed from a member's entries of any
/// chain with the engine's own CounterProjection — never a second implementation. HQ feeds it a
/// member's merged entries to compute a point-of-sale purchase's points with PurchasePoints.
/// Holds an in-memory SQLite database.
class MemberCounters
{
public:
    static Result<MemberCounters> create();
    MemberCounters(MemberCounters &&) noexcept;
    MemberCounters &operator=(MemberCounters &&) noexcept;
    ~MemberCounters();

    /// Counts @p entry (entries of kinds no counter reads are ignored).
    Result<void> apply(const LedgerEntry &entry);
    /// The counter @p key (e.g. "visit:<member>"), 0 when never set.
    Result<int64_t> counter(const std::string &key) const;

private:
    struct Impl;
    explicit MemberCounters(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace tapledger
