#pragma once

#include "core/bytes.h"
#include "core/crypto/aes128.h"
#include "nfc/desfirekey.h"

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

/// How a DESFire session was opened (DESFire EV1 datasheet, "Authentication"): legacy
/// Authenticate (0x0A, DES/2K3DES, DESFire EV0 secure messaging: no CMAC, CRC16, DES "send mode"),
/// AuthenticateISO (0x1A, DES/2K3DES/3K3DES) or AuthenticateAES (0xAA). The last two use EV1
/// secure messaging: CMAC with a chaining IV over every command and answer, CRC32.
enum class DesfireAuthScheme : uint8_t { Legacy, Iso, Aes };

/// The authentication command byte of @p scheme (0x0A, 0x1A, 0xAA).
uint8_t authCommand(DesfireAuthScheme scheme) noexcept;

/// ISO/IEC 14443-3 CRC_A (preset 0x6363, reflected polynomial 0x8408), as DESFire legacy secure
/// messaging uses it; sent little-endian (2 bytes).
uint16_t iso14443aCrc(ByteView data) noexcept;

/// The secure-messaging state of one DESFire session, the same on both ends (DESFire EV1
/// datasheet, "Secure messaging"; libfreefare 0.4.0 mifare_desfire_crypto.c): session key, CMAC
/// subkeys and chaining IV. "Send" is PCD → PICC, "answer" PICC → PCD.
struct DesfireSession
{
    DesfireAuthScheme scheme = DesfireAuthScheme::Aes;
    DesfireKey key;                ///< session key (type follows the authentication key)
    std::array<uint8_t, 16> k1{};  ///< CMAC subkey for a complete last block (EV1 schemes)
    std::array<uint8_t, 16> k2{};  ///< CMAC subkey for a padded last block
    std::array<uint8_t, 16> iv{};  ///< chaining value (blockSize() bytes used)

    /// Starts the session after authenticating with @p authKey under @p scheme with challenges
    /// @p rndA (PCD) and @p rndB (PICC), each 8 (DES family) or 16 (3K3DES, AES) bytes. Session
    /// keys: DES a0-3 b0-3; 2K3DES a0-3 b0-3 a4-7 b4-7; 3K3DES a0-3 b0-3 a6-9 b6-9 a12-15 b12-15;
    /// AES a0-3 b0-3 a12-15 b12-15. Zero IV.
    void start(DesfireAuthScheme scheme, const DesfireKey &authKey, ByteView rndA, ByteView rndB);
    /// Forgets the session (secureZero of every secret).
    void clear() noexcept;
    /// Block size of the session cipher (8 or 16).
    size_t blockSize() const noexcept { return key.blockSize(); }
    /// True for a legacy (0x0A) session.
    bool legacy() const noexcept { return scheme == DesfireAuthScheme::Legacy; }
    /// EV1 schemes: CMAC (NIST SP 800-38B, chaining IV) over @p data, IV updated; returns the
    /// 8 bytes the wire carries. Legacy: no CMAC, returns zeros and changes nothing.
    std::array<uint8_t, 8> cmac(ByteView data);
    /// Legacy MAC (DESFire EV0): CBC encryption with a zero IV over @p data zero-padded; the first
    /// 4 bytes of the last block.
    std::array<uint8_t, 4> legacyMac(ByteView data) const;
    /// Enciphers @p data (whole blocks) PCD → PICC, in place (PCD side).
    void sendEncipher(std::span<uint8_t> data);
    /// Deciphers @p data (whole blocks) PCD → PICC, in place (PICC side).
    void sendDecipher(std::span<uint8_t> data);
    /// Enciphers @p data (whole blocks) PICC → PCD, in place (PICC side).
    void answerEncipher(std::span<uint8_t> data);
    /// Deciphers @p data (whole blocks) PICC → PCD, in place (PCD side).
    void answerDecipher(std::span<uint8_t> data);
    /// Length of the CRC inside enciphered data: 2 (legacy CRC16) or 4 (CRC32).
    size_t crcLength() const noexcept { return legacy() ? 2 : 4; }
    /// Appends the CRC of enciphered data to @p out: legacy CRC16 over @p payload only, else
    /// CRC32 over @p header || @p payload (header = command bytes, or nothing for answers).
    void appendCrc(Bytes &out, ByteView header, ByteView payload, bool answerStatus) const;
    /// @p n rounded up to whole cipher blocks (an empty input takes one block).
    size_t padded(size_t n) const noexcept;
};

/// AES-CMAC (NIST SP 800-38B) computed with a chaining value instead of the zero IV, as DESFire EV1
/// secure messaging does after AuthenticateAES: @p iv is the session IV in and the full 16-byte
/// CMAC out (it becomes the next IV). Returns the tag; the wire carries its first 8 bytes.
AesBlock cmacChained(const Aes128Key &key, const CmacSubkeys &subkeys, AesBlock &iv, ByteView data);

/// Number of bytes DESFire enciphers for @p n plaintext bytes: n rounded up to whole AES blocks,
/// with an empty input taking one block (libfreefare `padded_data_length`).
size_t paddedLength(size_t n) noexcept;

} // namespace tapledger::nfc
