// Cards: lost-card replacement (transfer pair), blocking, deny-list, card use on actions, and the
// offline caps of DESIGN.md invariant 6.
#include "core/engine/engine_p.h"

#include "core/engine/sql_p.h"

#include <algorithm>
#include <climits>

namespace tapledger {

namespace {
constexpr int64_t kHourMs = 3'600'000;

/// Offline spending of a card since its last online contact (engine_card_online).
struct OfflineUse
{
    int64_t count = 0, value = 0;
};

Result<OfflineUse> offlineUse(SqliteDb &db, const Uuid &card)
{
    auto stmt = sql::queryRow(db, "never offline", "SELECT offline_count, offline_value FROM engine_card_online WHERE card = ?",
                              card);
    if (!stmt && stmt.error().code == ErrorCode::NotFound)
        return OfflineUse{};
    if (!stmt)
        return std::move(stmt).error();
    return OfflineUse{stmt->int64At(0), stmt->int64At(1)};
}
} // namespace

Result<CardStatusView> Engine::cardStatus(const Uuid &card) const
{
    auto stmt = sql::queryRow(d->db(), "unknown card " + card.toString(),
                              "SELECT member, status FROM engine_cards WHERE card = ?", card);
    if (!stmt && stmt.error().code == ErrorCode::NotFound) {
        // A card HQ deny-listed that this kiosk never saw issued is still refused as blocked.
        auto denied = sql::queryRow(d->db(), "unknown card " + card.toString(),
                                    "SELECT member FROM engine_hq_deny WHERE card = ?", card);
        if (denied)
            return CardStatusView{card, sql::uuidAt(*denied, 0), "blocked"};
    }
    if (!stmt)
        return reasonIf(std::move(stmt).error(), ErrorCode::NotFound, ErrorReason::UnknownCard);
    return CardStatusView{card, sql::uuidAt(*stmt, 0), stmt->textAt(1)};
}

Result<std::vector<Uuid>> Engine::denyList() const
{
    auto stmt = d->db().prepare("SELECT card FROM engine_cards WHERE status <> 'active' ORDER BY card");
    if (!stmt)
        return std::move(stmt).error();
    std::vector<Uuid> out;
    TL_TRY(sql::forEachRow(*stmt, [&] { out.push_back(sql::uuidAt(*stmt, 0)); }));
    return out;
}

Result<Engine::Impl::CardUse> Engine::Impl::useCard(const Uuid &card, const Uuid &member, uint32_t counter) const
{
    if (card.isNil())
        return CardUse{};
    auto stmt = sql::queryRow(db(), "unknown card " + card.toString(),
                              "SELECT c.member, c.status, coalesce(s.counter, 0) FROM engine_cards c "
                              "LEFT JOIN card_states s ON s.card = c.card WHERE c.card = ?",
                              card);
    if (!stmt)
        return reasonIf(std::move(stmt).error(), ErrorCode::NotFound, ErrorReason::UnknownCard);
    const std::string status = stmt->textAt(1);
    if (status != "active")
        return fail(ErrorCode::Denied, ErrorReason::CardBlocked,
                    "card " + card.toString() + " is " + status + " (card replaced/blocked)");
    if (sql::uuidAt(*stmt, 0) != member)
        return fail(ErrorCode::Denied, "card " + card.toString() + " belongs to another member");
    const int64_t last = stmt->int64At(2);
    if (last >= UINT32_MAX)
        return fail(ErrorCode::Overflow, "card " + card.toString() + " has used up its counter");
    return CardUse{card, std::max(counter, static_cast<uint32_t>(last + 1))};
}

void Engine::Impl::stamp(std::vector<LedgerEntry> &drafts, const CardUse &use, const Uuid &staff)
{
    for (auto &e : drafts) {
        if (!use.card.isNil()) {
            e.card = use.card;
            e.cardCounter = use.counter;
        }
        if (e.staff.isNil())
            e.staff = staff;
    }
}

Result<void> Engine::Impl::spendOffline(const CardUse &use, int64_t value)
{
    if (online)
        return {};
    const OfflinePolicy limits = offlineLimits();
    if (now() - denyListUpdatedMs > limits.maxDenyListAgeHours * kHourMs) {
        Error e = fail(ErrorCode::Denied, ErrorReason::OfflineDenyListStale,
                       "offline and the deny-list is too old (older than " +
                           std::to_string(limits.maxDenyListAgeHours) +
                           " hours): no offline spending until the kiosk is back online");
        e.needed = limits.maxDenyListAgeHours;
        return e;
    }
    if (use.card.isNil())
        return {};
    auto used = offlineUse(db(), use.card);
    if (!used)
        return std::move(used).error();
    if (used->count >= limits.maxRedemptions) {
        Error e = fail(ErrorCode::Denied, ErrorReason::OfflineCountLimit,
                       "offline limit reached: " + std::to_string(used->count) +
                           " offline payments/redemptions on this card since it was last online (limit " +
                           std::to_string(limits.maxRedemptions) + ")");
        e.needed = limits.maxRedemptions;
        return e;
    }
    if (used->value + value > limits.maxValue) {
        const int64_t left = std::max<int64_t>(0, limits.maxValue - used->value);
        Error e = fail(ErrorCode::Denied, ErrorReason::OfflineValueLimit,
                       "offline limit reached: " + money(used->value + value) + " would pass the offline value limit of " +
                           money(limits.maxValue) + " per card (" + money(left) + " left)");
        e.available = left;
        e.needed = value;
        return e;
    }
    // Counted in the action's scope: a refused action does not count.
    return sql::run(db(),
                    "INSERT INTO engine_card_online(card, last_online_ms, offline_count, offline_value) VALUES(?, 0, 1, ?) "
                    "ON CONFLICT(card) DO UPDATE SET offline_count = offline_count + 1, "
                    "offline_value = offline_value + excluded.offline_value",
                    use.card, value);
}

OfflinePolicy Engine::Impl::offlineLimits() const
{
    OfflinePolicy limits = policy.offline;
    if (localOffline) {
        limits.maxRedemptions = std::min(limits.maxRedemptions, localOffline->maxRedemptions);
        limits.maxValue = std::min(limits.maxValue, localOffline->maxValue);
        limits.maxDenyListAgeHours = std::min(limits.maxDenyListAgeHours, localOffline->maxDenyListAgeHours);
    }
    return limits;
}

void Engine::tightenOfflineLimits(const OfflinePolicy &local)
{
    assert(local.maxRedemptions >= 0 && local.maxValue >= 0 && local.maxDenyListAgeHours >= 1);
    d->localOffline = local;
}

void Engine::setConnectivity(bool online, int64_t denyListUpdatedMs)
{
    d->online = online;
    d->denyListUpdatedMs = denyListUpdatedMs;
}

Result<void> Engine::markCardOnline(const Uuid &card)
{
    d->refreshPolicy();
    TL_TRY(memberForCard(card));
    return sql::run(d->db(),
                    "INSERT OR REPLACE INTO engine_card_online(card, last_online_ms, offline_count, offline_value) "
                    "VALUES(?, ?, 0, 0)",
                    card, d->now());
}

Result<OfflineAllowance> Engine::offlineAllowance(const Uuid &card) const
{
    d->refreshPolicy();
    TL_TRY(cardStatus(card));
    auto used = offlineUse(d->db(), card);
    if (!used)
        return std::move(used).error();
    const OfflinePolicy limits = d->offlineLimits();
    OfflineAllowance a;
    a.online = d->online;
    a.redemptionsLeft = std::max<int64_t>(0, limits.maxRedemptions - used->count);
    a.valueLeft = std::max<int64_t>(0, limits.maxValue - used->value);
    a.denyListStale = !d->online && d->now() - d->denyListUpdatedMs > limits.maxDenyListAgeHours * kHourMs;
    return a;
}

Result<Receipt> Engine::replaceCard(const Uuid &oldCard, const Uuid &newCard, const Uuid &staff)
{
    d->refreshPolicy();
    auto old = cardStatus(oldCard);
    if (!old)
        return std::move(old).error();
    if (newCard.isNil() || newCard == oldCard)
        return fail(ErrorCode::InvalidArgument, "the replacement needs a new card id");
    if (old->status != "active")
        return fail(ErrorCode::Conflict, "card " + oldCard.toString() + " is already " + old->status);
    if (cardStatus(newCard))
        return fail(ErrorCode::AlreadyExists, "card " + newCard.toString() + " is already issued");
    auto use = d->useCard(oldCard, old->member, 0);
    if (!use)
        return std::move(use).error();
    return d->transact(old->member, [&](Receipt &receipt) -> Result<void> {
        TL_TRY(d->expireDue(&old->member, receipt)); // expired points are not carried over
        const MemberBalance b = d->ledger().balance(old->member);
        const nlohmann::json moved = {{"deposit", b.deposit}, {"bonus", b.bonus}, {"points", b.points}};
        nlohmann::json out = moved, in = moved;
        out["direction"] = "out";
        out["to_card"] = newCard.toString();
        in["direction"] = "in";
        in["from_card"] = oldCard.toString();
        const uint64_t outSeq = d->nextSeq();
        std::vector<LedgerEntry> drafts = {d->draft(EntryKind::Transfer, old->member, out, {}),
                                           d->draft(EntryKind::Transfer, old->member, in, {d->entryRef(outSeq)})};
        drafts[0].card = oldCard;
        drafts[0].cardCounter = use->counter;
        drafts[1].card = newCard;
        drafts[1].cardCounter = 1;
        for (int i = 0; i < 2; ++i) {
            const int64_t sign = i == 0 ? -1 : 1;
            drafts[static_cast<size_t>(i)].depositDelta = sign * b.deposit;
            drafts[static_cast<size_t>(i)].bonusDelta = sign * b.bonus;
            drafts[static_cast<size_t>(i)].pointsDelta = sign * b.points;
            drafts[static_cast<size_t>(i)].staff = staff;
        }
        auto stored = d->append(std::move(drafts), receipt);
        if (!stored)
            return std::move(stored).error();
        receipt.mainSeq = stored->back().entry.seq;
        return {};
    });
}

Result<Receipt> Engine::blockCard(const Uuid &card, const std::string &reason, const Uuid &staff)
{
    d->refreshPolicy();
    auto status = cardStatus(card);
    if (!status)
        return std::move(status).error();
    if (reason.empty() || reason.size() > 200)
        return fail(ErrorCode::InvalidArgument, "blocking a card needs a reason of 1 to 200 characters");
    if (status->status != "active")
        return fail(ErrorCode::Conflict, "card " + card.toString() + " is already " + status->status);
    return d->transact(status->member, [&](Receipt &receipt) -> Result<void> {
        auto e = d->draft(EntryKind::CardAlert, status->member, {{"action", "block"}, {"reason", reason}}, {});
        e.card = card;
        e.staff = staff;
        return d->appendMain({e}, receipt);
    });
}

} // namespace tapledger
