#include "core/engine/simulator.h"

#include "core/crypto/sha256.h"
#include "core/engine/simcards.h"
#include "core/engine/simevent_p.h"
#include "core/money.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace tapledger {

// ---- SimEvent ----------------------------------------------------------------------------------

Result<const nlohmann::json *> SimEvent::field(const char *key, bool required)
{
    m_read.insert(key);
    auto it = m_j.find(key);
    if (it == m_j.end()) {
        if (required)
            return fail(ErrorCode::InvalidArgument, std::string("'") + type() + "' needs \"" + key + "\"");
        return static_cast<const nlohmann::json *>(nullptr);
    }
    return &*it;
}

Result<std::string> SimEvent::text(const char *key, bool required)
{
    auto f = field(key, required);
    if (!f)
        return std::move(f).error();
    if (!*f)
        return std::string();
    if (!(*f)->is_string())
        return fail(ErrorCode::InvalidArgument, std::string("\"") + key + "\" must be a string");
    return (*f)->get<std::string>();
}

Result<int64_t> SimEvent::integer(const char *key, int64_t fallback)
{
    auto f = field(key, false);
    if (!f)
        return std::move(f).error();
    if (!*f)
        return fallback;
    if (!(*f)->is_number_integer())
        return fail(ErrorCode::InvalidArgument, std::string("\"") + key + "\" must be a whole number");
    return (*f)->get<int64_t>();
}

Result<int64_t> SimEvent::amount(const char *key, const Currency &currency)
{
    auto f = field(key, true);
    if (!f)
        return std::move(f).error();
    if (!(*f)->is_string())
        return fail(ErrorCode::InvalidArgument, std::string("\"") + key +
                                                    "\" must be an amount in a string, e.g. \"120.00\"");
    std::string s = (*f)->get<std::string>();
    const bool negative = !s.empty() && s[0] == '-';
    auto m = Money::parse(negative ? s.substr(1) : s, currency);
    if (!m)
        return fail(ErrorCode::InvalidArgument, std::string("\"") + key + "\": " + m.error().message);
    return negative ? -m->minor() : m->minor();
}

Result<void> SimEvent::finish() const
{
    for (const auto &[key, value] : m_j.items()) {
        if (!m_read.count(key))
            return fail(ErrorCode::InvalidArgument, std::string("'") + type() + "' has no field \"" + key + "\"");
    }
    return {};
}

// ---- Simulator -----------------------------------------------------------------------------------

Simulator::Simulator(Engine &engine, ManualClock &clock, Options options)
    : m_engine(engine), m_clock(clock), m_options(options)
{
    if (m_options.batchSize == 0)
        m_options.batchSize = 1;
}

Simulator::~Simulator()
{
    (void)flush();
}

Uuid Simulator::idFor(std::string_view kind, std::string_view handle)
{
    const std::string name = "tapledger-sim:" + std::string(kind) + ":" + std::string(handle);
    const Sha256Digest h = sha256(asBytes(name));
    Uuid::Bytes16 b{};
    std::copy_n(h.begin(), b.size(), b.begin());
    b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x80); // RFC 9562 version 8: name-derived, custom
    b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
    return Uuid(b);
}

Result<void> Simulator::flush()
{
    if (m_inBatch == 0)
        return {};
    m_inBatch = 0;
    return m_engine.commitBatch();
}

Result<size_t> Simulator::run(std::istream &script)
{
    std::string line;
    size_t number = 0;
    while (std::getline(script, line)) {
        ++number;
        if (auto r = runLine(line, number); !r) {
            TL_TRY(flush());
            return std::move(r).error();
        }
    }
    TL_TRY(flush());
    return m_events;
}

