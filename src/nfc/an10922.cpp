#include "nfc/an10922.h"

#include "core/crypto/constanttime.h"
#include "nfc/desfirecrypto.h"

#include <array>

namespace tapledger::nfc {

Result<Aes128Key> An10922::diversify(const Aes128Key &master, ByteView input)
{
    if (input.empty() || input.size() > kMaxInput)
        return fail(ErrorCode::InvalidArgument, "AN10922 diversification input must be 1..31 bytes");
    std::array<uint8_t, 32> d{};
    d[0] = 0x01;
    std::copy(input.begin(), input.end(), d.begin() + 1);
    const size_t used = 1 + input.size();
    const bool padded = used < d.size();
    if (padded)
        d[used] = 0x80; // the rest is already zero
    CmacSubkeys sk = cmacSubkeys(master);
    const AesBlock &k = padded ? sk.k2 : sk.k1;
    for (size_t i = 0; i < 16; ++i)
        d[16 + i] ^= k[i];
    AesBlock iv{};
    std::array<uint8_t, 32> out{};
    aes128CbcEncrypt(master, iv, d, out);
    Aes128Key key{};
    std::copy(out.begin() + 16, out.end(), key.begin());
    secureZero(d);
    secureZero(out);
    secureZero(sk.k1);
    secureZero(sk.k2);
    secureZero(iv);
    return key;
}

Result<Bytes> An10922::input(ByteView uid, ByteView aid, ByteView systemId)
{
    if (uid.size() != 4 && uid.size() != 7 && uid.size() != 10)
        return fail(ErrorCode::InvalidArgument, "card UID must be 4, 7 or 10 bytes");
    if (aid.size() != 3)
        return fail(ErrorCode::InvalidArgument, "DESFire AID must be 3 bytes");
    Bytes m(uid.begin(), uid.end());
    m.insert(m.end(), aid.begin(), aid.end());
    m.insert(m.end(), systemId.begin(), systemId.end());
    if (m.size() > kMaxInput)
        return fail(ErrorCode::InvalidArgument, "AN10922 input UID||AID||system id exceeds 31 bytes");
    return m;
}

} // namespace tapledger::nfc
