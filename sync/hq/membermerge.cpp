#include "sync/hq/membermerge.h"

#include "sync/hq/merger_p.h"
#include "sync/protocol/feedpage.h"

#include <nlohmann/json.hpp>

namespace tapledger::sync {

namespace {
constexpr size_t kMaxStaff = 128;
/// More hops than any real chain of merges: beyond it the aliases loop.
constexpr int kMaxAliasHops = 10000;
/// Thrown away by dryRun()'s transaction so nothing is stored.
constexpr const char *kDryRunMarker = "merge-members dry run: rolled back";

/// Publishes (or replaces) the `member_alias` feed item of every alias that now resolves to
/// @p into, so kiosks learn that those ids are @p into.
Result<void> publishAliases(HqWriteTx &tx, const Ed25519SecretKey &hqKey, const Uuid &into)
{
    auto aliases = MemberMerge::resolvedAliases(tx);
    if (!aliases)
        return std::move(aliases).error();
    for (const auto &[member, end] : *aliases) {
        if (end != into)
            continue;
        auto alias = tx.memberAlias(member);
        if (!alias)
            return std::move(alias).error();
        const std::string body = nlohmann::json{{"member", member.toString()},
                                                {"into", end.toString()},
                                                {"merged_ms", *alias ? (*alias)->mergedMs : 0}}
                                     .dump();
        auto item = tx.appendFeed("member_alias", member.toString(), body, false,
                                  [&](HqFeedItem &i) { signFeedItem(i, hqKey); });
        if (!item)
            return std::move(item).error();
    }
    return {};
}
} // namespace

std::string MemberMerge::refOf(const Uuid &from, const Uuid &into)
{
    return "merge:" + from.toString() + ":" + into.toString();
}

Result<Uuid> MemberMerge::resolve(HqReadTx &tx, const Uuid &member)
{
    Uuid at = member;
    for (int hop = 0; hop < kMaxAliasHops; ++hop) {
        auto alias = tx.memberAlias(at);
        if (!alias)
            return std::move(alias).error();
        if (!*alias)
            return at;
        at = (*alias)->into;
    }
    return fail(ErrorCode::Corrupt, "the member aliases of " + member.toString() + " form a loop");
}

Result<std::map<Uuid, Uuid>> MemberMerge::resolvedAliases(HqReadTx &tx)
{
    auto aliases = tx.memberAliases();
    if (!aliases)
        return std::move(aliases).error();
    std::map<Uuid, Uuid> out;
    for (const MemberAliasRecord &a : *aliases) {
        auto end = resolve(tx, a.member);
        if (!end)
            return std::move(end).error();
        out.emplace(a.member, *end);
    }
    return out;
}

Result<MemberMergeOutcome> MemberMerge::merge(HqWriteTx &tx, const Ed25519SecretKey &hqKey, const MemberMergeRequest &r)
{
    if (r.from == r.into)
        return fail(ErrorCode::InvalidArgument, "cannot merge member " + r.from.toString() + " into itself");
    if (r.staff.size() > kMaxStaff)
        return fail(ErrorCode::InvalidArgument, "the staff name is longer than 128 bytes");
    for (const Uuid &id : {r.from, r.into}) {
        auto known = tx.member(id);
        if (!known)
            return std::move(known).error();
        if (!*known)
            return fail(ErrorCode::NotFound, "member " + id.toString() + " is not known at HQ (no kiosk has synced it)");
    }
    auto intoEnd = resolve(tx, r.into);
    if (!intoEnd)
        return std::move(intoEnd).error();
    if (*intoEnd != r.into)
        return fail(ErrorCode::Conflict, "member " + r.into.toString() + " was merged into " + intoEnd->toString() +
                                             "; merge into " + intoEnd->toString() + " instead");
    MemberMergeOutcome out;
    auto alias = tx.memberAlias(r.from);
    if (!alias)
        return std::move(alias).error();
    if (*alias) {
        auto fromEnd = resolve(tx, r.from);
        if (!fromEnd)
            return std::move(fromEnd).error();
        if (*fromEnd != r.into)
            return fail(ErrorCode::Conflict, "member " + r.from.toString() + " was already merged into " +
                                                 fromEnd->toString() + ", not " + r.into.toString());
        // Only what kiosks merged about the old id since moves (usually nothing).
        out.alreadyMerged = true;
    }
    Merger merger(tx, hqKey, r.nowMs);
    TL_ASSIGN(out.moved, merger.moveMember(r.from, r.into, refOf(r.from, r.into)));
    TL_TRY(merger.flush());
    if (!out.alreadyMerged) {
        TL_TRY(tx.addMemberAlias(MemberAliasRecord{r.from, r.into, r.staff, r.nowMs, out.moved.firstHqSeq}));
        TL_TRY(publishAliases(tx, hqKey, r.into));
    }
    return out;
}

Result<MemberMergeOutcome> MemberMerge::dryRun(HqStore &store, const Ed25519SecretKey &hqKey, const MemberMergeRequest &r)
{
    MemberMergeOutcome out;
    auto written = store.write([&](HqWriteTx &tx) -> Result<void> {
        TL_ASSIGN(out, merge(tx, hqKey, r));
        return fail(ErrorCode::Conflict, kDryRunMarker);
    });
    if (written)
        return fail(ErrorCode::Io, "the dry run of merge-members was stored");
    if (written.error().message != kDryRunMarker)
        return std::move(written).error();
    out.dryRun = true;
    return out;
}

} // namespace tapledger::sync
