#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/result.h"
#include "core/uuid.h"
#include "sync/hq/hqstore.h"
#include "sync/hq/mergerecords.h"

#include <cstdint>
#include <map>
#include <string>

namespace tapledger::sync {

/// A request of `tapledger-hq merge-members` (docs/crm.md, "Duplicates and merge").
struct MemberMergeRequest
{
    Uuid from;            ///< the member merged away
    Uuid into;            ///< the surviving member
    std::string staff;    ///< the HQ operator, "" = not given (at most 128 bytes)
    int64_t nowMs = 0;    ///< the entries' time, UTC ms
};

/// What a merge did (or, for a dry run, would do).
struct MemberMergeOutcome
{
    MemberMoveSummary moved;     ///< what moved from `from` to `into`
    bool alreadyMerged = false;  ///< `from` was merged into `into` before (a re-run)
    bool dryRun = false;         ///< nothing was stored
};

/// Merging duplicate members at HQ and resolving merged-away ids (docs/crm.md, "Duplicates and
/// merge"). A merge moves everything through HQ's master ledger (Merger::moveMember: HQ-signed
/// entries on HQ's chain), records the alias `from` → `into` (member_aliases) and publishes both
/// members' snapshots and a `member_alias` feed item.
class MemberMerge
{
public:
    /// The reason and ref a merge's entries carry: "merge:<from>:<into>".
    static std::string refOf(const Uuid &from, const Uuid &into);

    /// Merges inside @p tx, signing with @p hqKey. InvalidArgument for `from` = `into` or a staff
    /// name over 128 bytes; NotFound when either member is unknown at HQ; Conflict when `into` was
    /// merged away (the message names where it went) or `from` was merged into another member.
    /// Re-running a merge of `from` into `into` (or into the member `into` was merged into since) is
    /// no error: alreadyMerged, and only what was merged about `from` since moves (usually nothing).
    static Result<MemberMergeOutcome> merge(HqWriteTx &tx, const Ed25519SecretKey &hqKey, const MemberMergeRequest &r);
    /// The same checks and figures as merge() in a write transaction of @p store that is rolled
    /// back: nothing is stored.
    static Result<MemberMergeOutcome> dryRun(HqStore &store, const Ed25519SecretKey &hqKey, const MemberMergeRequest &r);

    /// The member @p member resolves to: itself unless merged away, else the end of its aliases
    /// (A→B then B→C: C). Corrupt for a cycle of aliases.
    static Result<Uuid> resolve(HqReadTx &tx, const Uuid &member);
    /// Every merged-away member and the member it resolves to now, ordered by merged-away id.
    static Result<std::map<Uuid, Uuid>> resolvedAliases(HqReadTx &tx);
};

} // namespace tapledger::sync
