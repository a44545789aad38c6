#include "nfc/desfirekey.h"

#include "core/crypto/constanttime.h"
#include "core/crypto/opensslpp_p.h"

#include <algorithm>
#include <cassert>
#include <climits>

namespace tapledger::nfc {

DesfireKey DesfireKey::aes(const Aes128Key &key, uint8_t version)
{
    DesfireKey k;
    k.type = DesfireKeyType::Aes;
    std::copy(key.begin(), key.end(), k.bytes.begin());
    k.aesVersion = version;
    return k;
}

DesfireKey DesfireKey::of(DesfireKeyType type, ByteView material)
{
    assert(material.size() == length(type));
    DesfireKey k;
    k.type = type;
    std::copy(material.begin(), material.end(), k.bytes.begin());
    return k;
}

DesfireKey DesfireKey::zero(DesfireKeyType type)
{
    DesfireKey k;
    k.type = type;
    return k;
}

size_t DesfireKey::length(DesfireKeyType type) noexcept
{
    switch (type) {
    case DesfireKeyType::Des: return 8;
    case DesfireKeyType::ThreeK3Des: return 24;
    case DesfireKeyType::TwoK3Des:
    case DesfireKeyType::Aes: break;
    }
    return 16;
}

size_t DesfireKey::wireLength() const noexcept
{
    return type == DesfireKeyType::ThreeK3Des ? 24 : 16;
}

std::array<uint8_t, 24> DesfireKey::wireBytes() const noexcept
{
    std::array<uint8_t, 24> out = bytes;
    if (type == DesfireKeyType::Des)
        std::copy(bytes.begin(), bytes.begin() + 8, out.begin() + 8);
    return out;
}

bool DesfireKey::actsAsSingleDes() const noexcept
{
    if (type == DesfireKeyType::Des)
        return true;
    if (type != DesfireKeyType::TwoK3Des)
        return false;
    for (size_t i = 0; i < 8; ++i)
        if ((bytes[i] & 0xFE) != (bytes[8 + i] & 0xFE))
            return false;
    return true;
}

uint8_t DesfireKey::version() const noexcept
{
    if (type == DesfireKeyType::Aes)
        return aesVersion;
    uint8_t v = 0;
    for (size_t i = 0; i < 8; ++i)
        v = static_cast<uint8_t>(v | (bytes[i] & 1) << (7 - i));
    return v;
}

uint8_t DesfireKey::cryptoBits(DesfireKeyType type) noexcept
{
    switch (type) {
    case DesfireKeyType::ThreeK3Des: return 0x40;
    case DesfireKeyType::Aes: return 0x80;
    case DesfireKeyType::Des:
    case DesfireKeyType::TwoK3Des: break;
    }
    return 0x00;
}

void DesfireKey::clear() noexcept
{
    secureZero(bytes);
    aesVersion = 0;
}

void desfireEcb(const DesfireKey &key, bool encrypt, std::span<uint8_t> data)
{
    assert(data.size() % key.blockSize() == 0 && data.size() <= static_cast<size_t>(INT_MAX));
    if (data.empty())
        return;
    // DES and 2K3DES run as DES-EDE3 with K1K1K1 / K1K2K1 (OpenSSL 3 keeps single DES in its
    // legacy provider; EDE with equal keys is DES).
    std::array<uint8_t, 24> k{};
    const EVP_CIPHER *cipher = EVP_aes_128_ecb();
    switch (key.type) {
    case DesfireKeyType::Aes: std::copy(key.bytes.begin(), key.bytes.begin() + 16, k.begin()); break;
    case DesfireKeyType::Des:
        for (size_t i = 0; i < 3; ++i)
            std::copy(key.bytes.begin(), key.bytes.begin() + 8, k.begin() + static_cast<std::ptrdiff_t>(8 * i));
        cipher = EVP_des_ede3_ecb();
        break;
    case DesfireKeyType::TwoK3Des:
        std::copy(key.bytes.begin(), key.bytes.begin() + 16, k.begin());
        std::copy(key.bytes.begin(), key.bytes.begin() + 8, k.begin() + 16);
        cipher = EVP_des_ede3_ecb();
        break;
    case DesfireKeyType::ThreeK3Des:
        k = key.bytes;
        cipher = EVP_des_ede3_ecb();
        break;
    }
    openssl::CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    const bool ok = ctx && EVP_CipherInit_ex(ctx.get(), cipher, nullptr, k.data(), nullptr, encrypt ? 1 : 0) == 1 &&
                    EVP_CIPHER_CTX_set_padding(ctx.get(), 0) == 1 &&
                    EVP_CipherUpdate(ctx.get(), data.data(), &len, data.data(), static_cast<int>(data.size())) == 1 &&
                    static_cast<size_t>(len) == data.size();
    secureZero(k);
    if (!ok)
        openssl::fatal();
}

void desfireChain(const DesfireKey &key, std::span<uint8_t> iv, std::span<uint8_t> data, bool send, bool encrypt)
{
    const size_t bs = key.blockSize();
    assert(iv.size() >= bs && data.size() % bs == 0);
    std::array<uint8_t, 16> saved{};
    for (size_t off = 0; off < data.size(); off += bs) {
        const auto block = data.subspan(off, bs);
        if (send) {
            for (size_t i = 0; i < bs; ++i)
                block[i] ^= iv[i];
        } else {
            std::copy(block.begin(), block.end(), saved.begin());
        }
        desfireEcb(key, encrypt, block);
        if (send) {
            std::copy(block.begin(), block.end(), iv.begin());
        } else {
            for (size_t i = 0; i < bs; ++i)
                block[i] ^= iv[i];
            std::copy(saved.begin(), saved.begin() + static_cast<std::ptrdiff_t>(bs), iv.begin());
        }
    }
}

} // namespace tapledger::nfc
