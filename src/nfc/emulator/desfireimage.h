#pragma once

#include "core/bytes.h"
#include "core/crypto/aes128.h"
#include "core/result.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace tapledger::nfc {

/// One AES key slot of a DESFire EV1 application (DESFire EV1 datasheet, "ChangeKey").
struct DesfireKeySlot
{
    Aes128Key key{};     ///< AES-128 key value
    uint8_t version = 0; ///< key version byte (GetKeyVersion)

    friend bool operator==(const DesfireKeySlot &, const DesfireKeySlot &) = default;
};

/// A data file of a DESFire EV1 application: standard (type 0x00) or backup (type 0x01).
struct DesfireFile
{
    static constexpr uint8_t kStandard = 0x00; ///< CreateStdDataFile (0xCD)
    static constexpr uint8_t kBackup = 0x01;   ///< CreateBackupDataFile (0xCB)

    uint8_t type = kStandard;
    uint8_t commMode = 0;       ///< 0x00 plain, 0x01 MACed, 0x03 enciphered
    uint16_t accessRights = 0;  ///< read<<12 | write<<8 | read&write<<4 | change; 0xE free, 0xF deny
    Bytes data;                 ///< committed content; its size is the file size (1..8191 bytes here)

    friend bool operator==(const DesfireFile &, const DesfireFile &) = default;
};

/// One DESFire EV1 application (AID != 0) with AES keys.
struct DesfireApplication
{
    uint8_t keySettings = 0x0F;        ///< settings byte 1 of CreateApplication
    std::vector<DesfireKeySlot> keys;  ///< 1..14 AES keys
    std::map<uint8_t, DesfireFile> files; ///< file number 0..31 → file

    friend bool operator==(const DesfireApplication &, const DesfireApplication &) = default;
};

/// The non-volatile content of an emulated MIFARE DESFire EV1 card: what survives removal from
/// the field. Serialised as JSON (hex strings) so `tapledger card emulate --card FILE` keeps it.
/// Key values are stored in the image: protect image files like key files (mode 0600).
struct DesfireImage
{
    std::array<uint8_t, 7> uid{};      ///< ISO 14443-3 double-size UID, first byte 0x04 (NXP)
    DesfireKeySlot piccKey;            ///< PICC master key (AES-128; a blank card has the zero key)
    uint8_t piccKeySettings = 0x0F;    ///< PICC master key settings (GetKeySettings at AID 0)
    std::map<uint32_t, DesfireApplication> applications; ///< AID (24 bit) → application

    /// A blank card: no applications, PICC master key AES all-zero version 0 (an EV1 whose
    /// factory DES key was changed to the AES zero key; legacy DES authentication is not emulated).
    static DesfireImage blank(const std::array<uint8_t, 7> &uid);
    /// A blank card with a random NXP UID (04 xx xx xx xx xx xx).
    static DesfireImage blankRandom();

    /// JSON text of the image (pretty-printed, stable key order).
    std::string toJson() const;
    /// Parses toJson() output; Corrupt for malformed or out-of-range content.
    static Result<DesfireImage> fromJson(std::string_view json);
    /// Writes toJson() atomically (temp file + rename, mode 0600); Io on failure.
    Result<void> save(const std::filesystem::path &path) const;
    /// Reads an image file; NotFound, Io or Corrupt.
    static Result<DesfireImage> load(const std::filesystem::path &path);

    friend bool operator==(const DesfireImage &, const DesfireImage &) = default;
};

} // namespace tapledger::nfc
