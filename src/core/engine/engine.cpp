// Engine lifecycle, members and cards, stored value (top-up, refund), membership, PINs.
#include "core/engine/engine_p.h"

#include "core/engine/fleetref_p.h"

#include "core/crypto/pinhash.h"
#include "core/engine/counterprojection_p.h"
#include "core/engine/hqprofileprojection_p.h"
#include "core/engine/hqviewprojection_p.h"
#include "core/engine/entryextra_p.h"
#include "core/engine/memberprojection_p.h"
#include "core/engine/pointbatchprojection_p.h"
#include "core/engine/purchaseprojection_p.h"
#include "core/engine/sql_p.h"
#include "core/engine/staffprojection_p.h"
#include "core/engine/voucherprojection_p.h"
#include "core/ledger/canonicalcodec.h"

#include <algorithm>
#include <cassert>

namespace tapledger {

namespace {
constexpr int64_t kDayMs = 86'400'000;

Result<std::unique_ptr<Engine::Impl>> makeImpl(Result<std::unique_ptr<DataDir>> dir, Policy policy,
                                               std::shared_ptr<const Clock> clock)
{
    if (!dir)
        return std::move(dir).error();
    auto cal = VenueCalendar::create(policy.timezone, policy.weekStart);
    if (!cal)
        return std::move(cal).error();
    auto &ledger = (*dir)->ledger();
    auto currency = sql::queryInt(ledger.database(),
                                  "SELECT count(*) FROM member_balances WHERE currency <> '' AND currency <> ?",
                                  policy.currency);
    if (!currency)
        return std::move(currency).error();
    if (currency->value_or(0) != 0)
        return fail(ErrorCode::Conflict, "the ledger holds stored value in another currency than the policy's " +
                                             policy.currency);
    TL_TRY(ledger.database().exec("CREATE TABLE IF NOT EXISTS engine_pin_state(member BLOB PRIMARY KEY, "
                                  "failures INTEGER NOT NULL, locked_until_ms INTEGER NOT NULL) WITHOUT ROWID"));
    // Not derived from entries: HQ's feed cursor, written in the same write scope as the page's
    // hq_sync entries (Engine::applyHqFeed).
    TL_TRY(ledger.database().exec("CREATE TABLE IF NOT EXISTS engine_sync_state(key TEXT PRIMARY KEY, "
                                  "value INTEGER NOT NULL) WITHOUT ROWID"));
    TL_TRY(ledger.database().exec("CREATE TABLE IF NOT EXISTS engine_card_online(card BLOB PRIMARY KEY, "
                                  "last_online_ms INTEGER NOT NULL, offline_count INTEGER NOT NULL, "
                                  "offline_value INTEGER NOT NULL) WITHOUT ROWID"));
    return std::make_unique<Engine::Impl>(std::move(*dir), std::move(policy), *cal, std::move(clock));
}
} // namespace

std::vector<std::unique_ptr<Projection>> Engine::projections()
{
    std::vector<std::unique_ptr<Projection>> out;
    out.push_back(std::make_unique<MemberProjection>());
    out.push_back(std::make_unique<PointBatchProjection>());
    out.push_back(std::make_unique<VoucherProjection>());
    out.push_back(std::make_unique<PurchaseProjection>());
    out.push_back(std::make_unique<CounterProjection>());
    out.push_back(std::make_unique<StaffProjection>());
    out.push_back(std::make_unique<HqViewProjection>());
    out.push_back(std::make_unique<HqProfileProjection>());
    return out;
}

Result<std::unique_ptr<Engine>> Engine::open(const std::filesystem::path &dataDir, Policy policy,
                                             std::shared_ptr<const Clock> clock)
{
    assert(clock);
    auto impl = makeImpl(DataDir::open(dataDir, projections()), std::move(policy), std::move(clock));
    if (!impl)
        return std::move(impl).error();
    TL_TRY((*impl)->resetPolicy()); // the newest HQ policy effective now, when the ledger holds one
    return std::unique_ptr<Engine>(new Engine(std::move(*impl)));
}

Result<std::unique_ptr<Engine>> Engine::init(const std::filesystem::path &dataDir, const std::string &kioskId,
                                             Policy policy, std::shared_ptr<const Clock> clock)
{
    assert(clock);
    auto impl = makeImpl(DataDir::init(dataDir, kioskId, projections()), std::move(policy), std::move(clock));
    if (!impl)
        return std::move(impl).error();
    return std::unique_ptr<Engine>(new Engine(std::move(*impl)));
}

Engine::Engine(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

Engine::~Engine()
{
    if (d && d->batchOpen)
        (void)d->ledger().commitScope();
}

const Policy &Engine::policy() const
{
    d->refreshPolicy();
    return d->policy;
}

Ledger &Engine::ledger() noexcept
{
    return d->ledger();
}

const Ledger &Engine::ledger() const noexcept
{
    return d->ledger();
}

const Ed25519SecretKey &Engine::deviceKey() const noexcept
{
    return d->dir->deviceKey();
}

Result<void> Engine::beginBatch()
{
    assert(!d->batchOpen && "batches do not nest");
    TL_TRY(d->ledger().beginScope());
    d->batchOpen = true;
    return {};
}

Result<void> Engine::commitBatch()
{
    assert(d->batchOpen && "commitBatch without beginBatch");
    d->batchOpen = false;
    return d->ledger().commitScope();
}

void Engine::rollbackBatch()
{
    assert(d->batchOpen && "rollbackBatch without beginBatch");
    d->batchOpen = false;
    d->ledger().rollbackScope();
    (void)d->resetPolicy(); // an HQ policy adopted inside the batch is gone with it
}

std::string Engine::explain(const LedgerEntry &entry) const
{
    return d->explainer.explain(entry);
}

void Engine::setPhrasebook(Phrasebook book)
{
    d->explainer.setPhrasebook(std::move(book));
}

// ---- Impl helpers -------------------------------------------------------------------------------

LedgerEntry Engine::Impl::draft(EntryKind kind, const Uuid &member, const nlohmann::json &extraJson,
                                std::vector<std::string> refs) const
{
    LedgerEntry e;
    e.kind = kind;
    e.member = member;
    e.timeMs = now();
    e.refs = std::move(refs);
    e.extra = extra::dump(extraJson);
    e.idempotencyKey = Uuid::generate();
    return e;
}

Result<std::vector<StoredEntry>> Engine::Impl::append(std::vector<LedgerEntry> drafts, Receipt &receipt)
{
    for (auto &e : drafts) {
        if (e.depositDelta != 0 || e.bonusDelta != 0)
            e.currency = policy.currency;
    }
    auto stored = ledger().append(drafts);
    if (!stored)
        return std::move(stored).error();
    for (const auto &s : *stored) {
        receipt.seqs.push_back(s.entry.seq);
        receipt.explanations.push_back(explainer.explain(s.entry));
    }
    return stored;
}

Result<void> Engine::Impl::appendMain(std::vector<LedgerEntry> drafts, Receipt &receipt)
{
    auto stored = append(std::move(drafts), receipt);
    if (!stored)
        return std::move(stored).error();
    receipt.mainSeq = stored->front().entry.seq;
    return {};
}

Result<Engine::Impl::MemberRow> Engine::Impl::memberRow(const Uuid &member) const
{
    auto stmt = sql::queryRow(db(), "unknown member " + member.toString(),
                              "SELECT handle, name, birthday, pin, enrolled_ms, membership_until_ms, tier, tier_since_ms, "
                              "phone, consent FROM engine_members WHERE member = ?",
                              member);
    if (!stmt)
        return reasonIf(std::move(stmt).error(), ErrorCode::NotFound, ErrorReason::UnknownMember);
    MemberRow m;
    m.id = member;
    m.handle = stmt->textAt(0);
    m.name = stmt->textAt(1);
    m.birthday = stmt->textAt(2);
    m.pin = stmt->textAt(3);
    m.enrolledMs = stmt->int64At(4);
    m.membershipUntilMs = stmt->int64At(5);
    m.tier = stmt->textAt(6);
    m.tierSinceMs = stmt->int64At(7);
    m.phone = stmt->textAt(8);
    m.consent = stmt->int64At(9) != 0;
    return m;
}

Result<int64_t> Engine::Impl::counter(const std::string &key) const
{
    auto v = sql::queryInt(db(), "SELECT value FROM engine_counters WHERE key = ?", key);
    if (!v)
        return std::move(v).error();
    return v->value_or(0);
}

Result<void> Engine::Impl::checkPayMethod(const std::string &method, bool allowStoredValue) const
{
    if (method.empty())
        return fail(ErrorCode::InvalidArgument, "a pay method is required");
    if (!policy.acceptsPayMethod(method)) {
        std::string known = kPayStoredValue;
        for (const auto &m : policy.payMethods)
            known += ", " + m;
        return fail(ErrorCode::InvalidArgument, "unknown pay method '" + method + "' (accepted: " + known + ")");
    }
    if (!allowStoredValue && method == kPayStoredValue)
        return fail(ErrorCode::InvalidArgument, "stored value cannot pay for this");
    return {};
}

void Engine::Impl::recordPinFailure()
{
    if (!pendingPinFailure)
        return;
    (void)sql::run(db(), "INSERT OR REPLACE INTO engine_pin_state(member, failures, locked_until_ms) VALUES(?, ?, ?)",
                   pendingPinFailure->member, pendingPinFailure->failures, pendingPinFailure->lockedUntilMs);
    pendingPinFailure.reset();
}

Result<void> Engine::Impl::verifyPin(const MemberRow &member, const std::string &pin)
{
    auto stmt = sql::prepared(db(), "SELECT failures, locked_until_ms FROM engine_pin_state WHERE member = ?", member.id);
    if (!stmt)
        return std::move(stmt).error();
    auto row = stmt->step();
    if (!row)
        return std::move(row).error();
    int64_t failures = *row ? stmt->int64At(0) : 0;
    const int64_t lockedUntil = *row ? stmt->int64At(1) : 0;
    const int64_t t = now();
    if (lockedUntil > t) {
        Error e = fail(ErrorCode::Denied, ErrorReason::PinLocked,
                       "PIN locked after " + std::to_string(policy.pin.maxFailures) +
                           " wrong attempts; try again after " + calendar.localDateTime(lockedUntil));
        e.untilMs = lockedUntil;
        return e;
    }
    if (lockedUntil != 0)
        failures = 0; // the lock has run out: a fresh set of attempts
    auto hash = PinHash::parse(member.pin);
    if (!hash)
        return std::move(hash).error();
    if (pin.empty())
        return fail(ErrorCode::InvalidArgument, "this action needs the member's PIN");
    if (!hash->verify(pin)) {
        ++failures;
        const bool lock = failures >= policy.pin.maxFailures;
        pendingPinFailure = PinFailure{member.id, lock ? 0 : failures, lock ? t + policy.pin.lockMinutes * 60'000 : 0};
        if (lock) {
            Error e = fail(ErrorCode::Denied, ErrorReason::PinLocked,
                           "wrong PIN; locked for " + std::to_string(policy.pin.lockMinutes) + " minutes after " +
                               std::to_string(failures) + " wrong attempts");
            e.untilMs = pendingPinFailure->lockedUntilMs;
            return e;
        }
        Error e = fail(ErrorCode::Denied, ErrorReason::WrongPin,
                       "wrong PIN (" + std::to_string(policy.pin.maxFailures - failures) + " attempts left before a " +
                           std::to_string(policy.pin.lockMinutes) + "-minute lock)");
        e.attemptsLeft = static_cast<int32_t>(policy.pin.maxFailures - failures);
        return e;
    }
    return sql::run(db(), "DELETE FROM engine_pin_state WHERE member = ?", member.id);
}

Result<std::string> Engine::Impl::hashPin(const std::string &pin) const
{
    auto hash = PinHash::create(pin, PinHash::Params{policy.pin.scryptLog2N, 8, 1});
    if (!hash)
        return fail(ErrorCode::InvalidArgument, "PIN: " + hash.error().message);
    return hash->encode();
}

Result<Engine::Impl::Split> Engine::Impl::splitStoredValue(const Uuid &member, int64_t amount) const
{
    const MemberBalance b = ledger().balance(member);
    if (b.deposit + b.bonus < amount) {
        Error e = fail(ErrorCode::Insufficient, ErrorReason::InsufficientStoredValue,
                       "insufficient stored value: " + money(b.deposit + b.bonus) + " available (deposit " +
                           money(b.deposit) + " + bonus " + money(b.bonus) + "), " + money(amount) + " needed");
        e.available = b.deposit + b.bonus;
        e.needed = amount;
        return e;
    }
    Split s;
    if (policy.storedValue.spendOrder == SpendOrder::BonusFirst) {
        s.bonus = std::min(std::max<int64_t>(b.bonus, 0), amount);
        s.deposit = amount - s.bonus;
    } else {
        s.deposit = std::min(std::max<int64_t>(b.deposit, 0), amount);
        s.bonus = amount - s.deposit;
    }
    return s;
}

void Engine::Impl::tagRule(nlohmann::json &extra, std::vector<std::string> &refs, const RuleId &rule)
{
    extra["rule"] = rule.id;
    extra["version"] = rule.version;
    refs.insert(refs.begin(), rule.ref());
}

RuleId Engine::Impl::voucherRuleOf(int64_t voucherSeq) const
{
    if (voucherSeq >= fleetref::kAdoptedBase) {
        // Issued at another kiosk: its issue entry is not here, the adopted row keeps the rule's
        // id ("offer:<id>" for an offer's voucher); the version is the one in force here.
        auto row = sql::queryRow(db(), "", "SELECT source FROM engine_vouchers WHERE seq = ?", voucherSeq);
        if (!row)
            return {"", 1};
        std::string source = row->textAt(0);
        if (source.rfind("offer:", 0) == 0) {
            source.erase(0, 6);
            const OfferRule *offer = policy.offer(source);
            return {source, offer ? offer->rule.version : 1};
        }
        const VoucherRule *rule = policy.voucherRule(source);
        return {source, rule ? rule->rule.version : 1};
    }
    auto issue = ledger().entry(static_cast<uint64_t>(voucherSeq));
    if (!issue)
        return {"", 1};
    auto x = extra::of(issue->entry);
    if (!x)
        return {"", 1};
    if (x->contains("offer"))
        return {extra::str(*x, "offer"), extra::num(*x, "offer_version", 1)};
    return {extra::str(*x, "rule"), extra::num(*x, "version", 1)};
}

LedgerEntry Engine::Impl::voucherDraft(const Uuid &member, const VoucherRule &rule, nlohmann::json fields,
                                       std::vector<std::string> refs) const
{
    fields["rule"] = rule.rule.id;
    fields["version"] = rule.rule.version;
    fields["value"] = rule.value;
    fields["min_spend"] = rule.minSpend;
    fields["expires_ms"] = calendar.expiryAt(now(), rule.expiry);
    refs.insert(refs.begin(), rule.rule.ref());
    return draft(EntryKind::VoucherIssue, member, fields, std::move(refs));
}

// ---- Members and cards -----------------------------------------------------------------------------

Result<Receipt> Engine::enrol(const EnrolRequest &r)
{
    d->refreshPolicy();
    if (r.name.empty())
        return fail(ErrorCode::InvalidArgument, "a member needs a name");
    if (r.handle.empty() || r.handle.size() > 64)
        return fail(ErrorCode::InvalidArgument, "a member handle is 1 to 64 characters");
    if (!r.birthday.empty()) {
        if (auto b = d->calendar.parseLocalDate(r.birthday); !b)
            return fail(ErrorCode::InvalidArgument, "birthday: " + b.error().message);
    }
    auto phone = normalisePhone(r.phone);
    if (!phone)
        return std::move(phone).error();
    if (auto existing = memberByHandle(r.handle); existing)
        return fail(ErrorCode::AlreadyExists, "member handle '" + r.handle + "' is already taken");
    const Uuid id = r.memberId.isNil() ? Uuid::generate() : r.memberId;
    if (d->memberRow(id))
        return fail(ErrorCode::AlreadyExists, "member " + id.toString() + " is already enrolled");
    auto pin = d->hashPin(r.pin);
    if (!pin)
        return std::move(pin).error();
    return d->transact(id, [&](Receipt &receipt) -> Result<void> {
        nlohmann::json x = {{"handle", r.handle}, {"name", r.name}, {"birthday", r.birthday}, {"pin", *pin},
                            {"phone", *phone},       {"consent", r.consent}};
        auto e = d->draft(EntryKind::Enrol, id, x, {d->policy.ref()});
        e.staff = r.staff;
        return d->appendMain({e}, receipt);
    });
}

Result<Receipt> Engine::issueCard(const Uuid &member, const Uuid &card, const Uuid &staff)
{
    d->refreshPolicy();
    if (card.isNil())
        return fail(ErrorCode::InvalidArgument, "a card id is required");
    TL_TRY(d->memberRow(member));
    if (auto owner = memberForCard(card); owner)
        return fail(ErrorCode::AlreadyExists, "card " + card.toString() + " is already issued");
    return d->transact(member, [&](Receipt &receipt) -> Result<void> {
        auto e = d->draft(EntryKind::Issue, member, nlohmann::json::object(), {});
        e.card = card;
        e.staff = staff;
        return d->appendMain({e}, receipt);
    });
}

Result<Uuid> Engine::memberForCard(const Uuid &card) const
{
    auto status = cardStatus(card);
    if (!status)
        return std::move(status).error();
    if (status->status != "active")
        return fail(ErrorCode::Denied, ErrorReason::CardBlocked,
                    "card " + card.toString() + " is " + status->status + " (card replaced/blocked)");
    return status->member;
}

Result<Uuid> Engine::memberByHandle(const std::string &handle) const
{
    auto stmt = sql::queryRow(d->db(), "unknown member '" + handle + "'", "SELECT member FROM engine_members WHERE handle = ?", handle);
    if (!stmt)
        return reasonIf(std::move(stmt).error(), ErrorCode::NotFound, ErrorReason::UnknownMember);
    return sql::uuidAt(*stmt, 0);
}

Result<std::vector<Uuid>> Engine::members() const
{
    auto stmt = d->db().prepare("SELECT member FROM engine_members ORDER BY enrolled_ms, handle");
    if (!stmt)
        return std::move(stmt).error();
    std::vector<Uuid> out;
    while (true) {
        auto row = stmt->step();
        if (!row)
            return std::move(row).error();
        if (!*row)
            break;
        out.push_back(sql::uuidAt(*stmt, 0));
    }
    return out;
}

Result<int64_t> Engine::rewardRedeemed(const std::string &rewardId) const
{
    return d->counter("reward:" + rewardId);
}

// ---- Stored value --------------------------------------------------------------------------------

Result<Receipt> Engine::topUp(const TopUpRequest &r)
{
    d->refreshPolicy();
    const auto &sv = d->policy.storedValue;
    if (r.amount <= 0)
        return fail(ErrorCode::InvalidArgument, "top-up amount must be more than zero");
    if (r.amount < sv.minTopUp)
        return fail(ErrorCode::InvalidArgument, "top-up " + d->money(r.amount) + " is below the minimum " + d->money(sv.minTopUp));
    if (sv.maxTopUp && r.amount > sv.maxTopUp)
        return fail(ErrorCode::InvalidArgument, "top-up " + d->money(r.amount) + " is above the maximum " + d->money(sv.maxTopUp));
    TL_TRY(d->checkPayMethod(r.payMethod, false));
    TL_TRY(d->memberRow(r.member));
    auto card = d->useCard(r.card, r.member, r.cardCounter);
    if (!card)
        return std::move(card).error();
    const TopUpTier *tier = d->policy.topUpTier(r.amount);
    return d->transact(r.member, [&](Receipt &receipt) -> Result<void> {
        nlohmann::json x = {{"amount", r.amount}, {"bonus", tier ? tier->bonus : 0}, {"pay_method", r.payMethod}};
        std::vector<std::string> refs;
        if (tier) {
            x["rule"] = tier->rule.id;
            x["version"] = tier->rule.version;
            x["tier_min"] = tier->min;
            refs.push_back(tier->rule.ref());
        }
        std::vector<LedgerEntry> drafts = {d->draft(EntryKind::TopUp, r.member, x, refs)};
        drafts[0].depositDelta = r.amount;
        drafts[0].bonusDelta = tier ? tier->bonus : 0;
        Impl::stamp(drafts, *card, r.staff);
        return d->appendMain(std::move(drafts), receipt);
    });
}

Result<Receipt> Engine::refund(const Uuid &member, const Uuid &staff)
{
    d->refreshPolicy();
    TL_TRY(d->memberRow(member));
    const MemberBalance b = d->ledger().balance(member);
    if (b.deposit <= 0 && b.bonus <= 0)
        return fail(ErrorCode::Insufficient, ErrorReason::InsufficientStoredValue,
                    "nothing to refund: the member holds no stored value");
    return d->transact(member, [&](Receipt &receipt) -> Result<void> {
        const int64_t deposit = std::max<int64_t>(b.deposit, 0), bonus = std::max<int64_t>(b.bonus, 0);
        nlohmann::json x = {{"refunded", deposit}, {"forfeited", bonus}};
        std::vector<std::string> refs{d->policy.ref()};
        Impl::tagRule(x, refs, d->policy.programRule(programrule::kRefund));
        auto e = d->draft(EntryKind::Refund, member, x, refs);
        e.depositDelta = -deposit;
        e.bonusDelta = -bonus;
        e.staff = staff;
        return d->appendMain({e}, receipt);
    });
}

Result<Receipt> Engine::buyMembership(const MembershipRequest &r)
{
    d->refreshPolicy();
    if (!d->policy.membership)
        return fail(ErrorCode::NotFound, "the policy sells no membership");
    const MembershipProduct &product = *d->policy.membership;
    TL_TRY(d->checkPayMethod(r.payMethod, true));
    auto member = d->memberRow(r.member);
    if (!member)
        return std::move(member).error();
    return d->transact(r.member, [&](Receipt &receipt) -> Result<void> {
        Impl::Split split;
        if (r.payMethod == kPayStoredValue) {
            TL_TRY(d->verifyPin(*member, r.pin));
            auto s = d->splitStoredValue(r.member, product.fee);
            if (!s)
                return std::move(s).error();
            split = *s;
            TL_TRY(d->spendOffline(Impl::CardUse{}, product.fee));
        }
        const int64_t from = std::max(d->now(), member->membershipUntilMs);
        const int64_t until = from + product.validityDays * kDayMs;
        nlohmann::json x = {{"rule", product.rule.id},         {"version", product.rule.version},
                            {"fee", product.fee},              {"pay_method", r.payMethod},
                            {"valid_until_ms", until},         {"renewal", member->membershipUntilMs > d->now()},
                            {"validity_days", product.validityDays}};
        auto e = d->draft(EntryKind::Membership, r.member, x, {product.rule.ref()});
        e.depositDelta = -split.deposit;
        e.bonusDelta = -split.bonus;
        e.staff = r.staff;
        auto stored = d->append({e}, receipt);
        if (!stored)
            return std::move(stored).error();
        receipt.mainSeq = stored->front().entry.seq;
        receipt.charged = product.fee;
        return {};
    });
}

Result<std::string> Engine::Impl::voucherRef(uint64_t local) const
{
    return fleetref::refFor(db(), "engine_voucher_refs", ledger().kioskId(), static_cast<int64_t>(local));
}

Result<std::string> Engine::Impl::batchRef(uint64_t local) const
{
    return fleetref::refFor(db(), "engine_batch_refs", ledger().kioskId(), static_cast<int64_t>(local));
}

} // namespace tapledger
