#include "sync/hq/hqposting.h"

#include "core/bytes.h"
#include "core/checkedmath.h"
#include "core/crypto/sha256.h"
#include "core/engine/membercounters.h"
#include "core/engine/purchasepoints.h"
#include "core/engine/returnpoints.h"
#include "sync/hq/merger_p.h"
#include "sync/protocol/protocol.h"

#include <nlohmann/json.hpp>

namespace tapledger::sync {

namespace {
constexpr size_t kMaxReason = 200;

std::string hqRef(uint64_t seq)
{
    return "entry:" + std::string(kHqChainId) + ":" + std::to_string(seq);
}

/// The request's lines as a purchase entry's `items` (what purchaseEffect reads).
nlohmann::json itemsOf(const PosPurchase &request)
{
    nlohmann::json items = nlohmann::json::array();
    for (const auto &l : request.lines) {
        nlohmann::json item = {{"category", l.category}, {"quantity", l.quantity}, {"amount", l.amountMinor}};
        if (!l.sku.empty())
            item["sku"] = l.sku;
        items.push_back(std::move(item));
    }
    return items;
}

bool oneLine(std::string_view s)
{
    for (const char c : s) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            return false;
    }
    return true;
}
} // namespace

std::string PostingAnswer::toJson() const
{
    nlohmann::json j = {{"entry", entry},          {"kind", kind},           {"member", member.toString()},
                        {"points_balance", balance}, {"duplicate", duplicate}};
    if (!receipt.empty())
        j["receipt"] = receipt;
    if (kind == "purchase")
        j["points_earned"] = points;
    else if (kind == "return") {
        j["points_returned"] = -points;
        j["shortfall"] = shortfall;
    } else
        j["points"] = points;
    return j.dump();
}

Result<PostingAnswer> PostingAnswer::fromJson(std::string_view json)
{
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object())
        return fail(ErrorCode::Corrupt, "a stored posting answer is not a JSON object");
    PostingAnswer a;
    a.entry = j.value("entry", "");
    a.kind = j.value("kind", "");
    auto member = Uuid::parse(j.value("member", ""));
    if (!member)
        return fail(ErrorCode::Corrupt, "a stored posting answer names no member");
    a.member = *member;
    a.balance = j.value("points_balance", int64_t{0});
    a.duplicate = j.value("duplicate", false);
    a.receipt = j.value("receipt", "");
    a.points = a.kind == "purchase" ? j.value("points_earned", int64_t{0})
               : a.kind == "return" ? -j.value("points_returned", int64_t{0})
                                    : j.value("points", int64_t{0});
    a.shortfall = j.value("shortfall", int64_t{0});
    return a;
}

HqPosting::HqPosting(HqWriteTx &tx, const Ed25519SecretKey &hqKey, int64_t nowMs)
    : m_tx(tx), m_key(hqKey), m_now(nowMs), m_merger(std::make_unique<Merger>(tx, hqKey, nowMs))
{
}

HqPosting::~HqPosting() = default;

Result<std::optional<PostingAnswer>> HqPosting::already(const std::string &key, const std::string &digest)
{
    auto stored = m_tx.posting(key);
    if (!stored)
        return std::move(stored).error();
    if (!*stored)
        return std::optional<PostingAnswer>{};
    if ((*stored)->digest != digest)
        return fail(ErrorCode::Conflict, key + " was already posted with a different content (" + (*stored)->kind +
                                             " " + hqRef((*stored)->firstSeq).substr(6) + ")");
    auto answer = PostingAnswer::fromJson((*stored)->answerJson);
    if (!answer)
        return std::move(answer).error();
    answer->duplicate = true;
    return std::optional<PostingAnswer>{std::move(*answer)};
}

Result<PostingAnswer> HqPosting::finish(PostingRecord record, PostingAnswer answer)
{
    auto b = m_merger->balance(record.member);
    if (!b)
        return std::move(b).error();
    answer.balance = (*b)->points;
    TL_TRY(m_merger->flush());
    record.answerJson = answer.toJson();
    record.createdMs = m_now;
    TL_TRY(m_tx.addPosting(record));
    return answer;
}

