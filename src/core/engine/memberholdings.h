#pragma once

#include "core/ledger/ledgerentry.h"
#include "core/result.h"
#include "core/uuid.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tapledger {

/// An open voucher as HQ's snapshot carries it (docs/sync-protocol.md, `member` body).
struct HeldVoucher
{
    std::string ref;      ///< the issuing entry, "entry:<kiosk>:<seq>"
    std::string source;   ///< rule id or "offer:<id>"
    int64_t value = 0;    ///< minor units
    int64_t minSpend = 0; ///< minor units
    int64_t issuedMs = 0, expiresMs = 0; ///< UTC ms
    std::string purchase; ///< the purchase that issued it, "entry:<kiosk>:<seq>", "" = none
};

/// A point batch with points left, as HQ's snapshot carries it.
struct HeldBatch
{
    std::string ref;       ///< the crediting entry, "entry:<chain>:<seq>"
    int64_t earnedMs = 0;  ///< UTC ms
    int64_t expiresMs = 0; ///< UTC ms; INT64_MAX = never
    int64_t initial = 0, remaining = 0; ///< points
    std::string purchase;  ///< the purchase that earned it, "" = none
};

/// What applying one entry found that HQ must settle (docs/sync-protocol.md, "Merge at HQ").
struct HoldingsStep
{
    bool voucherNotOpen = false; ///< a voucher_use of a voucher already used, expired or unknown
    int64_t voucherValue = 0;    ///< that use's value (minor units)
    int64_t expiredTwice = 0;    ///< points a points_expire took beyond its batch's remaining (> 0: the
                                 ///< batch was spent or expired elsewhere first)
};

/// One member's open vouchers and point batches computed from the member's entries of any chain
/// (kiosks and HQ), in the order HQ merged them, with the engine's own VoucherProjection and
/// PointBatchProjection — never a second implementation. Entries are renumbered into one
/// sequence and their references to vouchers, batches and purchases translated through the
/// fleet-wide `entry:<chain>:<seq>` refs; hq_sync and card_sync entries are skipped, and so are
/// HQ's `duplicate_expiry` adjustments (a points_expire takes at most its batch's remaining here,
/// so the points HQ gives back are in no batch). Holds an in-memory SQLite database.
class MemberHoldings
{
public:
    /// Empty holdings of @p member.
    static Result<MemberHoldings> create(const Uuid &member);
    MemberHoldings(MemberHoldings &&) noexcept;
    MemberHoldings &operator=(MemberHoldings &&) noexcept;
    ~MemberHoldings();

    /// Applies @p entry (its kioskId is its chain) and says what HQ must settle. Entries about
    /// other members are an InvalidArgument.
    Result<HoldingsStep> apply(const LedgerEntry &entry);
    /// The open vouchers (not used, not expired by an entry), in merge order.
    Result<std::vector<HeldVoucher>> vouchers() const;
    /// The fleet-wide refs of the newest @p limit vouchers closed by a voucher_expire entry (expired,
    /// or void with a returned purchase), oldest first in merge order; @p limit >= 0. A snapshot
    /// lists them so a kiosk that still holds one open shows it expired, not used.
    Result<std::vector<std::string>> expiredVouchers(int64_t limit) const;
    /// The batches with points left, oldest expiry first.
    Result<std::vector<HeldBatch>> batches() const;
    /// Points debited beyond every batch, not yet paid off by a credit (>= 0).
    Result<int64_t> batchDebt() const;

private:
    struct Impl;
    explicit MemberHoldings(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace tapledger
