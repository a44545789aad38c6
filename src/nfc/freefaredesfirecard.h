#pragma once

#include "nfc/desfirecard.h"

struct mifare_tag;

namespace tapledger::nfc {

/// DesfireCard over libfreefare 0.4.0 (`MifareTag`, old API names). The tag must be connected
/// (mifare_desfire_connect) by the caller for the lifetime of this object; not owned.
class FreefareDesfireCard final : public DesfireCard
{
public:
    /// Wraps a connected DESFire @p tag whose anticollision UID is @p uid.
    FreefareDesfireCard(mifare_tag *tag, const CardUid &uid) : m_tag(tag), m_uid(uid) {}

    CardUid uid() const override { return m_uid; }
    Result<void> selectApplication(uint32_t aid) override;
    Result<void> authenticate(uint8_t keyNo, const DesfireKey &key, DesfireAuthScheme scheme) override;
    Result<void> formatPicc() override;
    Result<void> createApplication(uint32_t aid, uint8_t settings, uint8_t keyCount, DesfireKeyType type) override;
    Result<void> deleteApplication(uint32_t aid) override;
    Result<std::vector<uint32_t>> applicationIds() override;
    Result<void> changeKey(uint8_t keyNo, const DesfireKey &newKey, const DesfireKey &oldKey) override;
    Result<void> changeKeySettings(uint8_t settings) override;
    Result<CardUid> cardUid() override;
    Result<uint8_t> keyVersion(uint8_t keyNo) override;
    Result<void> createDataFile(uint8_t fileNo, bool backup, CommMode mode, uint16_t accessRights, uint32_t size) override;
    Result<Bytes> readData(uint8_t fileNo, uint32_t offset, uint32_t length, CommMode mode) override;
    Result<void> writeData(uint8_t fileNo, uint32_t offset, ByteView data, CommMode mode) override;
    Result<void> commitTransaction() override;
    Result<void> abortTransaction() override;

private:
    Error lastError(const char *what) const;
    mifare_tag *m_tag;
    CardUid m_uid;
};

} // namespace tapledger::nfc