Result<PostingAnswer> HqPosting::pos(const std::string &posId, const PosPurchase &request, const Policy &policy,
                                     const VenueCalendar &calendar)
{
    const std::string key = "pos:" + posId + ":" + request.receipt;
    auto dup = already(key, request.digest);
    if (!dup)
        return std::move(dup).error();
    if (*dup)
        return std::move(**dup);
    Uuid member = request.member;
    if (!request.card.isNil()) {
        auto owner = m_tx.memberOfCard(request.card);
        if (!owner)
            return std::move(owner).error();
        if (owner->isNil())
            return fail(ErrorCode::NotFound, "card " + request.card.toString() + " is not known at HQ");
        member = *owner;
    }
    auto known = m_tx.member(member);
    if (!known)
        return std::move(known).error();
    if (!*known)
        return fail(ErrorCode::NotFound, "member " + member.toString() + " is not known at HQ (no kiosk has synced it)");
    if (!request.card.isNil()) {
        for (const auto &c : (*known)->cards) {
            if (c.card == request.card && c.status != "active")
                return fail(ErrorCode::Denied, "card " + request.card.toString() + " is " + c.status);
        }
    }
    return request.isReturn() ? returnPurchase(key, member, posId, request, policy)
                              : purchase(key, member, posId, request, policy, calendar);
}

Result<PostingAnswer> HqPosting::purchase(const std::string &key, const Uuid &member, const std::string &posId,
                                          const PosPurchase &request, const Policy &policy, const VenueCalendar &calendar)
{
    const nlohmann::json items = itemsOf(request);
    std::vector<std::string> categories;
    for (const auto &l : request.lines)
        categories.push_back(l.category);
    LedgerEntry main;
    main.timeMs = request.timeMs;
    main.kind = EntryKind::Purchase;
    main.member = member;
    main.refs = {policy.ref()};
    main.idempotencyKey = Merger::keyFor(key);
    main.extra = nlohmann::json{{"source", "pos"},
                                {"pos", posId},
                                {"receipt", request.receipt},
                                {"amount", request.amountMinor},
                                {"items", items},
                                {"pay_method", "pos"},
                                {"day", calendar.localDay(request.timeMs)}}
                     .dump();
    auto stored = m_merger->appendHq(main, 0, 0);
    if (!stored)
        return std::move(stored).error();
    const uint64_t purchaseSeq = stored->entry.seq;

    // The member's counters (visit day, promotion uses, today's points for the daily cap) from
    // every entry HQ merged about them, read by the engine's own projection.
    auto counters = MemberCounters::create();
    if (!counters)
        return std::move(counters).error();
    auto history = m_tx.memberEntries(member);
    if (!history)
        return std::move(history).error();
    for (const auto &e : *history)
        TL_TRY(counters->apply(e.entry));
    auto m = m_tx.member(member);
    if (!m)
        return std::move(m).error();
    auto lines = PurchasePoints::compute(policy, calendar,
                                         {member, (*m)->tier, request.timeMs, request.amountMinor, categories, purchaseSeq},
                                         [&](const std::string &k) { return counters->counter(k); });
    if (!lines)
        return std::move(lines).error();
    int64_t earned = 0;
    uint64_t last = purchaseSeq;
    LedgerEntry lastEntry = stored->entry;
    for (const auto &l : *lines) {
        if (!l.recorded)
            continue;
        LedgerEntry earn;
        earn.timeMs = request.timeMs;
        earn.kind = EntryKind::Earn;
        earn.member = member;
        earn.pointsDelta = l.points;
        earn.refs = {l.ruleRef, hqRef(purchaseSeq)};
        earn.idempotencyKey = Merger::keyFor(key + "|" + l.ruleRef);
        earn.extra = l.extraJson;
        auto e = m_merger->appendHq(earn, 0, 0);
        if (!e)
            return std::move(e).error();
        TL_ASSIGN(earned, checkedAdd(earned, l.points, "points"));
        last = e->entry.seq;
        lastEntry = e->entry;
    }
    TL_TRY(m_merger->settle(kHqChainId, lastEntry));
    PostingRecord rec{key, request.digest, "purchase", member, "", request.amountMinor, earned, purchaseSeq, last, "", 0};
    PostingAnswer answer;
    answer.entry = "hq:" + std::to_string(purchaseSeq);
    answer.kind = "purchase";
    answer.member = member;
    answer.points = earned;
    answer.receipt = request.receipt;
    return finish(std::move(rec), std::move(answer));
}

