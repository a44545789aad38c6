// HQ sync: adopting HQ's signed change feed (docs/sync-protocol.md, "Whose view wins").
#include "core/engine/engine_p.h"

#include "core/checkedmath.h"
#include "core/engine/entryextra_p.h"
#include "core/engine/fleetref_p.h"
#include "core/engine/hqoffers.h"
#include "core/engine/memberprofile.h"
#include "core/engine/sql_p.h"
#include "core/ledger/canonicalcodec.h"

namespace tapledger {

namespace {
constexpr const char *kCursorKey = "hq_feed_cursor";

struct Deltas
{
    int64_t deposit = 0, bonus = 0, points = 0;
};

Result<nlohmann::json> parseBody(const HqFeedItem &item)
{
    auto canonical = CanonicalCodec::canonicalJson(item.body);
    if (!canonical || canonical->empty() || *canonical != item.body)
        return fail(ErrorCode::InvalidArgument,
                    "feed item " + std::to_string(item.seq) + ": body is not a canonical JSON object");
    return nlohmann::json::parse(item.body);
}

bool isInt(const nlohmann::json &j, const char *key)
{
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer();
}

/// The snapshot's vouchers and point batches (docs/sync-protocol.md) are well formed and its
/// batches add up to its points, or why not. Absent both, the snapshot carries balances only.
std::string holdingsDefect(const nlohmann::json &body)
{
    const auto vouchers = body.find("vouchers");
    const auto batches = body.find("batches");
    if (vouchers == body.end() && batches == body.end())
        return {};
    if (vouchers == body.end() || batches == body.end() || !vouchers->is_array() || !batches->is_array() ||
        !isInt(body, "batch_debt") || extra::num(body, "batch_debt") < 0)
        return "vouchers, batches and batch_debt come together (arrays and a count >= 0)";
    const auto ref = [](const nlohmann::json &j) { return fleetref::parse(extra::str(j, "ref")).has_value(); };
    for (const auto &v : *vouchers) {
        if (!v.is_object() || !ref(v) || !isInt(v, "value") || extra::num(v, "value") <= 0 || !isInt(v, "min_spend") ||
            !isInt(v, "issued_ms") || !isInt(v, "expires_ms"))
            return "a voucher without ref, value > 0, min_spend, issued_ms and expires_ms";
    }
    if (const auto expired = body.find("expired_vouchers"); expired != body.end()) {
        if (!expired->is_array())
            return "expired_vouchers must be an array of voucher references";
        for (const auto &r : *expired)
            if (!r.is_string() || !fleetref::parse(r.get<std::string>()))
                return "expired_vouchers must be an array of voucher references";
    }
    int64_t sum = 0;
    for (const auto &b : *batches) {
        if (!b.is_object() || !ref(b) || !isInt(b, "remaining") || extra::num(b, "remaining") <= 0 ||
            !isInt(b, "initial") || !isInt(b, "earned_ms") || !isInt(b, "expires_ms"))
            return "a point batch without ref, remaining > 0, initial, earned_ms and expires_ms";
        auto s = checkedAdd(sum, extra::num(b, "remaining"), "points");
        if (!s)
            return s.error().message;
        sum = *s;
    }
    if (sum - extra::num(body, "batch_debt") != extra::num(body, "points"))
        return "its point batches (" + std::to_string(sum) + " − debt " + std::to_string(extra::num(body, "batch_debt")) +
               ") do not add up to its points (" + std::to_string(extra::num(body, "points")) + ")";
    return {};
}
} // namespace

uint64_t Engine::hqFeedCursor() const
{
    auto v = sql::queryInt(d->db(), "SELECT value FROM engine_sync_state WHERE key = ?", std::string(kCursorKey));
    return v && *v ? static_cast<uint64_t>(**v) : 0;
}

Result<std::vector<FleetKey>> Engine::fleetKeys() const
{
    auto stmt = d->db().prepare("SELECT kiosk_id, public_key, status FROM engine_fleet_keys ORDER BY kiosk_id");
    if (!stmt)
        return std::move(stmt).error();
    std::vector<FleetKey> out;
    TL_TRY(sql::forEachRow(*stmt, [&] {
        FleetKey k;
        k.kioskId = stmt->textAt(0);
        const Bytes key = stmt->blobAt(1);
        if (key.size() == k.publicKey.size())
            std::copy(key.begin(), key.end(), k.publicKey.begin());
        k.status = stmt->textAt(2);
        out.push_back(std::move(k));
    }));
    return out;
}

Result<void> Engine::markCardsReconciled(std::span<const Uuid> cards)
{
    for (const auto &card : cards) {
        TL_TRY(sql::run(d->db(),
                        "UPDATE engine_card_online SET last_online_ms = ?, offline_count = 0, offline_value = 0 "
                        "WHERE card = ?",
                        d->now(), card));
    }
    return {};
}

Result<HqSyncOutcome> Engine::applyHqFeed(std::span<const HqFeedItem> items, uint64_t nextCursor)
{
    const uint64_t cursor = hqFeedCursor();
    HqSyncOutcome out;
    const std::string own = d->ledger().kioskId();

    // This kiosk's own entries about a member that HQ had not merged when it made the snapshot.
    const auto unmerged = [&](const Uuid &member, uint64_t afterSeq) -> Result<Deltas> {
        Deltas sum;
        TL_TRY(fleetref::forEachUnmerged(d->db(), member, afterSeq, UINT64_MAX, [&](const StoredEntry &s) -> Result<void> {
            sum.deposit += s.entry.depositDelta;
            sum.bonus += s.entry.bonusDelta;
            sum.points += s.entry.pointsDelta;
            return {};
        }));
        return sum;
    };

    const auto memberDraft = [&](const HqFeedItem &item, const nlohmann::json &body, nlohmann::json &x) -> Result<LedgerEntry> {
        auto member = Uuid::parse(extra::str(body, "member"));
        if (!member || member->isNil())
            return fail(ErrorCode::InvalidArgument, "feed item " + std::to_string(item.seq) + ": member snapshot without a member id");
        for (const char *k : {"deposit", "bonus", "points"}) {
            if (!isInt(body, k))
                return fail(ErrorCode::InvalidArgument,
                            "feed item " + std::to_string(item.seq) + ": member snapshot without an integer " + k);
        }
        if (const std::string why = holdingsDefect(body); !why.empty())
            return fail(ErrorCode::InvalidArgument, "feed item " + std::to_string(item.seq) + ": member snapshot: " + why);
        const std::string currency = extra::str(body, "currency");
        if ((extra::num(body, "deposit") != 0 || extra::num(body, "bonus") != 0) && currency != d->policy.currency)
            return fail(ErrorCode::Conflict, "feed item " + std::to_string(item.seq) + ": member snapshot in " + currency +
                                                 ", the policy's currency is " + d->policy.currency);
        uint64_t mergedUpTo = 0;
        if (auto s = body.find("sources"); s != body.end() && s->is_object()) {
            if (auto mine = s->find(own); mine != s->end() && mine->is_number_unsigned())
                mergedUpTo = mine->get<uint64_t>();
        }
        auto since = unmerged(*member, mergedUpTo);
        if (!since)
            return std::move(since).error();
        const MemberBalance now = d->ledger().balance(*member);
        LedgerEntry e = d->draft(EntryKind::HqSync, *member, {}, {});
        e.depositDelta = extra::num(body, "deposit") + since->deposit - now.deposit;
        e.bonusDelta = extra::num(body, "bonus") + since->bonus - now.bonus;
        e.pointsDelta = extra::num(body, "points") + since->points - now.points;
        const std::string handle = extra::str(body, "handle");
        if (!handle.empty()) {
            auto holder = sql::queryInt(d->db(), "SELECT count(*) FROM engine_members WHERE handle = ? AND member <> ?",
                                        handle, *member);
            if (!holder)
                return std::move(holder).error();
            if (holder->value_or(0) > 0)
                x["handle_conflict"] = true;
        }
        return e;
    };

    auto receipt = d->transact(Uuid{}, [&](Receipt &r) -> Result<void> {
        uint64_t last = cursor;
        for (const auto &item : items) {
            if (item.seq <= last)
                return fail(ErrorCode::InvalidArgument, "feed item " + std::to_string(item.seq) +
                                                            " is not after the cursor " + std::to_string(last));
            last = item.seq;
            if (item.type != "member" && item.type != "deny" && item.type != "kiosk_key" && item.type != "policy" &&
                item.type != "stock" && item.type != "offers" && item.type != "profile" &&
                item.type != "member_alias") {
                ++out.skipped;
                continue;
            }
            auto body = parseBody(item);
            if (!body)
                return std::move(body).error();
            nlohmann::json x = {{"feed", item.seq}, {"type", item.type}, {"body", *body},
                                {"hq_sig", toHex(item.signature)}};
            LedgerEntry e;
            if (item.type == "member") {
                auto m = memberDraft(item, *body, x);
                if (!m)
                    return std::move(m).error();
                e = std::move(*m);
            } else if (item.type == "policy") {
                const auto policy = body->find("policy");
                if (extra::str(*body, "policy_id").empty() || !isInt(*body, "version") || !isInt(*body, "effective_ms") ||
                    policy == body->end() || !policy->is_object())
                    return fail(ErrorCode::InvalidArgument, "feed item " + std::to_string(item.seq) +
                                                                ": policy item without policy_id, version, effective_ms and policy");
                // Recorded either way, so the page (and the cursor) move on; refused ones say why.
                if (const std::string why = d->policyRefusal(*body); !why.empty()) {
                    x["refused"] = why;
                    out.refused.push_back("feed item " + std::to_string(item.seq) + ": " + why);
                }
                e = d->draft(EntryKind::HqSync, Uuid{}, {}, {});
            } else if (item.type == "offers") {
                auto member = Uuid::parse(extra::str(*body, "member"));
                const auto list = body->find("offers");
                if (!member || member->isNil() || list == body->end() || !list->is_array())
                    return fail(ErrorCode::InvalidArgument,
                                "feed item " + std::to_string(item.seq) + ": offers item without member and offers");
                // An authentic list this engine cannot read (a newer HQ) is recorded, not adopted.
                if (auto offers = HqOffers::parse(list->dump()); !offers) {
                    x["refused"] = offers.error().message;
                    out.refused.push_back("feed item " + std::to_string(item.seq) + ": " + offers.error().message);
                }
                e = d->draft(EntryKind::HqSync, *member, {}, {});
            } else if (item.type == "profile") {
                auto member = Uuid::parse(extra::str(*body, "member"));
                const auto profile = body->find("profile");
                if (!member || member->isNil() || profile == body->end() || !profile->is_object())
                    return fail(ErrorCode::InvalidArgument,
                                "feed item " + std::to_string(item.seq) + ": profile item without member and profile");
                // An authentic profile this engine cannot read (a newer HQ) is recorded, not adopted.
                if (auto p = MemberProfile::parse(profile->dump()); !p) {
                    x["refused"] = p.error().message;
                    out.refused.push_back("feed item " + std::to_string(item.seq) + ": " + p.error().message);
                }
                e = d->draft(EntryKind::HqSync, *member, {}, {});
            } else if (item.type == "member_alias") {
                auto member = Uuid::parse(extra::str(*body, "member"));
                auto into = Uuid::parse(extra::str(*body, "into"));
                if (!member || member->isNil() || !into || into->isNil() || *into == *member ||
                    !isInt(*body, "merged_ms"))
                    return fail(ErrorCode::InvalidArgument,
                                "feed item " + std::to_string(item.seq) +
                                    ": member_alias item without member, another member into and merged_ms");
                e = d->draft(EntryKind::HqSync, *member, {}, {});
            } else if (item.type == "stock") {
                if (extra::str(*body, "reward").empty() || !isInt(*body, "remaining"))
                    return fail(ErrorCode::InvalidArgument,
                                "feed item " + std::to_string(item.seq) + ": stock item without reward and remaining");
                e = d->draft(EntryKind::HqSync, Uuid{}, {}, {});
            } else {
                Uuid member;
                if (item.type == "deny") {
                    auto id = Uuid::parse(extra::str(*body, "member"));
                    if (!id || !Uuid::parse(extra::str(*body, "card")))
                        return fail(ErrorCode::InvalidArgument,
                                    "feed item " + std::to_string(item.seq) + ": deny line without card and member");
                    member = *id;
                } else if (!fromHexExact(extra::str(*body, "public_key"), 32, "public_key") ||
                           extra::str(*body, "kiosk_id").empty()) {
                    return fail(ErrorCode::InvalidArgument,
                                "feed item " + std::to_string(item.seq) + ": kiosk key without kiosk id and public key");
                }
                e = d->draft(EntryKind::HqSync, member, {}, {});
            }
            e.refs = {"hq:feed:" + std::to_string(item.seq)};
            e.extra = extra::dump(x);
            auto stored = d->append({std::move(e)}, r);
            if (!stored)
                return std::move(stored).error();
            ++out.applied;
        }
        if (nextCursor < last)
            return fail(ErrorCode::InvalidArgument, "feed cursor " + std::to_string(nextCursor) +
                                                        " is before the page's last item " + std::to_string(last));
        return sql::run(d->db(), "INSERT OR REPLACE INTO engine_sync_state(key, value) VALUES(?, ?)",
                        std::string(kCursorKey), static_cast<int64_t>(nextCursor));
    });
    if (!receipt)
        return std::move(receipt).error();
    TL_TRY(d->loadHqPolicies());
    d->refreshPolicy();
    out.cursor = nextCursor;
    out.seqs = receipt->seqs;
    return out;
}

} // namespace tapledger
