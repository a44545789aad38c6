#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "nfc/cardmasterkeys.h"
#include "nfc/cardstatetoken.h"
#include "nfc/emulator/desfireemulator.h"
#include "nfc/memberrecord.h"

#include <memory>

namespace tapledger::nfc::test {

/// Deterministic keys, ids and tokens shared by the card tests.
struct CardFixture
{
    CardMasterKeys masters;
    Ed25519SecretKey kioskKey;
    Ed25519SecretKey otherKiosk;

    CardFixture()
        : kioskKey(Ed25519SecretKey::fromSeed(seed(0x11))), otherKiosk(Ed25519SecretKey::fromSeed(seed(0x22)))
    {
        Aes128Key m1{};
        m1.fill(0x5A);
        Aes128Key m2{};
        m2.fill(0xA5);
        (void)masters.add(1, m1);
        (void)masters.add(2, m2);
        (void)masters.setCurrent(1);
    }

    static Ed25519Seed seed(uint8_t b)
    {
        Ed25519Seed s{};
        s.fill(b);
        return s;
    }

    static CardUid uid(uint8_t last) { return {0x04, 0x52, 0x7A, 0x1B, 0x22, 0x80, last}; }

    static std::shared_ptr<DesfireEmulator> blankCard(uint8_t last)
    {
        return std::make_shared<DesfireEmulator>(DesfireImage::blank(uid(last)));
    }

    static MemberRecord record(uint8_t tag, MemberRecord::CardType type = MemberRecord::CardType::Member,
                               Card::Role role = Card::Role::None)
    {
        MemberRecord r;
        r.type = type;
        r.role = role;
        Uuid::Bytes16 b{};
        b.fill(tag);
        b[6] = 0x40;
        r.cardId = Uuid(b);
        b[0] = static_cast<uint8_t>(tag + 1);
        r.memberId = Uuid(b);
        r.issuer = "HQ-TEST";
        r.issuedAtMs = 1700000000000;
        return r;
    }

    CardStateToken token(const CardUid &u, const MemberRecord &r, uint32_t counter, int64_t deposit,
                         const Ed25519SecretKey *signer = nullptr) const
    {
        CardStateToken t;
        t.uid = u;
        t.cardId = r.cardId;
        t.memberId = r.memberId;
        t.counter = counter;
        t.ledgerSeq = 100 + counter;
        t.deposit = deposit;
        t.bonus = deposit / 10;
        t.points = 7 * counter;
        t.currency = "EUR";
        t.kioskId = "kiosk-1";
        t.timeMs = 1700000000000 + counter;
        (void)t.sign(signer ? *signer : kioskKey);
        return t;
    }
};

} // namespace tapledger::nfc::test