Result<PostingAnswer> HqPosting::returnPurchase(const std::string &key, const Uuid &member, const std::string &posId,
                                                const PosPurchase &request, const Policy &policy)
{
    const std::string originalKey = "pos:" + posId + ":" + request.returnOf;
    auto original = m_tx.posting(originalKey);
    if (!original)
        return std::move(original).error();
    if (!*original)
        return fail(ErrorCode::NotFound, "receipt " + request.returnOf + " was never posted by POS " + posId);
    const PostingRecord &orig = **original;
    if (orig.kind != "purchase")
        return fail(ErrorCode::Conflict, "receipt " + request.returnOf + " is a " + orig.kind + ", not a purchase");
    if (orig.member != member)
        return fail(ErrorCode::Conflict, "receipt " + request.returnOf + " is another member's purchase");

    // What earlier returns took: the latest one's totals so far (as the engine's returns do).
    auto earlier = m_tx.postingsReferringTo(originalKey);
    if (!earlier)
        return std::move(earlier).error();
    int64_t amountBefore = 0, pointsBefore = 0;
    for (const auto &r : *earlier)
        TL_ASSIGN(amountBefore, checkedAdd(amountBefore, r.amountMinor, "returned amount"));
    if (!earlier->empty()) {
        const auto &latest = *std::max_element(earlier->begin(), earlier->end(),
                                               [](const auto &a, const auto &b) { return a.firstSeq < b.firstSeq; });
        auto e = m_tx.entries(kHqChainId, latest.firstSeq, 1);
        if (!e)
            return std::move(e).error();
        const auto x = e->empty() ? nlohmann::json() : nlohmann::json::parse(e->front().entry.extra, nullptr, false);
        pointsBefore = x.is_object() ? x.value("so_far", nlohmann::json::object()).value("points", int64_t{0}) : 0;
    }
    const int64_t net = orig.amountMinor;
    if (request.amountMinor > net - amountBefore)
        return fail(ErrorCode::Conflict, "receipt " + request.returnOf + " has " + std::to_string(net - amountBefore) +
                                             " minor units left to return, not " + std::to_string(request.amountMinor));

    ReturnPointsInput in;
    in.earned = orig.points;
    auto entries = m_tx.entries(kHqChainId, orig.firstSeq, orig.lastSeq - orig.firstSeq + 1);
    if (!entries)
        return std::move(entries).error();
    for (const auto &e : *entries) {
        const auto x = nlohmann::json::parse(e.entry.extra, nullptr, false);
        if (e.entry.kind == EntryKind::Earn && x.is_object() && x.value("line", "") == "threshold")
            in.thresholds.push_back({e.entry.pointsDelta, x.value("min_spend", int64_t{0})});
    }
    const int64_t soFar = amountBefore + request.amountMinor;
    in.complete = soFar == net;
    in.share = net > 0 ? Rational(soFar, net) : Rational(1, 1);
    in.remaining = net - soFar;
    in.remainingBefore = net - amountBefore;
    in.pointsBefore = pointsBefore;
    auto b = m_merger->balance(member);
    if (!b)
        return std::move(b).error();
    in.balance = (*b)->points;
    in.allowNegative = policy.points.allowNegative;
    auto back = ReturnPoints::compute(in);
    if (!back)
        return std::move(back).error();

    const nlohmann::json items = itemsOf(request);
    LedgerEntry ret;
    ret.timeMs = request.timeMs;
    ret.kind = EntryKind::Return;
    ret.member = member;
    ret.pointsDelta = -back->reversed;
    ret.refs = {hqRef(orig.firstSeq)};
    ret.idempotencyKey = Merger::keyFor(key);
    ret.extra = nlohmann::json{{"source", "pos"},
                               {"pos", posId},
                               {"receipt", request.receipt},
                               {"return_of", request.returnOf},
                               {"purchase", static_cast<int64_t>(orig.firstSeq)},
                               {"amount", request.amountMinor},
                               {"items", items},
                               {"points_earned", orig.points},
                               {"points_reversed", back->reversed},
                               {"shortfall", back->shortfall},
                               {"partial", !in.complete || !earlier->empty()},
                               {"complete", in.complete},
                               {"net", net},
                               {"so_far", {{"amount", soFar}, {"points", back->pointsSoFar}}}}
                    .dump();
    auto stored = m_merger->appendHq(ret, 0, 0);
    if (!stored)
        return std::move(stored).error();
    TL_TRY(m_merger->settle(kHqChainId, stored->entry));
    const uint64_t seq = stored->entry.seq;
    PostingRecord rec{key, request.digest, "return", member, originalKey, request.amountMinor, -back->reversed, seq, seq,
                      "", 0};
    PostingAnswer answer;
    answer.entry = "hq:" + std::to_string(seq);
    answer.kind = "return";
    answer.member = member;
    answer.points = -back->reversed;
    answer.shortfall = back->shortfall;
    answer.receipt = request.receipt;
    return finish(std::move(rec), std::move(answer));
}

