#pragma once

#include "core/bytes.h"
#include "core/crypto/aes128.h"

#include <array>
#include <cstdint>

namespace tapledger::nfc {

/// CRC32 as MIFARE DESFire EV1 secure messaging uses it (DESFire EV1 datasheet, "CRC32"):
/// reflected polynomial 0xEDB88320, preset 0xFFFFFFFF, no final XOR. Sent little-endian.
uint32_t desfireCrc32(ByteView data) noexcept;

/// Appends @p value little-endian (4 bytes), as DESFire sends CRC32 values.
void appendLe32(Bytes &out, uint32_t value);
/// Appends the low 24 bits of @p value little-endian (3 bytes: AIDs, offsets, lengths, sizes).
void appendLe24(Bytes &out, uint32_t value);
/// Reads 4 bytes little-endian from the start of @p in (at least 4 bytes; fewer is a bug).
uint32_t readLe32(ByteView in) noexcept;

/// The challenge rotation of AuthenticateAES: @p in rotated left by one byte (RndA', RndB').
template<size_t N>
std::array<uint8_t, N> rotateLeft(const std::array<uint8_t, N> &in)
{
    std::array<uint8_t, N> out{};
    for (size_t i = 0; i < N; ++i)
        out[i] = in[(i + 1) % N];
    return out;
}

/// The two CMAC subkeys K1, K2 of NIST SP 800-38B section 6.1 for an AES-128 key.
struct CmacSubkeys
{
    AesBlock k1{}; ///< for a complete last block
    AesBlock k2{}; ///< for a padded last block
};

/// Derives K1 and K2 (NIST SP 800-38B section 6.1) for @p key.
CmacSubkeys cmacSubkeys(const Aes128Key &key);

/// The secure-messaging state of one DESFire EV1 AES session (datasheet, "AuthenticateAES"), the
/// same on both ends: session key, its CMAC subkeys and the chaining IV.
struct DesfireSession
{
    Aes128Key key{};     ///< RndA[0..3] || RndB[0..3] || RndA[12..15] || RndB[12..15]
    CmacSubkeys subkeys{};
    AesBlock iv{};       ///< zero after authentication, then the last CMAC / cipher block

    /// Starts the session after AuthenticateAES with challenges @p rndA (PCD) and @p rndB (PICC):
    /// key = RndA[0..3] || RndB[0..3] || RndA[12..15] || RndB[12..15], zero IV.
    void start(const std::array<uint8_t, 16> &rndA, const std::array<uint8_t, 16> &rndB);
    /// Forgets the session (secureZero of every secret).
    void clear() noexcept;
};

/// AES-CMAC (NIST SP 800-38B) computed with a chaining value instead of the zero IV, as DESFire EV1
/// secure messaging does after AuthenticateAES: @p iv is the session IV in and the full 16-byte
/// CMAC out (it becomes the next IV). Returns the tag; the wire carries its first 8 bytes.
AesBlock cmacChained(const Aes128Key &key, const CmacSubkeys &subkeys, AesBlock &iv, ByteView data);

/// Number of bytes DESFire enciphers for @p n plaintext bytes: n rounded up to whole AES blocks,
/// with an empty input taking one block (libfreefare `padded_data_length`).
size_t paddedLength(size_t n) noexcept;

} // namespace tapledger::nfc
