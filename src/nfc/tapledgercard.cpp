#include "nfc/tapledgercard.h"

#include "core/crypto/constanttime.h"
#include "nfc/cardlayout.h"

#include <algorithm>
#include <cassert>

namespace tapledger::nfc {

namespace {
const Aes128Key kZeroKey{};
}

Result<Aes128Key> TapLedgerCard::key(uint8_t version, uint32_t aid, uint8_t keyNo) const
{
    const CardUid anticollision = m_card.uid();
    if (isRandomUid(anticollision) && aid == 0)
        return m_keys.cardKey(version, CardLayout::kRandomIdPiccUid, aid, keyNo);
    assert((m_realUid || !isRandomUid(anticollision)) && "uid() resolves a random-ID card's UID first");
    return m_keys.cardKey(version, m_realUid.value_or(anticollision), aid, keyNo);
}

Result<CardUid> TapLedgerCard::uid()
{
    if (m_realUid)
        return *m_realUid;
    const CardUid anticollision = m_card.uid();
    if (!isRandomUid(anticollision)) {
        m_realUid = anticollision;
        return anticollision;
    }
    auto picc = authenticatePicc();
    if (!picc)
        return std::move(picc).error();
    auto real = m_card.cardUid();
    if (!real)
        return std::move(real).error();
    if (isRandomUid(*real))
        return fail(ErrorCode::Conflict, "GetCardUID answered a random UID");
    m_realUid = *real;
    return *real;
}

Result<TapLedgerCard::PiccKey> TapLedgerCard::authenticatePicc()
{
    TL_TRY(m_card.selectApplication(0));
    // GetKeyVersion needs no authentication: 0 on a factory card, the generation on ours.
    auto version = m_card.keyVersion(CardLayout::kPiccMasterKey);
    if (!version)
        return std::move(version).error();
    if (*version != 0) {
        auto diversified = key(*version, 0, CardLayout::kPiccMasterKey);
        if (!diversified)
            return fail(ErrorCode::Denied, "card PICC master key generation " + std::to_string(*version) +
                                               " is unknown here");
        auto r = m_card.authenticateAes(CardLayout::kPiccMasterKey, *diversified);
        secureZero(*diversified);
        if (r)
            return PiccKey::Ours;
        if (r.error().code != ErrorCode::Denied)
            return std::move(r).error();
    }
    // Factory keys, most common first: DES zero (legacy, as NXP ships EV1), AES zero, 3K3DES
    // zero. A key of another type fails at once (the card refuses the first frame).
    const struct
    {
        DesfireKeyType type;
        DesfireAuthScheme scheme;
    } factory[] = {
        {DesfireKeyType::Des, DesfireAuthScheme::Legacy},
        {DesfireKeyType::Aes, DesfireAuthScheme::Aes},
        {DesfireKeyType::ThreeK3Des, DesfireAuthScheme::Iso},
    };
    for (const auto &f : factory) {
        auto r = m_card.authenticate(CardLayout::kPiccMasterKey, DesfireKey::zero(f.type), f.scheme);
        if (r)
            return PiccKey::FactoryZero;
        if (r.error().code != ErrorCode::Denied && r.error().code != ErrorCode::Conflict)
            return std::move(r).error();
    }
    return fail(ErrorCode::Denied, "card PICC master key is neither blank nor ours");
}

Result<void> TapLedgerCard::takePicc()
{
    auto which = authenticatePicc();
    if (!which)
        return std::move(which).error();
    if (*which == PiccKey::Ours)
        return {};
    // Factory card: the authenticated key itself becomes our AES key (same slot: no XOR, the
    // session ends). Torn before: still factory; after: ours and empty. Both issue again.
    const uint8_t gen = m_keys.current();
    auto picc = key(gen, 0, CardLayout::kPiccMasterKey);
    if (!picc)
        return std::move(picc).error();
    auto changed = m_card.changeKey(CardLayout::kPiccMasterKey, DesfireKey::aes(*picc, gen), DesfireKey{});
    secureZero(*picc);
    TL_TRY(changed);
    which = authenticatePicc();
    if (!which)
        return std::move(which).error();
    if (*which != PiccKey::Ours)
        return fail(ErrorCode::Conflict, "card kept its factory PICC master key");
    return {};
}

Result<bool> TapLedgerCard::halfIssued()
{
    // Personalisation sets the application master key (version = generation >= 1) last of the
    // keys, then creates the files and commits the state; anything short of that is half-issued.
    TL_TRY(m_card.selectApplication(CardLayout::kAid));
    auto master = m_card.keyVersion(CardLayout::kKeyAppMaster);
    if (!master)
        return std::move(master).error();
    if (*master == 0)
        return true;
    auto contents = read();
    if (contents)
        return !CardStateToken::decode(contents->stateBytes).ok(); // all zeros: never committed
    switch (contents.error().code) {
    case ErrorCode::NotFound: // files not created yet
    case ErrorCode::Corrupt:  // member record not written yet
        return true;
    default: return std::move(contents).error(); // Io, Crypto, Denied (keys we do not hold)
    }
}

Result<uint8_t> TapLedgerCard::authenticateApp(uint8_t keyNo)
{
    TL_TRY(m_card.selectApplication(CardLayout::kAid));
    auto version = m_card.keyVersion(keyNo);
    if (!version)
        return std::move(version).error();
    auto k = key(*version, CardLayout::kAid, keyNo);
    if (!k)
        return fail(ErrorCode::Denied, "card key generation " + std::to_string(*version) + " is unknown here");
    auto r = m_card.authenticateAes(keyNo, *k);
    secureZero(*k);
    if (!r)
        return std::move(r).error();
    return *version;
}

Result<void> TapLedgerCard::personalise(const MemberRecord &record, const CardStateToken &signedState)
{
    auto outcome = issue(record, signedState);
    if (!outcome)
        return std::move(outcome).error();
    switch (outcome->kind) {
    case StateWriteOutcome::Kind::Committed: return {};
    case StateWriteOutcome::Kind::Unknown:
        return fail(ErrorCode::Io, "issue outcome unknown (the card's last answer was lost): tap the card again to check");
    case StateWriteOutcome::Kind::NotCommitted: break;
    }
    return fail(ErrorCode::Io, "personalisation not committed: " + outcome->detail);
}

Result<StateWriteOutcome> TapLedgerCard::issue(const MemberRecord &record, const CardStateToken &signedState)
{
    auto recordBytes = record.encode();
    if (!recordBytes)
        return std::move(recordBytes).error();
    auto realUid = uid();
    if (!realUid)
        return std::move(realUid).error();
    if (signedState.uid != *realUid || signedState.cardId != record.cardId)
        return fail(ErrorCode::InvalidArgument, "card state must be bound to this card");
    auto stateBytes = signedState.encode();
    if (!stateBytes)
        return std::move(stateBytes).error();
    const uint8_t gen = m_keys.current();

    // Look before changing anything: a card holding an issued or a foreign application is left
    // exactly as it is.
    auto which = authenticatePicc();
    if (!which)
        return std::move(which).error();
    auto aids = m_card.applicationIds();
    if (!aids)
        return std::move(aids).error();
    const bool ours = std::find(aids->begin(), aids->end(), CardLayout::kAid) != aids->end();
    if (aids->size() > (ours ? 1U : 0U))
        return fail(ErrorCode::Conflict, "card holds other applications: use another card, or `card format --yes`");
    if (ours) {
        auto half = halfIssued();
        if (!half)
            return std::move(half).error();
        if (!*half) {
            auto existing = read();
            return fail(ErrorCode::Conflict, "card already issued to member " +
                                                 (existing ? existing->record.memberId.toString() : std::string("?")) +
                                                 ": use replace, or `card format --yes`");
        }
    }
    TL_TRY(takePicc());
    if (ours)
        TL_TRY(m_card.deleteApplication(CardLayout::kAid)); // half-issued: nothing of value on it
    TL_TRY(m_card.createApplicationAes(CardLayout::kAid, CardLayout::kAppKeySettings, CardLayout::kKeyCount));

    TL_TRY(m_card.selectApplication(CardLayout::kAid));
    TL_TRY(m_card.authenticateAes(CardLayout::kKeyAppMaster, kZeroKey));
    for (uint8_t keyNo : {CardLayout::kKeyKiosk, CardLayout::kKeyReadOnly, CardLayout::kKeyAppMaster}) {
        auto k = key(gen, CardLayout::kAid, keyNo);
        if (!k)
            return std::move(k).error();
        auto changed = m_card.changeKeyAes(keyNo, *k, gen, kZeroKey);
        secureZero(*k);
        TL_TRY(changed);
    }
    auto v = authenticateApp(CardLayout::kKeyAppMaster);
    if (!v)
        return std::move(v).error();
    TL_TRY(m_card.createDataFile(CardLayout::kMemberFile, false, CardLayout::kFileMode, CardLayout::kMemberFileAccess,
                                 CardLayout::kMemberFileSize));
    TL_TRY(m_card.createDataFile(CardLayout::kStateFile, true, CardLayout::kFileMode, CardLayout::kStateFileAccess,
                                 CardLayout::kStateFileSize));
    TL_TRY(m_card.writeData(CardLayout::kMemberFile, 0, *recordBytes, CardLayout::kFileMode));
    return writeState(signedState);
}

Result<CardContents> TapLedgerCard::read()
{
    CardContents c;
    auto realUid = uid();
    if (!realUid)
        return std::move(realUid).error();
    c.uid = *realUid;
    auto v = authenticateApp(CardLayout::kKeyKiosk);
    if (!v)
        return std::move(v).error();
    c.keyVersion = *v;
    auto rec = m_card.readData(CardLayout::kMemberFile, 0, CardLayout::kMemberFileSize, CardLayout::kFileMode);
    if (!rec)
        return std::move(rec).error();
    auto record = MemberRecord::decode(*rec);
    if (!record)
        return std::move(record).error();
    c.record = std::move(*record);
    auto state = m_card.readData(CardLayout::kStateFile, 0, CardLayout::kStateFileSize, CardLayout::kFileMode);
    if (!state)
        return std::move(state).error();
    std::copy(state->begin(), state->end(), c.stateBytes.begin());
    return c;
}

StateWriteOutcome TapLedgerCard::writeState(const CardStateToken &signedState)
{
    using Kind = StateWriteOutcome::Kind;
    auto realUid = uid();
    if (!realUid)
        return {Kind::NotCommitted, realUid.error().message};
    if (signedState.uid != *realUid)
        return {Kind::NotCommitted, "card state is bound to another card"};
    auto bytes = signedState.encode();
    if (!bytes)
        return {Kind::NotCommitted, bytes.error().message};
    auto v = authenticateApp(CardLayout::kKeyKiosk);
    if (!v)
        return {Kind::NotCommitted, v.error().message};
    auto w = m_card.writeData(CardLayout::kStateFile, 0, *bytes, CardLayout::kFileMode);
    if (!w)
        return {Kind::NotCommitted, w.error().message};
    auto c = m_card.commitTransaction();
    if (!c) {
        // Io: the command may have reached the card; any other error: the card refused it.
        return {c.error().code == ErrorCode::Io ? Kind::Unknown : Kind::NotCommitted, c.error().message};
    }
    return {Kind::Committed, {}};
}

Result<void> TapLedgerCard::rotateKeys(uint8_t newVersion)
{
    TL_TRY(uid());
    auto oldVersion = authenticateApp(CardLayout::kKeyAppMaster);
    if (!oldVersion)
        return std::move(oldVersion).error();
    for (uint8_t keyNo : {CardLayout::kKeyKiosk, CardLayout::kKeyReadOnly, CardLayout::kKeyAppMaster}) {
        auto current = m_card.keyVersion(keyNo);
        if (!current)
            return std::move(current).error();
        if (*current == newVersion)
            continue; // done by an earlier, interrupted rotation
        auto oldKey = key(*current, CardLayout::kAid, keyNo);
        auto newKey = key(newVersion, CardLayout::kAid, keyNo);
        if (!oldKey || !newKey)
            return fail(ErrorCode::NotFound, "key generation missing from the key store");
        auto changed = m_card.changeKeyAes(keyNo, *newKey, newVersion, *oldKey);
        secureZero(*oldKey);
        secureZero(*newKey);
        TL_TRY(changed);
    }
    return {};
}

Result<void> TapLedgerCard::format()
{
    TL_TRY(takePicc());
    return m_card.formatPicc();
}

} // namespace tapledger::nfc
