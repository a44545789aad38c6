#pragma once

#include "core/bytes.h"
#include "core/crypto/aes128.h"

#include <array>
#include <cstdint>
#include <span>

namespace tapledger::nfc {

/// The key types of MIFARE DESFire EV1 (datasheet, "Key settings"; CreateApplication settings
/// byte 2 bits 7..6: 00 DES/2K3DES, 01 3K3DES, 10 AES).
enum class DesfireKeyType : uint8_t {
    Des,      ///< single DES, 8 bytes (sent as 16: the 8 bytes twice, as libfreefare does)
    TwoK3Des, ///< 2-key triple DES, 16 bytes; K1 == K2 (parity bits ignored) acts as single DES
    ThreeK3Des, ///< 3-key triple DES, 24 bytes
    Aes,      ///< AES-128, 16 bytes, with a separate version byte
};

/// One DESFire key value of any type. DES-family key versions live in the parity bits (bit 0
/// of the first 8 bytes, most significant first), as on the card and in libfreefare 0.4.0.
struct DesfireKey
{
    DesfireKeyType type = DesfireKeyType::Aes;
    std::array<uint8_t, 24> bytes{}; ///< key material; only length() bytes are used, the rest 0
    uint8_t aesVersion = 0;          ///< version byte of an AES key (unused for the DES family)

    /// An AES-128 key with @p version.
    static DesfireKey aes(const Aes128Key &key, uint8_t version = 0);
    /// A key of @p type from @p material (exactly length(type) bytes; fewer is a bug).
    static DesfireKey of(DesfireKeyType type, ByteView material);
    /// The all-zero key of @p type (a factory DESFire has the DES zero key at the PICC level).
    static DesfireKey zero(DesfireKeyType type);

    /// Key material length: 8 (DES), 16 (2K3DES, AES), 24 (3K3DES).
    static size_t length(DesfireKeyType type) noexcept;
    /// Bytes of this key in a ChangeKey cryptogram: 16 for DES (twice), 2K3DES and AES, 24 for 3K3DES.
    size_t wireLength() const noexcept;
    /// The key as a ChangeKey cryptogram carries it (wireLength() bytes).
    std::array<uint8_t, 24> wireBytes() const noexcept;
    /// Cipher block size: 8 for the DES family, 16 for AES.
    size_t blockSize() const noexcept { return type == DesfireKeyType::Aes ? 16 : 8; }
    /// True when the card computes with single DES: a DES key, or a 2K3DES key whose halves are
    /// equal apart from the parity (version) bits.
    bool actsAsSingleDes() const noexcept;
    /// Key version: aesVersion, or the parity bits of the first 8 bytes for the DES family.
    uint8_t version() const noexcept;
    /// The CreateApplication / ChangeKey crypto bits (0x00 DES family, 0x40 3K3DES, 0x80 AES).
    static uint8_t cryptoBits(DesfireKeyType type) noexcept;
    /// Clears the key material (secureZero).
    void clear() noexcept;

    friend bool operator==(const DesfireKey &, const DesfireKey &) = default;
};

/// One block-chained pass over @p data (whole blocks) with @p key and the chaining value @p iv
/// (blockSize() bytes, updated), exactly libfreefare 0.4.0's `mifare_cypher_blocks_chained`:
/// @p send: block ^= iv, then the block operation, iv = result (with @p encrypt = CBC encryption;
/// with decrypt = the DESFire legacy "send mode"); else: the block operation, result ^= iv,
/// iv = input (with decrypt = CBC decryption).
void desfireChain(const DesfireKey &key, std::span<uint8_t> iv, std::span<uint8_t> data, bool send, bool encrypt);

/// ECB encryption (@p encrypt) or decryption of whole blocks of @p data in place with @p key
/// (AES-128, or DES-EDE3 with K1K2K1 / KKK for 2K3DES / DES). @p data must be whole blocks.
void desfireEcb(const DesfireKey &key, bool encrypt, std::span<uint8_t> data);

} // namespace tapledger::nfc
