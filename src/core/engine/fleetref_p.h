#pragma once
// Private to the engine: fleet-wide references of vouchers and point batches
// (docs/sync-protocol.md, "Vouchers and point batches in the snapshot").

#include "core/ledger/ledgerentry.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace tapledger {

class SqliteDb;

namespace fleetref {

/// Local numbers at or above this are vouchers or point batches adopted from an HQ snapshot
/// whose issuing entry is another chain's (10^12: far above any kiosk's seq, exact in a JS number
/// for QML). Below it, a local number is the seq of this kiosk's own issuing entry.
inline constexpr int64_t kAdoptedBase = 1'000'000'000'000;

/// The fleet-wide reference of entry @p seq of chain @p chain: "entry:<chain>:<seq>".
std::string of(const std::string &chain, uint64_t seq);

/// A parsed "entry:<chain>:<seq>" (seq >= 1).
struct Parsed
{
    std::string chain;
    uint64_t seq = 0;
};

/// Parses @p ref; nullopt when it is not "entry:<chain>:<seq>" with seq >= 1.
std::optional<Parsed> parse(const std::string &ref);

/// The local number of the voucher or batch @p ref in the mapping table @p table
/// (engine_voucher_refs or engine_batch_refs): this kiosk's own entries (@p own) map to their seq;
/// other chains' to an adopted number, allocated (kAdoptedBase + rows so far + 1) when
/// @p allocate and the ref is new, else 0. InvalidArgument for a malformed ref.
Result<int64_t> localFor(SqliteDb &db, const char *table, const std::string &own, const std::string &ref, bool allocate);

/// The fleet-wide reference of local number @p local (the inverse of localFor); NotFound for an
/// adopted number the table does not hold.
Result<std::string> refFor(SqliteDb &db, const char *table, const std::string &own, int64_t local);

/// The holdings an hq_sync member entry adopted: the snapshot's `vouchers` or `batches` array,
/// `batch_debt` and `sources[own]` (the last of this kiosk's entries HQ had merged).
struct Snapshot
{
    std::shared_ptr<const nlohmann::json> extra; ///< keeps `list` alive
    const nlohmann::json *list = nullptr;         ///< the array named by the caller
    int64_t batchDebt = 0;                        ///< points beyond every batch at HQ, >= 0
    uint64_t mergedUpTo = 0;                      ///< sources[own id], 0 = none
    const nlohmann::json *body = nullptr;         ///< the whole member body (kept alive by `extra`)
};

/// The snapshot @p e adopted when it is an hq_sync entry of a `member` item carrying the array
/// @p field ("vouchers" or "batches"); nullopt otherwise (an HQ that sends balances only).
Result<std::optional<Snapshot>> snapshotOf(const LedgerEntry &e, const char *field);

/// Calls @p apply for each of this kiosk's own entries about @p member with a seq after
/// @p mergedUpTo and before @p beforeSeq, in seq order, leaving out hq_sync and card_sync entries
/// (card_sync deltas are another kiosk's entries, which HQ merges from that kiosk): the entries HQ
/// had not merged when it made a snapshot (docs/sync-protocol.md, "Whose view wins").
Result<void> forEachUnmerged(SqliteDb &db, const Uuid &member, uint64_t mergedUpTo, uint64_t beforeSeq,
                             const std::function<Result<void>(const StoredEntry &)> &apply);

} // namespace fleetref
} // namespace tapledger
