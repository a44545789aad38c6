#include "nfc/cardstatetoken.h"

#include "core/cardtokensignature.h"
#include "core/kioskid.h"

#include "core/crypto/ed25519secretkey.h"

#include <algorithm>

namespace tapledger::nfc {

namespace {

constexpr std::array<uint8_t, 4> kMagic{'T', 'L', 'C', 'S'};

void putBe(uint8_t *at, uint64_t v, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        at[i] = static_cast<uint8_t>(v >> (8 * (n - 1 - i)));
}

uint64_t getBe(const uint8_t *at, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i)
        v = v << 8 | at[i];
    return v;
}

bool validCurrency(std::string_view c)
{
    return c.empty() || (c.size() == 3 && std::all_of(c.begin(), c.end(), [](char x) { return x >= 'A' && x <= 'Z'; }));
}

} // namespace

Result<std::array<uint8_t, CardStateToken::kSize>> CardStateToken::encode() const
{
    if (cardId.isNil() || memberId.isNil())
        return fail(ErrorCode::InvalidArgument, "card state needs a card id and a member id");
    if (!isValidKioskId(kioskId))
        return fail(ErrorCode::InvalidArgument, "kiosk id must be " + std::string(kKioskIdRule));
    if (!validCurrency(currency))
        return fail(ErrorCode::InvalidArgument, "currency must be an ISO 4217 code or empty");
    std::array<uint8_t, kSize> out{};
    uint8_t *p = out.data();
    std::copy(kMagic.begin(), kMagic.end(), p);
    p[4] = kVersion;
    std::copy(uid.begin(), uid.end(), p + 8);
    std::copy(cardId.bytes().begin(), cardId.bytes().end(), p + 16);
    std::copy(memberId.bytes().begin(), memberId.bytes().end(), p + 32);
    putBe(p + 48, counter, 4);
    putBe(p + 52, ledgerSeq, 8);
    putBe(p + 60, static_cast<uint64_t>(deposit), 8);
    putBe(p + 68, static_cast<uint64_t>(bonus), 8);
    putBe(p + 76, static_cast<uint64_t>(points), 8);
    std::copy(currency.begin(), currency.end(), p + 84);
    p[88] = static_cast<uint8_t>(kioskId.size());
    std::copy(kioskId.begin(), kioskId.end(), p + 89);
    putBe(p + 152, static_cast<uint64_t>(timeMs), 8);
    std::copy(signer.begin(), signer.end(), p + 160);
    std::copy(signature.begin(), signature.end(), p + 192);
    return out;
}

Result<CardStateToken> CardStateToken::decode(ByteView b)
{
    const auto corrupt = [](const char *why) { return fail(ErrorCode::Corrupt, std::string("card state: ") + why); };
    if (b.size() != kSize)
        return corrupt("wrong size");
    const uint8_t *p = b.data();
    if (!std::equal(kMagic.begin(), kMagic.end(), p) || p[4] != kVersion)
        return corrupt("not a TapLedger card state");
    if (p[5] || p[6] || p[7] || p[15] || p[87])
        return corrupt("bad reserved bytes");
    CardStateToken t;
    std::copy(p + 8, p + 15, t.uid.begin());
    Uuid::Bytes16 id{};
    std::copy(p + 16, p + 32, id.begin());
    t.cardId = Uuid(id);
    std::copy(p + 32, p + 48, id.begin());
    t.memberId = Uuid(id);
    t.counter = static_cast<uint32_t>(getBe(p + 48, 4));
    t.ledgerSeq = getBe(p + 52, 8);
    t.deposit = static_cast<int64_t>(getBe(p + 60, 8));
    t.bonus = static_cast<int64_t>(getBe(p + 68, 8));
    t.points = static_cast<int64_t>(getBe(p + 76, 8));
    if (p[84])
        t.currency.assign(p + 84, p + 87);
    else if (p[85] || p[86])
        return corrupt("bad currency padding"); // one encoding per state

    const size_t kioskLen = p[88];
    if (kioskLen > kMaxKioskIdLength || std::any_of(p + 89 + kioskLen, p + 152, [](uint8_t c) { return c != 0; }))
        return corrupt("bad kiosk id");
    t.kioskId.assign(p + 89, p + 89 + kioskLen);
    t.timeMs = static_cast<int64_t>(getBe(p + 152, 8));
    std::copy(p + 160, p + 192, t.signer.begin());
    std::copy(p + 192, p + 256, t.signature.begin());
    if (!t.encode().ok())
        return corrupt("field out of range");
    return t;
}

Result<void> CardStateToken::sign(const Ed25519SecretKey &key)
{
    signer = key.publicKey();
    signature = {};
    auto bytes = encode();
    if (!bytes)
        return std::move(bytes).error();
    signature = key.sign(ByteView(*bytes).first(kSignedSize));
    return {};
}

bool CardStateToken::verifySignature() const
{
    auto bytes = encode();
    if (!bytes)
        return false;
    return ed25519Verify(signer, ByteView(*bytes).first(kSignedSize), signature);
}

Result<CardTokenFacts> cardTokenFacts(const CardStateToken &token)
{
    static_assert(CardStateToken::kSize == CardTokenLayout::kSize && CardStateToken::kSignedSize == CardTokenLayout::kSignedSize);
    auto bytes = token.encode();
    if (!bytes)
        return std::move(bytes).error();
    CardTokenFacts f;
    f.card = token.cardId;
    f.member = token.memberId;
    f.counter = token.counter;
    f.ledgerSeq = token.ledgerSeq;
    f.deposit = token.deposit;
    f.bonus = token.bonus;
    f.points = token.points;
    f.currency = token.currency;
    f.kioskId = token.kioskId;
    f.bytes.assign(bytes->begin(), bytes->end());
    return f;
}

} // namespace tapledger::nfc
