#pragma once

#include "core/crypto/aes128.h"
#include "core/result.h"
#include "nfc/desfirecard.h"

#include <array>
#include <cstdint>

namespace tapledger::nfc {

/// The TapLedger DESFire application, byte by byte in docs/card-format.md.
class CardLayout
{
public:
    static constexpr uint32_t kAid = 0xF5544C;           ///< application id (wire: 4C 54 F5)
    static constexpr uint8_t kAppKeySettings = 0x0B;     ///< master changeable, free directory, config changeable
    static constexpr uint8_t kKeyCount = 3;              ///< AES keys 0..2
    static constexpr uint8_t kKeyAppMaster = 0;          ///< application master key (personalisation, key change)
    static constexpr uint8_t kKeyKiosk = 1;              ///< kiosk key: read both files, write the state file
    static constexpr uint8_t kKeyReadOnly = 2;           ///< read-only key (lookups, audits)
    static constexpr uint8_t kPiccMasterKey = 0;         ///< PICC master key number (AID 0)

    static constexpr uint8_t kMemberFile = 0x01;         ///< standard data file: the member record
    static constexpr uint32_t kMemberFileSize = 64;
    static constexpr uint16_t kMemberFileAccess = 0x2010; ///< read 2, write 0, read&write 1, change 0
    static constexpr uint8_t kStateFile = 0x02;          ///< backup data file: the signed card-state token
    static constexpr uint32_t kStateFileSize = 256;
    static constexpr uint16_t kStateFileAccess = 0x2110;  ///< read 2, write 1, read&write 1, change 0
    static constexpr CommMode kFileMode = CommMode::Enciphered;

    /// The UID the PICC master key of a random-ID card is diversified with (08 00 00 00 00 00 00):
    /// its real UID is only readable after a PICC authentication, so that key cannot depend on it.
    static constexpr CardUid kRandomIdPiccUid{0x08, 0, 0, 0, 0, 0, 0};

    /// AN10922 system identifier of TapLedger keys ("TapLedger", 9 ASCII bytes).
    static constexpr std::array<uint8_t, 9> kSystemId{'T', 'a', 'p', 'L', 'e', 'd', 'g', 'e', 'r'};

    /// Length of M (20 bytes: UID 7, AID 3, "TapLedger" 9, keyNo 1).
    static constexpr size_t kDiversificationInputSize = 20;
    /// M = UID (7) || AID (3, LSB first) || "TapLedger" || keyNo (1), the AN10922 input of cardKey().
    static Bytes diversificationInput(const CardUid &uid, uint32_t aid, uint8_t keyNo);

    /// The per-card AES key of @p keyNo for application @p aid (0 = PICC master key):
    /// AN10922 with M = UID (7) || AID (3, LSB first) || "TapLedger" || keyNo (1) — 20 bytes.
    static Aes128Key cardKey(const Aes128Key &master, const CardUid &uid, uint32_t aid, uint8_t keyNo);
};

} // namespace tapledger::nfc
