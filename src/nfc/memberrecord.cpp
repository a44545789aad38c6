#include "nfc/memberrecord.h"

#include <algorithm>

namespace tapledger::nfc {

namespace {
constexpr std::array<uint8_t, 4> kMagic{'T', 'L', 'M', 'R'};

bool printable(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x21 && c <= 0x7E; });
}
} // namespace

Result<std::array<uint8_t, MemberRecord::kSize>> MemberRecord::encode() const
{
    if (cardId.isNil() || memberId.isNil())
        return fail(ErrorCode::InvalidArgument, "member record needs a card id and a member id");
    if (issuer.empty() || issuer.size() > 16 || !printable(issuer))
        return fail(ErrorCode::InvalidArgument, "issuer must be 1..16 printable ASCII characters");
    if ((type == CardType::Staff) == (role == Card::Role::None))
        return fail(ErrorCode::InvalidArgument, "staff cards need a role; member cards have none");
    std::array<uint8_t, kSize> out{};
    std::copy(kMagic.begin(), kMagic.end(), out.begin());
    out[4] = kVersion;
    out[5] = static_cast<uint8_t>(type);
    out[6] = static_cast<uint8_t>(role);
    std::copy(cardId.bytes().begin(), cardId.bytes().end(), out.begin() + 8);
    std::copy(memberId.bytes().begin(), memberId.bytes().end(), out.begin() + 24);
    std::copy(issuer.begin(), issuer.end(), out.begin() + 40);
    const auto t = static_cast<uint64_t>(issuedAtMs);
    for (size_t i = 0; i < 8; ++i)
        out[56 + i] = static_cast<uint8_t>(t >> (56 - 8 * i));
    return out;
}

Result<MemberRecord> MemberRecord::decode(ByteView b)
{
    const auto corrupt = [](const char *why) { return fail(ErrorCode::Corrupt, std::string("member record: ") + why); };
    if (b.size() != kSize)
        return corrupt("wrong size");
    if (!std::equal(kMagic.begin(), kMagic.end(), b.begin()) || b[4] != kVersion || b[7] != 0)
        return corrupt("not a TapLedger member record");
    MemberRecord r;
    if (b[5] != 1 && b[5] != 2)
        return corrupt("bad card type");
    if (b[6] > static_cast<uint8_t>(Card::Role::Admin))
        return corrupt("bad role");
    r.type = static_cast<CardType>(b[5]);
    r.role = static_cast<Card::Role>(b[6]);
    Uuid::Bytes16 id{};
    std::copy(b.begin() + 8, b.begin() + 24, id.begin());
    r.cardId = Uuid(id);
    std::copy(b.begin() + 24, b.begin() + 40, id.begin());
    r.memberId = Uuid(id);
    const auto issuerBytes = b.subspan(40, 16);
    const auto end = std::find(issuerBytes.begin(), issuerBytes.end(), uint8_t{0});
    r.issuer.assign(issuerBytes.begin(), end);
    if (std::any_of(end, issuerBytes.end(), [](uint8_t c) { return c != 0; }))
        return corrupt("bad issuer padding");
    uint64_t t = 0;
    for (size_t i = 0; i < 8; ++i)
        t = t << 8 | b[56 + i];
    r.issuedAtMs = static_cast<int64_t>(t);
    if (!r.encode().ok())
        return corrupt("inconsistent fields");
    return r;
}

} // namespace tapledger::nfc
