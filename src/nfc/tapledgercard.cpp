#include "nfc/tapledgercard.h"

#include "core/crypto/constanttime.h"
#include "nfc/cardlayout.h"

namespace tapledger::nfc {

namespace {
const Aes128Key kZeroKey{};
}

Result<Aes128Key> TapLedgerCard::key(uint8_t version, uint32_t aid, uint8_t keyNo) const
{
    return m_keys.cardKey(version, m_card.uid(), aid, keyNo);
}

Result<void> TapLedgerCard::authenticatePicc(bool &blank)
{
    TL_TRY(m_card.selectApplication(0));
    auto diversified = key(m_keys.current(), 0, CardLayout::kPiccMasterKey);
    if (!diversified)
        return std::move(diversified).error();
    auto first = m_card.authenticateAes(CardLayout::kPiccMasterKey, *diversified);
    secureZero(*diversified);
    if (first.ok()) {
        blank = false;
        return {};
    }
    if (first.error().code != ErrorCode::Denied)
        return first;
    auto second = m_card.authenticateAes(CardLayout::kPiccMasterKey, kZeroKey);
    if (!second.ok())
        return second.error().code == ErrorCode::Denied
                   ? fail(ErrorCode::Denied, "card PICC master key is neither blank nor ours")
                   : second;
    blank = true;
    return {};
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
    auto recordBytes = record.encode();
    if (!recordBytes)
        return std::move(recordBytes).error();
    if (signedState.uid != m_card.uid() || signedState.cardId != record.cardId)
        return fail(ErrorCode::InvalidArgument, "card state must be bound to this card");
    auto stateBytes = signedState.encode();
    if (!stateBytes)
        return std::move(stateBytes).error();
    const uint8_t gen = m_keys.current();

    bool blank = false;
    TL_TRY(authenticatePicc(blank));
    TL_TRY(m_card.formatPicc());
    if (blank) {
        auto picc = key(gen, 0, CardLayout::kPiccMasterKey);
        if (!picc)
            return std::move(picc).error();
        TL_TRY(m_card.selectApplication(0));
        TL_TRY(m_card.authenticateAes(CardLayout::kPiccMasterKey, kZeroKey));
        auto changed = m_card.changeKeyAes(CardLayout::kPiccMasterKey, *picc, gen, kZeroKey);
        secureZero(*picc);
        TL_TRY(changed);
        TL_TRY(authenticatePicc(blank));
    }
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
    const StateWriteOutcome w = writeState(signedState);
    if (w.kind != StateWriteOutcome::Kind::Committed)
        return fail(ErrorCode::Io, "personalisation not committed: " + w.detail);
    return {};
}

Result<CardContents> TapLedgerCard::read()
{
    CardContents c;
    c.uid = m_card.uid();
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
    if (signedState.uid != m_card.uid())
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
    bool blank = false;
    TL_TRY(authenticatePicc(blank));
    return m_card.formatPicc();
}

} // namespace tapledger::nfc
