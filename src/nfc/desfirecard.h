#pragma once

#include "core/bytes.h"
#include "core/crypto/aes128.h"
#include "core/result.h"
#include "nfc/desfirecrypto.h"
#include "nfc/desfirekey.h"

#include <array>
#include <cstdint>
#include <vector>

namespace tapledger::nfc {

/// A 7-byte ISO 14443-3 double-size UID (DESFire EV1). A random-ID card's 4-byte random UID
/// (ISO 14443-3 single-size, first byte 0x08) is held as 08 r1 r2 r3 00 00 00 (isRandomUid).
using CardUid = std::array<uint8_t, 7>;

/// True for the anticollision UID of a random-ID card (08 r1 r2 r3, padded with zeros): its real
/// UID comes from GetCardUID (0x51) after authentication.
constexpr bool isRandomUid(const CardUid &uid) noexcept
{
    return uid[0] == 0x08 && uid[4] == 0 && uid[5] == 0 && uid[6] == 0;
}

/// Bytes of @p uid on the air: 4 for a random-ID card, else 7.
constexpr size_t uidLength(const CardUid &uid) noexcept
{
    return isRandomUid(uid) ? 4 : 7;
}

/// DESFire EV1 communication modes (DESFire EV1 datasheet, "Communication settings").
enum class CommMode : uint8_t {
    Plain = 0x00,      ///< data in clear (CMAC on answers once authenticated)
    Maced = 0x01,      ///< data in clear + 8-byte CMAC
    Enciphered = 0x03, ///< AES-CBC over data || CRC32 || zero padding
};

/// The DESFire EV1 native commands TapLedger uses, on one connected card. Implemented over
/// libfreefare 0.4.0 (FreefareDesfireCard) and in-process over an emulated card (DesfireClient).
/// Errors: Io = the card stopped answering (removed, transmission error); Denied = the card refused
/// authentication or permission; Crypto = a CMAC/CRC of the answer did not verify; NotFound =
/// no such application or file; Conflict = any other DESFire status. Messages never contain keys.
class DesfireCard
{
public:
    virtual ~DesfireCard() = default;

    /// The UID from anticollision (ISO 14443-3), as the reader reported it.
    virtual CardUid uid() const = 0;
    /// SelectApplication (0x5A); @p aid 0 selects the PICC level. Ends any authentication.
    virtual Result<void> selectApplication(uint32_t aid) = 0;
    /// Authenticate (0x0A, legacy: DES/2K3DES), AuthenticateISO (0x1A: DES/2K3DES/3K3DES) or
    /// AuthenticateAES (0xAA) per @p scheme with key @p keyNo (0..13) of the selected application
    /// (or of the PICC), whose value is @p key. Denied when the card refuses the key.
    virtual Result<void> authenticate(uint8_t keyNo, const DesfireKey &key, DesfireAuthScheme scheme) = 0;
    /// AuthenticateAES (0xAA) with the AES key @p key.
    Result<void> authenticateAes(uint8_t keyNo, const Aes128Key &key)
    {
        return authenticate(keyNo, DesfireKey::aes(key), DesfireAuthScheme::Aes);
    }
    /// FormatPICC (0xFC): deletes all applications; needs PICC master key authentication.
    virtual Result<void> formatPicc() = 0;
    /// CreateApplication (0xCA) with @p keyCount (1..14) zero keys of @p type (Des and TwoK3Des
    /// both mean the DES family); @p settings is key settings byte 1.
    virtual Result<void> createApplication(uint32_t aid, uint8_t settings, uint8_t keyCount, DesfireKeyType type) = 0;
    /// CreateApplication (0xCA) for AES keys.
    Result<void> createApplicationAes(uint32_t aid, uint8_t settings, uint8_t keyCount)
    {
        return createApplication(aid, settings, keyCount, DesfireKeyType::Aes);
    }
    /// DeleteApplication (0xDA): needs the PICC master key (or the application's master key).
    virtual Result<void> deleteApplication(uint32_t aid) = 0;
    /// GetApplicationIDs (0x6A).
    virtual Result<std::vector<uint32_t>> applicationIds() = 0;
    /// ChangeKey (0xC4) of @p keyNo to @p newKey (its version: aesVersion, or DES parity bits);
    /// @p oldKey is the slot's current value (used when @p keyNo is not the authenticated key).
    /// At the PICC level the type flag of @p newKey is added (0x40 3K3DES, 0x80 AES), so a
    /// factory DES PICC master key can become AES.
    virtual Result<void> changeKey(uint8_t keyNo, const DesfireKey &newKey, const DesfireKey &oldKey) = 0;
    /// ChangeKey (0xC4) to AES @p newKey with @p version from the AES key @p oldKey.
    Result<void> changeKeyAes(uint8_t keyNo, const Aes128Key &newKey, uint8_t version, const Aes128Key &oldKey)
    {
        return changeKey(keyNo, DesfireKey::aes(newKey, version), DesfireKey::aes(oldKey));
    }
    /// ChangeKeySettings (0x54) of the selected level to @p settings; needs its master key.
    virtual Result<void> changeKeySettings(uint8_t settings) = 0;
    /// GetCardUID (0x51): the real 7-byte UID (also on a random-ID card); needs authentication.
    virtual Result<CardUid> cardUid() = 0;
    /// GetKeyVersion (0x64).
    virtual Result<uint8_t> keyVersion(uint8_t keyNo) = 0;
    /// CreateStdDataFile (0xCD) or, with @p backup, CreateBackupDataFile (0xCB); @p size in bytes.
    virtual Result<void> createDataFile(uint8_t fileNo, bool backup, CommMode mode, uint16_t accessRights, uint32_t size) = 0;
    /// ReadData (0xBD) of @p length bytes (≥ 1) at @p offset in @p mode.
    virtual Result<Bytes> readData(uint8_t fileNo, uint32_t offset, uint32_t length, CommMode mode) = 0;
    /// WriteData (0x3D) in @p mode; on a backup file visible only after commitTransaction().
    virtual Result<void> writeData(uint8_t fileNo, uint32_t offset, ByteView data, CommMode mode) = 0;
    /// CommitTransaction (0xC7).
    virtual Result<void> commitTransaction() = 0;
    /// AbortTransaction (0xA7).
    virtual Result<void> abortTransaction() = 0;
};

} // namespace tapledger::nfc