Result<void> Simulator::runLine(std::string_view line, size_t number)
{
    const auto at = [number](Error e) {
        e.message = "line " + std::to_string(number) + ": " + e.message;
        return e;
    };
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#')
        return {};
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return at(fail(ErrorCode::InvalidArgument, "not a JSON object"));
    SimEvent event(std::move(j));
    if (m_inBatch == 0 && m_options.batchSize > 1) {
        if (auto b = m_engine.beginBatch(); !b)
            return at(std::move(b).error());
    }
    if (m_options.batchSize > 1)
        ++m_inBatch;
    auto expected = event.text("expect_error", false);
    if (!expected)
        return at(std::move(expected).error());
    auto r = dispatch(event);
    if (r)
        r = event.finish();
    if (!expected->empty()) {
        // A bad input the script wants refused: it must fail with this message and write nothing.
        if (r)
            r = fail(ErrorCode::InvalidArgument, "expected an error containing '" + *expected + "', but the event succeeded");
        else if (r.error().message.find(*expected) != std::string::npos)
            r = Result<void>();
    }
    if (m_inBatch >= m_options.batchSize)
        TL_TRY(flush());
    if (!r)
        return at(std::move(r).error());
    ++m_events;
    return {};
}

Result<Uuid> simMemberOf(Engine &engine, SimEvent &e)
{
    if (e.has("card")) {
        auto card = e.text("card");
        if (!card)
            return std::move(card).error();
        auto m = engine.memberForCard(Simulator::idFor("card", *card));
        if (!m && m.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::NotFound, "unknown card '" + *card + "'");
        if (!m)
            return fail(m.error().code, "card '" + *card + "': " + m.error().message);
        return m;
    }
    auto handle = e.text("member");
    if (!handle)
        return std::move(handle).error();
    return engine.memberByHandle(*handle);
}

Uuid simCardOf(const SimEvent &e)
{
    const auto it = e.json().find("card");
    return it != e.json().end() && it->is_string() ? Simulator::idFor("card", it->get<std::string>()) : Uuid();
}

Result<Uuid> simStaffOf(SimEvent &e)
{
    auto handle = e.text("staff", false);
    if (!handle)
        return std::move(handle).error();
    return handle->empty() ? Uuid() : Simulator::idFor("staff", *handle);
}

namespace {

Result<std::vector<PurchaseItem>> itemsOf(SimEvent &e, const Currency &currency)
{
    if (!e.has("items") || !e.json()["items"].is_array())
        return fail(ErrorCode::InvalidArgument, "'purchase' needs \"items\": [{\"sku\": …} or {\"category\": …, \"amount\": …}]");
    (void)e.text("items", false).ok(); // marks the field as read; it is not a string
    std::vector<PurchaseItem> out;
    for (const auto &j : e.json()["items"]) {
        SimEvent item(j);
        PurchaseItem p;
        if (item.has("sku")) {
            auto sku = item.text("sku");
            auto qty = item.integer("qty", 1);
            if (!sku)
                return std::move(sku).error();
            if (!qty)
                return std::move(qty).error();
            p.sku = *sku;
            p.quantity = *qty;
        } else {
            auto category = item.text("category");
            auto amount = item.amount("amount", currency);
            if (!category)
                return std::move(category).error();
            if (!amount)
                return std::move(amount).error();
            p.category = *category;
            p.amount = *amount;
        }
        TL_TRY(item.finish());
        out.push_back(p);
    }
    return out;
}

constexpr const char *kEventNames =
    "clock, advance, enrol, issue_card, topup, purchase, return, redeem, membership, refund, accept_offer, expire, "
    "tier_review, register_staff, staff_login, open_shift, close_shift, adjust, replace_card, block_card, feedback, "
    "change_pin, check_pin, set_connectivity, mark_card_online, tap, sync";
} // namespace

