#include "nfc/desfirecrypto.h"

#include "core/crypto/constanttime.h"

#include <algorithm>
#include <cassert>

namespace tapledger::nfc {

uint32_t desfireCrc32(ByteView data) noexcept
{
    uint32_t crc = 0xFFFFFFFFu;
    for (const uint8_t byte : data) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    }
    return crc;
}

void appendLe32(Bytes &out, uint32_t value)
{
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

void appendLe24(Bytes &out, uint32_t value)
{
    for (int i = 0; i < 3; ++i)
        out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

uint32_t readLe32(ByteView in) noexcept
{
    assert(in.size() >= 4);
    return static_cast<uint32_t>(in[0]) | static_cast<uint32_t>(in[1]) << 8 | static_cast<uint32_t>(in[2]) << 16 |
           static_cast<uint32_t>(in[3]) << 24;
}

namespace {

AesBlock doubleBlock(const AesBlock &in)
{
    AesBlock out{};
    for (size_t i = 0; i < 16; ++i) {
        const uint8_t next = i + 1 < 16 ? static_cast<uint8_t>(in[i + 1] >> 7) : uint8_t{0};
        out[i] = static_cast<uint8_t>((in[i] << 1) | next);
    }
    if (in[0] & 0x80)
        out[15] ^= 0x87;
    return out;
}

} // namespace

CmacSubkeys cmacSubkeys(const Aes128Key &key)
{
    AesBlock iv{};
    AesBlock zero{};
    AesBlock l{};
    aes128CbcEncrypt(key, iv, zero, l);
    CmacSubkeys sk;
    sk.k1 = doubleBlock(l);
    sk.k2 = doubleBlock(sk.k1);
    secureZero(l);
    return sk;
}

void DesfireSession::start(const std::array<uint8_t, 16> &rndA, const std::array<uint8_t, 16> &rndB)
{
    for (size_t i = 0; i < 4; ++i) {
        key[i] = rndA[i];
        key[4 + i] = rndB[i];
        key[8 + i] = rndA[12 + i];
        key[12 + i] = rndB[12 + i];
    }
    subkeys = cmacSubkeys(key);
    iv = {};
}

void DesfireSession::clear() noexcept
{
    secureZero(key);
    secureZero(subkeys.k1);
    secureZero(subkeys.k2);
    iv = {};
}

size_t paddedLength(size_t n) noexcept
{
    if (n == 0 || n % 16 != 0)
        return (n / 16 + 1) * 16;
    return n;
}

AesBlock cmacChained(const Aes128Key &key, const CmacSubkeys &subkeys, AesBlock &iv, ByteView data)
{
    Bytes buffer(data.begin(), data.end());
    const bool complete = !data.empty() && data.size() % 16 == 0;
    if (!complete) {
        buffer.push_back(0x80);
        while (buffer.size() % 16 != 0)
            buffer.push_back(0x00);
    }
    const AesBlock &sk = complete ? subkeys.k1 : subkeys.k2;
    for (size_t i = 0; i < 16; ++i)
        buffer[buffer.size() - 16 + i] ^= sk[i];
    Bytes out(buffer.size());
    aes128CbcEncrypt(key, iv, buffer, out);
    secureZero(buffer);
    return iv;
}

} // namespace tapledger::nfc
