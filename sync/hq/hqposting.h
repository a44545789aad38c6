#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/engine/policy.h"
#include "core/engine/venuecalendar.h"
#include "core/result.h"
#include "sync/hq/hqwritetx.h"
#include "sync/hq/pospurchase.h"

#include <cstdint>
#include <memory>
#include <string>

namespace tapledger::sync {

class Merger;

/// What a posting wrote (docs/pos-api.md, "Answer").
struct PostingAnswer
{
    std::string entry;        ///< the main entry on HQ's chain, "hq:<seq>"
    std::string kind;         ///< "purchase", "return" or "adjust"
    Uuid member;
    int64_t points = 0;       ///< points delta: earned (> 0) or taken back (< 0)
    int64_t shortfall = 0;    ///< a return: points it could not take back (the balance was short)
    int64_t balance = 0;      ///< the member's master points after it
    bool duplicate = false;   ///< the same request was posted before: nothing new was stored
    std::string receipt;      ///< the POS's receipt id, "" for an adjust

    /// The answer's JSON (docs/pos-api.md): entry, kind, member, receipt (POS only),
    /// points_earned (purchase) / points_returned and shortfall (return) / points (adjust),
    /// points_balance, duplicate.
    std::string toJson() const;
    /// Reads back what toJson() wrote; Corrupt otherwise.
    static Result<PostingAnswer> fromJson(std::string_view json);
};

/// HQ-originated entries on HQ's own chain ("hq"), through the same master ledger as a kiosk
/// batch (Merger): each call runs inside the caller's write transaction @p tx, is idempotent by
/// its key (hq_postings), updates master balances and holdings, settles debt, and appends the
/// member's new snapshot to the feed, so the change reaches the member's kiosks on their next
/// sync. Nothing is written when a call fails (the caller's transaction rolls back).
class HqPosting
{
public:
    /// Postings signed with @p hqKey, time-stamped @p nowMs (UTC ms) where the request has no time.
    HqPosting(HqWriteTx &tx, const Ed25519SecretKey &hqKey, int64_t nowMs);
    ~HqPosting();

    /// A point-of-sale purchase or return (docs/pos-api.md) from POS @p posId under @p policy,
    /// whose points rules core's PurchasePoints and ReturnPoints apply (the kiosk engine's code).
    /// A purchase writes a `purchase` entry and its `earn` entries; a return a `return` entry
    /// taking back points by the share returned. Key "pos:<posId>:<receipt>". The same request
    /// again answers as the first time with duplicate = true. Errors: NotFound (unknown member,
    /// card or original receipt), Conflict (the receipt was posted with another content; a return
    /// of more than is left, of another member's purchase or of a return), Denied (a card that
    /// is not active).
    Result<PostingAnswer> pos(const std::string &posId, const PosPurchase &request, const Policy &policy,
                              const VenueCalendar &calendar);

    /// A plain points adjustment by HQ (e.g. make-good points after a complaint): an `adjust`
    /// entry of @p points (≠ 0; negative takes points, a balance below zero becomes points debt)
    /// for @p member with `extra.reason` = @p reason (1..200 bytes, one line), `extra.key` =
    /// @p key and, when @p ref is not empty, `refs` = {@p ref} (what it answers, e.g.
    /// "complaint:<id>"). Key "adjust:<key>" (1..128 bytes): the same key with the same member,
    /// points, reason and ref answers duplicate = true; with anything else Conflict. NotFound for
    /// a member HQ has never merged, InvalidArgument for bad arguments.
    Result<PostingAnswer> adjustPoints(const std::string &key, const Uuid &member, int64_t points,
                                       const std::string &reason, const std::string &ref = {});

private:
    Result<PostingAnswer> purchase(const std::string &key, const Uuid &member, const std::string &posId,
                                   const PosPurchase &request, const Policy &policy, const VenueCalendar &calendar);
    Result<PostingAnswer> returnPurchase(const std::string &key, const Uuid &member, const std::string &posId,
                                         const PosPurchase &request, const Policy &policy);
    /// The stored answer for @p key when @p digest matches (duplicate), nullopt when new.
    Result<std::optional<PostingAnswer>> already(const std::string &key, const std::string &digest);
    /// Flushes the merge, stores @p record with @p answer (balance filled in here).
    Result<PostingAnswer> finish(PostingRecord record, PostingAnswer answer);

    HqWriteTx &m_tx;
    const Ed25519SecretKey &m_key;
    int64_t m_now;
    std::unique_ptr<Merger> m_merger;
};

} // namespace tapledger::sync
