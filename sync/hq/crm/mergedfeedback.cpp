#include "sync/hq/crm/mergedfeedback.h"

#include "sync/protocol/protocol.h"

namespace tapledger::sync {

namespace {
/// The feedback of @p stored, nullopt for another kind or HQ's own chain.
Result<std::optional<MergedFeedback>> read(const StoredEntry &stored)
{
    const LedgerEntry &e = stored.entry;
    if (e.kioskId == kHqChainId)
        return std::optional<MergedFeedback>{};
    auto effect = feedbackEffect(e);
    if (!effect)
        return fail(effect.error().code, e.kioskId + ": " + effect.error().message);
    if (!*effect)
        return std::optional<MergedFeedback>{};
    return std::optional<MergedFeedback>{MergedFeedback{e.kioskId, e.seq, e.member, e.timeMs, std::move(**effect)}};
}
} // namespace

Result<std::vector<MergedFeedback>> MergedFeedback::load(HqReadTx &tx)
{
    auto entries = tx.entriesOfKind(EntryKind::Feedback);
    if (!entries)
        return std::move(entries).error();
    std::vector<MergedFeedback> out;
    for (const StoredEntry &stored : *entries) {
        auto f = read(stored);
        if (!f)
            return std::move(f).error();
        if (*f)
            out.push_back(std::move(**f));
    }
    return out;
}

Result<MergedFeedback> MergedFeedback::load(HqReadTx &tx, const std::string &kioskId, uint64_t seq)
{
    const std::string id = idOf(kioskId, seq);
    auto page = tx.entries(kioskId, seq, 1);
    if (!page)
        return std::move(page).error();
    if (page->empty() || page->front().entry.seq != seq)
        return fail(ErrorCode::NotFound, "HQ holds no entry " + id);
    auto f = read(page->front());
    if (!f)
        return std::move(f).error();
    if (!*f)
        return fail(ErrorCode::NotFound, "entry " + id + " is no feedback (it is a " +
                                             std::string(entryKindName(page->front().entry.kind)) + " entry)");
    return std::move(**f);
}

} // namespace tapledger::sync
