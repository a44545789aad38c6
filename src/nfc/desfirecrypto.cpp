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

uint8_t authCommand(DesfireAuthScheme scheme) noexcept
{
    switch (scheme) {
    case DesfireAuthScheme::Legacy: return 0x0A;
    case DesfireAuthScheme::Iso: return 0x1A;
    case DesfireAuthScheme::Aes: break;
    }
    return 0xAA;
}

uint16_t iso14443aCrc(ByteView data) noexcept
{
    uint32_t crc = 0x6363;
    for (const uint8_t byte : data) {
        uint8_t b = static_cast<uint8_t>(byte ^ (crc & 0xFF));
        b = static_cast<uint8_t>(b ^ (b << 4));
        crc = (crc >> 8) ^ (static_cast<uint32_t>(b) << 8) ^ (static_cast<uint32_t>(b) << 3) ^ (static_cast<uint32_t>(b) >> 4);
        crc &= 0xFFFF;
    }
    return static_cast<uint16_t>(crc);
}

namespace {

void shiftLeft(std::span<uint8_t> block) noexcept
{
    for (size_t i = 0; i < block.size(); ++i) {
        const uint8_t next = i + 1 < block.size() ? static_cast<uint8_t>(block[i + 1] >> 7) : uint8_t{0};
        block[i] = static_cast<uint8_t>((block[i] << 1) | next);
    }
}

} // namespace

void DesfireSession::start(DesfireAuthScheme s, const DesfireKey &authKey, ByteView a, ByteView b)
{
    clear();
    scheme = s;
    std::array<uint8_t, 24> m{};
    const auto put = [&m](size_t at, ByteView from, size_t offset) {
        std::copy(from.begin() + static_cast<std::ptrdiff_t>(offset), from.begin() + static_cast<std::ptrdiff_t>(offset + 4),
                  m.begin() + static_cast<std::ptrdiff_t>(at));
    };
    put(0, a, 0);
    put(4, b, 0);
    DesfireKeyType type = authKey.type;
    if (type == DesfireKeyType::TwoK3Des && authKey.actsAsSingleDes())
        type = DesfireKeyType::Des;
    // Further 4-byte pieces a_i || b_i after a0-3 || b0-3, by session key type.
    std::array<size_t, 2> pieces{};
    size_t count = 0;
    switch (type) {
    case DesfireKeyType::Des: break;
    case DesfireKeyType::TwoK3Des: pieces = {4, 0}, count = 1; break;
    case DesfireKeyType::ThreeK3Des: pieces = {6, 12}, count = 2; break;
    case DesfireKeyType::Aes: pieces = {12, 0}, count = 1; break;
    }
    for (size_t i = 0; i < count; ++i) {
        put(8 + 8 * i, a, pieces[i]);
        put(12 + 8 * i, b, pieces[i]);
    }
    key = DesfireKey::of(type, ByteView(m).first(DesfireKey::length(type)));
    secureZero(m);
    if (!legacy()) {
        // NIST SP 800-38B section 6.1 with Rb = 0x1B for 64-bit blocks, 0x87 for 128-bit.
        const size_t bs = blockSize();
        const uint8_t rb = bs == 8 ? 0x1B : 0x87;
        std::array<uint8_t, 16> l{};
        desfireEcb(key, true, std::span<uint8_t>(l).first(bs));
        const auto derive = [&](std::span<uint8_t> out, const std::array<uint8_t, 16> &from) {
            std::copy(from.begin(), from.begin() + static_cast<std::ptrdiff_t>(bs), out.begin());
            shiftLeft(out);
            if (from[0] & 0x80)
                out[bs - 1] ^= rb;
        };
        derive(std::span<uint8_t>(k1).first(bs), l);
        derive(std::span<uint8_t>(k2).first(bs), k1);
        secureZero(l);
    }
    iv = {};
}

void DesfireSession::clear() noexcept
{
    key.clear();
    secureZero(k1);
    secureZero(k2);
    iv = {};
}

std::array<uint8_t, 8> DesfireSession::cmac(ByteView data)
{
    std::array<uint8_t, 8> out{};
    if (legacy())
        return out;
    const size_t bs = blockSize();
    Bytes buffer(data.begin(), data.end());
    const bool complete = !data.empty() && data.size() % bs == 0;
    if (!complete) {
        buffer.push_back(0x80);
        while (buffer.size() % bs != 0)
            buffer.push_back(0x00);
    }
    const auto &sk = complete ? k1 : k2;
    for (size_t i = 0; i < bs; ++i)
        buffer[buffer.size() - bs + i] ^= sk[i];
    desfireChain(key, iv, buffer, true, true);
    secureZero(buffer);
    std::copy(iv.begin(), iv.begin() + 8, out.begin());
    return out;
}

std::array<uint8_t, 4> DesfireSession::legacyMac(ByteView data) const
{
    Bytes buffer(data.begin(), data.end());
    buffer.resize(padded(buffer.size()), 0x00);
    std::array<uint8_t, 16> zero{};
    desfireChain(key, zero, buffer, true, true);
    std::array<uint8_t, 4> out{};
    std::copy(buffer.end() - 8, buffer.end() - 4, out.begin());
    secureZero(buffer);
    return out;
}

void DesfireSession::sendEncipher(std::span<uint8_t> data)
{
    if (legacy()) {
        std::array<uint8_t, 16> zero{};
        desfireChain(key, zero, data, true, false); // DES "send mode": decipher to send
    } else {
        desfireChain(key, iv, data, true, true);
    }
}

void DesfireSession::sendDecipher(std::span<uint8_t> data)
{
    if (legacy()) {
        std::array<uint8_t, 16> zero{};
        desfireChain(key, zero, data, false, true); // undoes the send mode: E(c) ^ previous c
    } else {
        desfireChain(key, iv, data, false, false);
    }
}

void DesfireSession::answerEncipher(std::span<uint8_t> data)
{
    std::array<uint8_t, 16> zero{};
    desfireChain(key, legacy() ? std::span<uint8_t>(zero) : std::span<uint8_t>(iv), data, true, true);
}

void DesfireSession::answerDecipher(std::span<uint8_t> data)
{
    std::array<uint8_t, 16> zero{};
    desfireChain(key, legacy() ? std::span<uint8_t>(zero) : std::span<uint8_t>(iv), data, false, false);
}

void DesfireSession::appendCrc(Bytes &out, ByteView header, ByteView payload, bool answerStatus) const
{
    if (legacy()) {
        const uint16_t crc = iso14443aCrc(payload);
        out.push_back(static_cast<uint8_t>(crc & 0xFF));
        out.push_back(static_cast<uint8_t>(crc >> 8));
        return;
    }
    Bytes input(header.begin(), header.end());
    input.insert(input.end(), payload.begin(), payload.end());
    if (answerStatus)
        input.push_back(0x00);
    appendLe32(out, desfireCrc32(input));
    secureZero(input);
}

size_t DesfireSession::padded(size_t n) const noexcept
{
    const size_t bs = blockSize();
    if (n == 0 || n % bs != 0)
        return (n / bs + 1) * bs;
    return n;
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
