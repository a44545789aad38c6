#pragma once

#include "core/crypto/aes128.h"
#include "core/result.h"
#include "nfc/cardkeystore.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace tapledger::nfc {

/// A CardKeyStore whose masters never leave a PKCS#11 token (PKCS#11 v2.40; e.g. SoftHSM2, a
/// YubiHSM, a smart-card HSM): each generation g is a non-extractable, sensitive AES-128 secret
/// key labelled "tapledger-card-master-<g>", and AN10922 runs inside the token as CKM_AES_CMAC
/// over 0x01 || M — for TapLedger's 20-byte M the standard CMAC pads to 32 bytes with subkey K2,
/// which is exactly AN10922 section 2.2.1. Only per-card keys reach this process's memory.
/// current() is the highest generation in the token. Thread-safe (one session, serialised).
/// Error messages carry no key material and no PIN.
class Pkcs11CardKeyStore final : public CardKeyStore
{
public:
    /// Where the token is: @p module the PKCS#11 library (e.g. /usr/lib/softhsm/libsofthsm2.so),
    /// @p tokenLabel the token's label, @p pin the user PIN.
    struct Config
    {
        std::string module;
        std::string tokenLabel;
        std::string pin;
    };

    /// Parses the kiosk's token setting "pkcs11:module=<path>;token=<label>;pin-file=<path>" (in
    /// any order; the PIN is read from the pin file, which must be mode 0600 or stricter, trailing
    /// newline dropped). InvalidArgument for a malformed setting; NotFound / Denied / Io for the
    /// pin file. The PIN never appears in a message.
    static Result<Config> configFromUri(std::string_view uri);

    /// Loads the module, finds the token, logs in and lists the generations. NotFound (no module,
    /// no such token), Denied (wrong PIN), Crypto (other PKCS#11 failures).
    static Result<std::unique_ptr<Pkcs11CardKeyStore>> open(const Config &config);
    ~Pkcs11CardKeyStore() override;
    Pkcs11CardKeyStore(const Pkcs11CardKeyStore &) = delete;
    Pkcs11CardKeyStore &operator=(const Pkcs11CardKeyStore &) = delete;

    uint8_t current() const noexcept override;
    Result<Aes128Key> cardKey(uint8_t version, const CardUid &uid, uint32_t aid, uint8_t keyNo) const override;

    /// Adds generation @p version (1..255, not yet present) as a token object: generated inside
    /// the token (CKM_AES_KEY_GEN) when @p value is empty, else imported (moving a master from the
    /// file store); either way CKA_SENSITIVE, not CKA_EXTRACTABLE. AlreadyExists, Crypto.
    Result<void> addMaster(uint8_t version, const std::optional<Aes128Key> &value);
    /// Ok when the token refuses to reveal generation @p version: CKA_EXTRACTABLE false and
    /// C_GetAttributeValue(CKA_VALUE) answers CKR_ATTRIBUTE_SENSITIVE. Conflict otherwise.
    Result<void> checkNotExtractable(uint8_t version) const;

private:
    struct Module;
    explicit Pkcs11CardKeyStore(std::unique_ptr<Module> module);
    Result<void> refresh();

    std::unique_ptr<Module> m_module;
    std::map<uint8_t, unsigned long> m_objects; // generation → object handle
    mutable std::mutex m_mutex;
};

} // namespace tapledger::nfc
