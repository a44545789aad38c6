#pragma once

#include "core/bytes.h"
#include "core/crypto/aes128.h"
#include "core/result.h"

#include <array>
#include <cstdint>
#include <vector>

namespace tapledger::nfc {

/// A 7-byte ISO 14443-3 double-size UID (DESFire EV1).
using CardUid = std::array<uint8_t, 7>;

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
    /// AuthenticateAES (0xAA) with key @p keyNo (0..13) of the selected application.
    virtual Result<void> authenticateAes(uint8_t keyNo, const Aes128Key &key) = 0;
    /// FormatPICC (0xFC): deletes all applications; needs PICC master key authentication.
    virtual Result<void> formatPicc() = 0;
    /// CreateApplication (0xCA) for AES keys: @p settings is key settings byte 1, @p keyCount 1..14.
    virtual Result<void> createApplicationAes(uint32_t aid, uint8_t settings, uint8_t keyCount) = 0;
    /// GetApplicationIDs (0x6A).
    virtual Result<std::vector<uint32_t>> applicationIds() = 0;
    /// ChangeKey (0xC4) to AES @p newKey with @p version; @p oldKey is the slot's current value
    /// (needed when @p keyNo is not the authenticated key). At PICC level the AES flag is added.
    virtual Result<void> changeKeyAes(uint8_t keyNo, const Aes128Key &newKey, uint8_t version, const Aes128Key &oldKey) = 0;
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
