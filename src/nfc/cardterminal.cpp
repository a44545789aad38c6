#include "nfc/cardterminal.h"

#include "nfc/cardlayout.h"

#include <algorithm>
#include <limits>

namespace tapledger::nfc {

namespace {

constexpr const char *kNotRecognised = "card not recognised";

TapResult notRecognised(const CardUid &uid)
{
    TapResult r;
    r.kind = TapResult::Kind::NotRecognised;
    r.uid = uid;
    r.message = kNotRecognised;
    return r;
}

} // namespace

CardTerminal::CardTerminal(CardReader &reader, const CardKeyStore &keys, CardStateVerifier verifier,
                           CardCounterStore &counters, std::string kioskId)
    : m_reader(reader), m_keys(keys), m_verifier(std::move(verifier)), m_counters(counters), m_kioskId(std::move(kioskId))
{
    m_reader.setEventHandler([this](const ReaderEvent &e) { onReaderEvent(e); });
}

CardTerminal::~CardTerminal()
{
    m_reader.setEventHandler({});
}

void CardTerminal::setEventHandler(std::function<void(const ReaderEvent &)> handler)
{
    m_handler = std::move(handler);
}

void CardTerminal::onReaderEvent(const ReaderEvent &event)
{
    if (event.kind == ReaderEvent::Kind::UnknownCard && m_waiting) {
        // Ends the wait: the kiosk says "card not recognised" at once.
        m_unknownCard = true;
        m_waiting->request_stop();
    }
    if (m_handler)
        m_handler(event);
}

Result<TapResult> CardTerminal::waitForTap(std::chrono::milliseconds timeout, std::stop_token stop)
{
    m_tapped.reset();
    std::stop_source inner;
    const std::stop_callback forward(stop, [&inner] { inner.request_stop(); });
    m_unknownCard = false;
    m_waiting = &inner;
    auto uid = m_reader.waitForCard(timeout, inner.get_token());
    m_waiting = nullptr;
    if (!uid) {
        if (m_unknownCard && !stop.stop_requested())
            return notRecognised({});
        return std::move(uid).error();
    }

    Result<CardContents> contents = fail(ErrorCode::Io, "card not read");
    auto session = m_reader.runSession([&](DesfireCard &card) -> Result<void> {
        contents = TapLedgerCard(card, m_keys).read();
        // Hand "card gone" back to the reader so that it reports CardRemoved.
        if (!contents && contents.error().code == ErrorCode::Io)
            return contents.error();
        return {};
    });
    if (!session)
        return std::move(session).error();
    if (!contents) {
        switch (contents.error().code) {
        case ErrorCode::Io:
        case ErrorCode::Crypto: return std::move(contents).error(); // transmission: tap again
        default: return notRecognised(*uid); // Denied, NotFound, Corrupt, Conflict: not a card of ours
        }
    }
    return verify(contents->uid, *contents); // the real UID (GetCardUID on a random-ID card)
}

TapResult CardTerminal::verify(const CardUid &uid, const CardContents &contents)
{
    TapResult r;
    r.uid = uid;
    r.record = contents.record;
    const std::optional<uint32_t> lastSeen = m_counters.lastSeen(contents.record.cardId);
    CardVerdict verdict = m_verifier.check(contents.stateBytes, uid, contents.record, lastSeen);
    if (!verdict.accepted()) {
        r.kind = TapResult::Kind::Refused;
        r.message = "card refused (" + std::string(cardAlertReasonName(verdict.alert->reason)) +
                    "): " + verdict.alert->detail;
        r.alert = std::move(verdict.alert);
        return r;
    }
    const CardStateToken &token = *verdict.token;
    if (!lastSeen || token.counter > *lastSeen)
        m_counters.recordSeen(contents.record.cardId, token.counter);
    if (contents.record.type == MemberRecord::CardType::Staff) {
        r.kind = TapResult::Kind::Staff;
        r.message = "staff card (" + std::string(cardRoleName(contents.record.role)) + ")";
        return r;
    }
    r.kind = TapResult::Kind::Member;
    r.message = "member card";
    m_tapped = Tapped{uid, contents.record, token.counter};
    if (token.counter > 0)
        r.state = std::move(*verdict.token);
    return r;
}

StateWriteOutcome CardTerminal::writeState(const Uuid &memberId, int64_t deposit, int64_t bonus, int64_t points,
                                           const std::string &currency, uint64_t ledgerSeq, int64_t timeMs,
                                           const Ed25519SecretKey &deviceKey)
{
    using Kind = StateWriteOutcome::Kind;
    if (!m_tapped)
        return {Kind::NotCommitted, "no member card tapped"};
    if (m_tapped->record.memberId != memberId)
        return {Kind::NotCommitted, "the card belongs to another member"};
    const uint32_t last = std::max(m_tapped->counter, m_counters.lastSeen(m_tapped->record.cardId).value_or(0));
    if (last == std::numeric_limits<uint32_t>::max())
        return {Kind::NotCommitted, "card counter exhausted: replace the card"};

    CardStateToken token;
    token.uid = m_tapped->uid;
    token.cardId = m_tapped->record.cardId;
    token.memberId = memberId;
    token.counter = last + 1;
    token.ledgerSeq = ledgerSeq;
    token.deposit = deposit;
    token.bonus = bonus;
    token.points = points;
    token.currency = currency;
    token.kioskId = m_kioskId;
    token.timeMs = timeMs;
    if (auto signedOk = token.sign(deviceKey); !signedOk)
        return {Kind::NotCommitted, signedOk.error().message};

    std::optional<StateWriteOutcome> outcome;
    auto session = m_reader.runSession([&](DesfireCard &card) -> Result<void> {
        TapLedgerCard app(card, m_keys);
        auto real = app.uid();
        if (!real)
            return std::move(real).error();
        if (*real != token.uid)
            return fail(ErrorCode::Conflict, "another card is in the field");
        outcome = app.writeState(token);
        if (outcome->kind == Kind::Unknown)
            return fail(ErrorCode::Io, outcome->detail); // the reader reports the card gone
        return {};
    });
    if (!outcome)
        outcome = StateWriteOutcome{Kind::NotCommitted, session.error().message};
    switch (outcome->kind) {
    case Kind::Committed:
        m_counters.recordSeen(token.cardId, token.counter);
        m_tapped->counter = token.counter;
        break;
    case Kind::Unknown: m_tapped.reset(); break; // the card must be read again
    case Kind::NotCommitted: break;
    }
    return *outcome;
}

Result<CardUid> CardTerminal::issueCard(const MemberRecord &record, const Ed25519SecretKey &deviceKey, int64_t timeMs)
{
    m_tapped.reset();
    auto uid = m_reader.waitForCard(std::chrono::milliseconds(0));
    if (!uid)
        return fail(uid.error().code, uid.error().code == ErrorCode::NotFound ? "no card in the field" : uid.error().message);
    CardStateToken token;
    token.cardId = record.cardId;
    token.memberId = record.memberId;
    token.counter = 0;
    token.kioskId = m_kioskId;
    token.timeMs = timeMs;
    std::optional<StateWriteOutcome> outcome;
    auto issued = m_reader.runSession([&](DesfireCard &card) -> Result<void> {
        TapLedgerCard app(card, m_keys);
        auto real = app.uid(); // a random-ID card's real UID, which the state is bound to
        if (!real)
            return std::move(real).error();
        token.uid = *real;
        TL_TRY(token.sign(deviceKey));
        auto r = app.issue(record, token);
        if (!r)
            return std::move(r).error();
        outcome = *r;
        if (outcome->kind == StateWriteOutcome::Kind::Unknown)
            return fail(ErrorCode::Io, outcome->detail); // the reader reports the card gone
        return {};
    });
    if (outcome && outcome->kind == StateWriteOutcome::Kind::Unknown)
        return fail(ErrorCode::Io, "issue outcome unknown (the card's last answer was lost): tap the card again to check");
    if (!issued)
        return std::move(issued).error();
    if (outcome->kind != StateWriteOutcome::Kind::Committed)
        return fail(ErrorCode::Io, "personalisation not committed: " + outcome->detail);
    if (record.type == MemberRecord::CardType::Member)
        m_tapped = Tapped{token.uid, record, 0};
    return token.uid;
}

Result<void> CardTerminal::waitForRemoval(std::chrono::milliseconds timeout, std::stop_token stop)
{
    return m_reader.waitForRemoval(timeout, stop);
}

} // namespace tapledger::nfc
