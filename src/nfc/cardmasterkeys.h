#pragma once

#include "core/crypto/aes128.h"
#include "core/result.h"
#include "nfc/cardkeystore.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger::nfc {

/// The default CardKeyStore: the HQ master keys from which every card key is diversified
/// (AN10922), one per key generation (the DESFire key version byte, 1..255), held in memory and
/// loaded from a 0600 JSON file (`{"current":1,"masters":{"1":"<32 hex>"}}`). Key values never
/// appear in messages.
class CardMasterKeys final : public CardKeyStore
{
public:
    /// Adds generation @p version (1..255); InvalidArgument for 0 or a duplicate.
    Result<void> add(uint8_t version, const Aes128Key &master);
    /// Makes @p version the generation used for new cards and rotations; NotFound if absent.
    Result<void> setCurrent(uint8_t version);
    /// The generation used for new cards (0 when empty).
    uint8_t current() const noexcept override { return m_current; }
    /// AN10922-diversified card key (CardLayout::cardKey) from the master of @p version.
    Result<Aes128Key> cardKey(uint8_t version, const CardUid &uid, uint32_t aid, uint8_t keyNo) const override;
    /// The master of generation @p version; NotFound if absent.
    Result<Aes128Key> master(uint8_t version) const;

    /// The generations held, ascending.
    std::vector<uint8_t> generations() const;
    /// Adds a new generation (highest + 1) with a fresh random master (OpenSSL RAND) and makes it
    /// current; Overflow when 255 is taken. Returns the new generation.
    Result<uint8_t> addGenerated();
    /// Key check value of generation @p version, for comparing stores without showing a key:
    /// the first 3 bytes of AES-CMAC(master, 16 zero bytes) (the ANSI X9.24-1:2017 AES KCV,
    /// shortened to 3 bytes), 6 hex digits. NotFound if absent.
    Result<std::string> checkValue(uint8_t version) const;
    /// Writes the JSON form atomically with mode 0600 (Io on failure). With @p create, refuses
    /// (AlreadyExists) when @p path exists, so a key store is never replaced by accident.
    Result<void> save(const std::filesystem::path &path, bool create) const;

    /// Parses the JSON form; Corrupt when malformed.
    static Result<CardMasterKeys> fromJson(std::string_view json);
    /// Loads a key file; Denied when group/other may read it (must be 0600 or stricter).
    static Result<CardMasterKeys> load(const std::filesystem::path &path);

private:
    std::map<uint8_t, Aes128Key> m_masters;
    uint8_t m_current = 0;
};

} // namespace tapledger::nfc
