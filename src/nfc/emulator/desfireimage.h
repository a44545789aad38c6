#pragma once

#include "core/bytes.h"
#include "core/crypto/aes128.h"
#include "core/result.h"
#include "nfc/desfirekey.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace tapledger::nfc {

/// One key slot of a DESFire EV1 application or of the PICC (DESFire EV1 datasheet, "ChangeKey").
/// DES-family slots hold 16 bytes (2K3DES; equal halves act as single DES), as the card stores them.
struct DesfireKeySlot
{
    DesfireKey key = DesfireKey::zero(DesfireKeyType::Aes); ///< type, value and (AES) version

    /// The key version byte (GetKeyVersion): AES version, or the DES parity bits.
    uint8_t version() const noexcept { return key.version(); }

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

/// One DESFire EV1 application (AID != 0); all its keys have one type (CreateApplication).
struct DesfireApplication
{
    uint8_t keySettings = 0x0F;        ///< settings byte 1 of CreateApplication
    DesfireKeyType keyType = DesfireKeyType::Aes; ///< TwoK3Des (DES family), ThreeK3Des or Aes
    std::vector<DesfireKeySlot> keys;  ///< 1..14 keys of keyType
    std::map<uint8_t, DesfireFile> files; ///< file number 0..31 → file

    friend bool operator==(const DesfireApplication &, const DesfireApplication &) = default;
};

/// The non-volatile content of an emulated MIFARE DESFire EV1 card: what survives removal from
/// the field. Serialised as JSON (hex strings) so `tapledger card emulate --card FILE` keeps it.
/// Key values are stored in the image: protect image files like key files (mode 0600).
struct DesfireImage
{
    std::array<uint8_t, 7> uid{};      ///< ISO 14443-3 double-size UID, first byte 0x04 (NXP)
    /// PICC master key: a factory card has the DES zero key (2K3DES, 16 zero bytes), version 0.
    DesfireKeySlot piccKey{DesfireKey::zero(DesfireKeyType::TwoK3Des)};
    uint8_t piccKeySettings = 0x0F;    ///< PICC master key settings (GetKeySettings at AID 0)
    std::map<uint32_t, DesfireApplication> applications; ///< AID (24 bit) → application
    /// Random-ID mode (DESFire EV1 SetConfiguration option): anticollision shows a fresh 4-byte
    /// UID 08 xx xx xx at every entry into the field; GetCardUID still returns `uid`.
    bool randomUid = false;

    /// A factory-fresh card: no applications, PICC master key DES all-zero version 0, PICC key
    /// settings 0x0F (as NXP ships DESFire EV1).
    static DesfireImage blank(const std::array<uint8_t, 7> &uid);
    /// A blank card whose PICC master key was switched to the AES all-zero key (version 0), e.g. by
    /// a personalisation tool.
    static DesfireImage blankAes(const std::array<uint8_t, 7> &uid);
    /// A factory-fresh card with a random NXP UID (04 xx xx xx xx xx xx).
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