Result<void> Simulator::dispatch(SimEvent &e)
{
    const std::string type = e.type();
    if (auto handled = dispatchStaff(e))
        return std::move(*handled);
    if (auto handled = dispatchFleet(e))
        return std::move(*handled);
    static const std::set<std::string> known = {"clock",    "advance",    "enrol",  "issue_card", "topup",
                                                "purchase", "return",     "redeem", "membership", "refund",
                                                "accept_offer", "expire", "tier_review"};
    if (!known.count(type))
        return fail(ErrorCode::InvalidArgument, "unknown event '" + type + "' (" + kEventNames + ")");
    auto currency = Currency::fromCode(m_engine.policy().currency);
    if (!currency)
        return std::move(currency).error();
    auto print = [](Result<Receipt> r) -> Result<void> {
        if (!r)
            return std::move(r).error();
        return {};
    };
    if (type == "clock") {
        auto t = e.text("time");
        if (!t)
            return std::move(t).error();
        auto cal = VenueCalendar::create(m_engine.policy().timezone, m_engine.policy().weekStart);
        if (!cal)
            return std::move(cal).error();
        auto ms = cal->parseInstant(*t);
        if (!ms)
            return std::move(ms).error();
        if (*ms < m_clock.nowMs())
            return fail(ErrorCode::InvalidArgument, "the clock cannot go back");
        m_clock.set(*ms);
        return {};
    }
    if (type == "advance") {
        auto days = e.integer("days", 0);
        auto hours = e.integer("hours", 0);
        auto minutes = e.integer("minutes", 0);
        if (!days || !hours || !minutes)
            return fail(ErrorCode::InvalidArgument, "advance takes whole \"days\", \"hours\", \"minutes\"");
        if (*days < 0 || *hours < 0 || *minutes < 0 || *days > 36500)
            return fail(ErrorCode::InvalidArgument, "the clock cannot go back");
        m_clock.advance(((*days * 24 + *hours) * 60 + *minutes) * 60'000);
        return {};
    }
    if (type == "enrol") {
        EnrolRequest r;
        auto handle = e.text("member");
        auto name = e.text("name");
        auto birthday = e.text("birthday", false);
        auto pin = e.text("pin");
        for (auto *f : {&handle, &name, &birthday, &pin}) {
            if (!*f)
                return f->error();
        }
        r.handle = *handle;
        r.memberId = idFor("member", *handle);
        r.name = *name;
        r.birthday = *birthday;
        r.pin = *pin;
        auto phone = e.text("phone", false);
        auto consent = e.flag("consent", false);
        if (!phone)
            return std::move(phone).error();
        if (!consent)
            return std::move(consent).error();
        r.phone = *phone;
        r.consent = *consent;
        return print(m_engine.enrol(r));
    }
    if (type == "issue_card") {
        auto member = e.text("member");
        auto card = e.text("card");
        if (!member)
            return std::move(member).error();
        if (!card)
            return std::move(card).error();
        auto id = m_engine.memberByHandle(*member);
        if (!id)
            return std::move(id).error();
        if (m_cards)
            TL_TRY(m_cards->canIssue(*card));
        m_cardHandles[idFor("card", *card)] = *card;
        TL_TRY(print(m_engine.issueCard(*id, idFor("card", *card), Uuid())));
        return m_cards ? m_cards->issued(m_engine, *card, idFor("card", *card)) : Result<void>();
    }
    if (type == "expire")
        return print(m_engine.expireDue());
    if (type == "tier_review")
        return print(m_engine.tierReview());

    auto member = simMemberOf(m_engine, e);
    if (!member)
        return std::move(member).error();
    auto staff = simStaffOf(e);
    if (!staff)
        return std::move(staff).error();
    const Uuid card = simCardOf(e);
    const bool cardAction = type == "topup" || type == "purchase" || type == "redeem";
    uint32_t cardCounter = 0;
    if (cardAction) {
        auto counter = cardBefore(e);
        if (!counter)
            return std::move(counter).error();
        cardCounter = *counter;
    }
    auto written = [&](Result<void> r) -> Result<void> {
        if (!r)
            return r;
        return cardAfter(e);
    };
    if (type == "topup") {
        auto amount = e.amount("amount", *currency);
        auto pay = e.text("pay");
        if (!amount)
            return std::move(amount).error();
        if (!pay)
            return std::move(pay).error();
        TopUpRequest r{*member, *amount, *pay, *staff, card};
        r.cardCounter = cardCounter;
        return written(print(m_engine.topUp(r)));
    }
    if (type == "purchase") {
        PurchaseRequest r;
        r.member = *member;
        r.staff = *staff;
        r.card = card;
        r.cardCounter = cardCounter;
        auto items = itemsOf(e, *currency);
        if (!items)
            return std::move(items).error();
        r.items = std::move(*items);
        auto pay = e.text("pay");
        auto pin = e.text("pin", false);
        auto label = e.text("as", false);
        if (!pay)
            return std::move(pay).error();
        if (!pin)
            return std::move(pin).error();
        if (!label)
            return std::move(label).error();
        r.payMethod = *pay;
        r.pin = *pin;
        if (e.has("voucher")) {
            auto v = e.integer("voucher", 0);
            if (!v || *v <= 0)
                return fail(ErrorCode::InvalidArgument, "\"voucher\" is a voucher number (#N in the state)");
            r.voucher = static_cast<uint64_t>(*v);
        }
        auto receipt = m_engine.purchase(r);
        if (!receipt)
            return std::move(receipt).error();
        if (!label->empty())
            m_labels[*label] = receipt->mainSeq;
        return cardAfter(e);
    }
    if (type == "return") {
        uint64_t purchase = 0;
        if (e.has("purchase") && e.json()["purchase"].is_string()) {
            auto label = e.text("purchase");
            auto it = m_labels.find(*label);
            if (it == m_labels.end())
                return fail(ErrorCode::NotFound, "unknown purchase '" + *label + "' (label it with \"as\")");
            purchase = it->second;
        } else {
            auto n = e.integer("purchase", 0);
            if (!n || *n <= 0)
                return fail(ErrorCode::InvalidArgument, "'return' needs \"purchase\": a label or a purchase number");
            purchase = static_cast<uint64_t>(*n);
        }
        ReturnRequest r{*member, purchase, *staff};
        if (e.has("items")) {
            if (!e.json()["items"].is_array())
                return fail(ErrorCode::InvalidArgument, "'return' \"items\" is a list of {\"sku\", \"qty\"} or {\"category\"}");
            (void)e.text("items", false).ok(); // marks the field as read; it is not a string
            for (const auto &j : e.json()["items"]) {
                SimEvent item(j);
                auto sku = item.text("sku", false);
                auto category = item.text("category", false);
                auto qty = item.integer("qty", 1);
                if (!sku)
                    return std::move(sku).error();
                if (!category)
                    return std::move(category).error();
                if (!qty)
                    return std::move(qty).error();
                TL_TRY(item.finish());
                r.items.push_back({*sku, *qty, *category});
            }
        }
        return print(m_engine.returnPurchase(r));
    }
    if (type == "redeem") {
        RedeemRequest r;
        r.member = *member;
        auto reward = e.text("reward");
        auto points = e.integer("points", 0);
        auto pin = e.text("pin", false);
        auto pay = e.text("pay", false);
        if (!reward)
            return std::move(reward).error();
        if (!points)
            return std::move(points).error();
        if (!pin)
            return std::move(pin).error();
        if (!pay)
            return std::move(pay).error();
        r.reward = *reward;
        r.points = *points;
        r.pin = *pin;
        r.payMethod = *pay;
        r.card = card;
        r.cardCounter = cardCounter;
        r.staff = *staff;
        return written(print(m_engine.redeem(r)));
    }
    if (type == "membership") {
        auto pay = e.text("pay");
        auto pin = e.text("pin", false);
        if (!pay)
            return std::move(pay).error();
        if (!pin)
            return std::move(pin).error();
        return print(m_engine.buyMembership({*member, *pay, *pin, *staff}));
    }
    if (type == "refund")
        return print(m_engine.refund(*member, *staff));
    if (type == "accept_offer") {
        auto offer = e.text("offer");
        if (!offer)
            return std::move(offer).error();
        return print(m_engine.acceptOffer(*member, *offer));
    }
    return fail(ErrorCode::InvalidArgument, "unknown event '" + type + "' (" + kEventNames + ")");
}

} // namespace tapledger