Result<PostingAnswer> HqPosting::adjustPoints(const std::string &key, const Uuid &member, int64_t points,
                                              const std::string &reason, const std::string &ref)
{
    if (key.empty() || key.size() > 128 || !oneLine(key))
        return fail(ErrorCode::InvalidArgument, "an adjustment key must be 1 to 128 bytes without control characters");
    if (reason.empty() || reason.size() > kMaxReason || !oneLine(reason))
        return fail(ErrorCode::InvalidArgument, "an adjustment reason must be one line of 1 to 200 bytes");
    if (points == 0)
        return fail(ErrorCode::InvalidArgument, "an adjustment of 0 points changes nothing");
    const std::string fullKey = "adjust:" + key;
    std::string content;
    if (ref.size() > 128 || !oneLine(ref))
        return fail(ErrorCode::InvalidArgument, "an adjustment ref must be at most 128 bytes without control characters");
    for (const std::string &part : {member.toString(), std::to_string(points), reason, ref})
        content += std::to_string(part.size()) + ":" + part;
    const std::string digest = toHex(sha256(asBytes(content)));
    auto dup = already(fullKey, digest);
    if (!dup)
        return std::move(dup).error();
    if (*dup)
        return std::move(**dup);
    auto known = m_tx.member(member);
    if (!known)
        return std::move(known).error();
    if (!*known)
        return fail(ErrorCode::NotFound, "member " + member.toString() + " is not known at HQ (no kiosk has synced it)");
    LedgerEntry e;
    e.timeMs = m_now;
    e.kind = EntryKind::Adjust;
    e.member = member;
    e.pointsDelta = points;
    if (!ref.empty())
        e.refs = {ref};
    e.idempotencyKey = Merger::keyFor(fullKey);
    e.extra = nlohmann::json{{"reason", reason}, {"key", key}, {"debt", 0}, {"points_debt", 0}}.dump();
    auto stored = m_merger->appendHq(e, 0, 0);
    if (!stored)
        return std::move(stored).error();
    TL_TRY(m_merger->settle(kHqChainId, stored->entry));
    const uint64_t seq = stored->entry.seq;
    PostingRecord rec{fullKey, digest, "adjust", member, "", 0, points, seq, seq, "", 0};
    PostingAnswer answer;
    answer.entry = "hq:" + std::to_string(seq);
    answer.kind = "adjust";
    answer.member = member;
    answer.points = points;
    return finish(std::move(rec), std::move(answer));
}

} // namespace tapledger::sync
