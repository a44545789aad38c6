#pragma once

#include "core/crypto/aes128.h"
#include "core/result.h"
#include "nfc/desfirecard.h"

#include <cstdint>

namespace tapledger::nfc {

/// Key custody seam (DESIGN.md "Cards", `KeyStore`): hands out the per-card AES keys of the
/// TapLedger application, diversified per NXP AN10922 from an HQ master that never leaves the
/// store. The default implementation is CardMasterKeys (a 0600 JSON file); a SAM (which
/// diversifies internally, e.g. MIFARE SAM AV2/AV3) or a PKCS#11 token implements the same two
/// calls. Implementations never put key material into Error messages or logs.
class CardKeyStore
{
public:
    virtual ~CardKeyStore() = default;

    /// The key generation (DESFire key version byte, 1..255) used for new cards and rotations;
    /// 0 when the store holds no key.
    virtual uint8_t current() const noexcept = 0;

    /// The AES-128 key @p keyNo of application @p aid (0 = PICC level) on the card with @p uid, of
    /// generation @p version (CardLayout::cardKey). NotFound when that generation is not held.
    /// The caller clears the returned key (secureZero) after use.
    virtual Result<Aes128Key> cardKey(uint8_t version, const CardUid &uid, uint32_t aid, uint8_t keyNo) const = 0;
};

} // namespace tapledger::nfc
