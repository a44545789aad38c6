#include "nfc/freefaredesfirecard.h"

#include "core/crypto/constanttime.h"

#include <freefare.h>

#include <cerrno>
#include <memory>
#include <string>

namespace tapledger::nfc {

namespace {

struct KeyDeleter
{
    void operator()(mifare_desfire_key *k) const { mifare_desfire_key_free(k); }
};
using KeyPtr = std::unique_ptr<mifare_desfire_key, KeyDeleter>;

struct AidDeleter
{
    void operator()(mifare_desfire_aid *a) const { free(a); } // NOLINT: allocated by libfreefare with malloc
};
using AidPtr = std::unique_ptr<mifare_desfire_aid, AidDeleter>;

KeyPtr freefareKey(const DesfireKey &key)
{
    std::array<uint8_t, 24> copy = key.bytes; // libfreefare takes a non-const pointer
    KeyPtr k;
    switch (key.type) {
    case DesfireKeyType::TwoK3Des:
        // A 2K3DES key with equal halves is single DES to the card, which then derives a DES
        // session key; libfreefare's T_3DES would derive a 2K3DES one (and fail on real cards).
        if (!key.actsAsSingleDes()) {
            k.reset(mifare_desfire_3des_key_new_with_version(copy.data()));
            break;
        }
        [[fallthrough]];
    case DesfireKeyType::Des: k.reset(mifare_desfire_des_key_new_with_version(copy.data())); break;
    case DesfireKeyType::ThreeK3Des: k.reset(mifare_desfire_3k3des_key_new_with_version(copy.data())); break;
    case DesfireKeyType::Aes: k.reset(mifare_desfire_aes_key_new_with_version(copy.data(), key.aesVersion)); break;
    }
    secureZero(copy);
    return k;
}

} // namespace

Error FreefareDesfireCard::lastError(const char *what) const
{
    const int err = errno; // libfreefare: EIO when the reader got no answer from the card
    const uint8_t picc = mifare_desfire_last_picc_error(m_tag);
    const uint8_t pcd = mifare_desfire_last_pcd_error(m_tag);
    const std::string where(what);
    if (pcd == CRYPTO_ERROR)
        return fail(ErrorCode::Crypto, where + ": the card's answer failed CMAC/CRC verification");
    switch (picc) {
    case OPERATION_OK:
        if (err == EIO)
            return fail(ErrorCode::Io, where + ": the card did not answer (removed?)");
        return fail(ErrorCode::Denied, where + ": the card's answer did not prove the key");
    case AUTHENTICATION_ERROR:
    case PERMISSION_ERROR:
    case NO_SUCH_KEY:
        return fail(ErrorCode::Denied, where + ": refused by the card (" + freefare_strerror(m_tag) + ")");
    case APPLICATION_NOT_FOUND:
    case FILE_NOT_FOUND:
        return fail(ErrorCode::NotFound, where + ": " + freefare_strerror(m_tag));
    default:
        return fail(ErrorCode::Conflict, where + ": " + freefare_strerror(m_tag));
    }
}

Result<void> FreefareDesfireCard::selectApplication(uint32_t aid)
{
    AidPtr a(mifare_desfire_aid_new(aid));
    if (mifare_desfire_select_application(m_tag, a.get()) < 0)
        return lastError("SelectApplication");
    return {};
}

Result<void> FreefareDesfireCard::authenticate(uint8_t keyNo, const DesfireKey &key, DesfireAuthScheme scheme)
{
    KeyPtr k = freefareKey(key);
    errno = 0;
    switch (scheme) {
    case DesfireAuthScheme::Legacy:
        if (key.type == DesfireKeyType::ThreeK3Des || key.type == DesfireKeyType::Aes)
            return fail(ErrorCode::InvalidArgument, "Authenticate: legacy authentication takes DES keys only");
        if (mifare_desfire_authenticate(m_tag, keyNo, k.get()) < 0) // DES/3DES keys: legacy 0x0A
            return lastError("Authenticate");
        break;
    case DesfireAuthScheme::Iso:
        if (mifare_desfire_authenticate_iso(m_tag, keyNo, k.get()) < 0)
            return lastError("AuthenticateISO");
        break;
    case DesfireAuthScheme::Aes:
        if (mifare_desfire_authenticate_aes(m_tag, keyNo, k.get()) < 0)
            return lastError("AuthenticateAES");
        break;
    }
    return {};
}

Result<void> FreefareDesfireCard::formatPicc()
{
    if (mifare_desfire_format_picc(m_tag) < 0)
        return lastError("FormatPICC");
    return {};
}

Result<void> FreefareDesfireCard::createApplication(uint32_t aid, uint8_t settings, uint8_t keyCount, DesfireKeyType type)
{
    AidPtr a(mifare_desfire_aid_new(aid));
    int rc = 0;
    switch (type) {
    case DesfireKeyType::Des:
    case DesfireKeyType::TwoK3Des: rc = mifare_desfire_create_application(m_tag, a.get(), settings, keyCount); break;
    case DesfireKeyType::ThreeK3Des: rc = mifare_desfire_create_application_3k3des(m_tag, a.get(), settings, keyCount); break;
    case DesfireKeyType::Aes: rc = mifare_desfire_create_application_aes(m_tag, a.get(), settings, keyCount); break;
    }
    if (rc < 0)
        return lastError("CreateApplication");
    return {};
}

Result<void> FreefareDesfireCard::deleteApplication(uint32_t aid)
{
    AidPtr a(mifare_desfire_aid_new(aid));
    if (mifare_desfire_delete_application(m_tag, a.get()) < 0)
        return lastError("DeleteApplication");
    return {};
}

Result<std::vector<uint32_t>> FreefareDesfireCard::applicationIds()
{
    MifareDESFireAID *aids = nullptr;
    size_t count = 0;
    if (mifare_desfire_get_application_ids(m_tag, &aids, &count) < 0)
        return lastError("GetApplicationIDs");
    std::vector<uint32_t> out;
    for (size_t i = 0; i < count; ++i)
        out.push_back(mifare_desfire_aid_get_aid(aids[i]));
    if (aids)
        mifare_desfire_free_application_ids(aids);
    return out;
}

Result<void> FreefareDesfireCard::changeKey(uint8_t keyNo, const DesfireKey &newKey, const DesfireKey &oldKey)
{
    KeyPtr n = freefareKey(newKey);
    KeyPtr o = freefareKey(oldKey);
    if (mifare_desfire_change_key(m_tag, keyNo, n.get(), o.get()) < 0)
        return lastError("ChangeKey");
    return {};
}

Result<void> FreefareDesfireCard::changeKeySettings(uint8_t settings)
{
    if (mifare_desfire_change_key_settings(m_tag, settings) < 0)
        return lastError("ChangeKeySettings");
    return {};
}

Result<CardUid> FreefareDesfireCard::cardUid()
{
    char *text = nullptr;
    if (mifare_desfire_get_card_uid(m_tag, &text) < 0)
        return lastError("GetCardUID");
    const std::string hex(text);
    free(text); // NOLINT: allocated by libfreefare with malloc
    auto bytes = fromHexExact(hex, 7, "uid");
    if (!bytes)
        return fail(ErrorCode::Conflict, "GetCardUID: malformed answer");
    CardUid uid{};
    std::copy(bytes->begin(), bytes->end(), uid.begin());
    return uid;
}

Result<uint8_t> FreefareDesfireCard::keyVersion(uint8_t keyNo)
{
    uint8_t version = 0;
    if (mifare_desfire_get_key_version(m_tag, keyNo, &version) < 0)
        return lastError("GetKeyVersion");
    return version;
}

Result<void> FreefareDesfireCard::createDataFile(uint8_t fileNo, bool backup, CommMode mode, uint16_t accessRights,
                                                 uint32_t size)
{
    const auto cs = static_cast<uint8_t>(mode);
    const int rc = backup ? mifare_desfire_create_backup_data_file(m_tag, fileNo, cs, accessRights, size)
                          : mifare_desfire_create_std_data_file(m_tag, fileNo, cs, accessRights, size);
    if (rc < 0)
        return lastError(backup ? "CreateBackupDataFile" : "CreateStdDataFile");
    return {};
}

Result<Bytes> FreefareDesfireCard::readData(uint8_t fileNo, uint32_t offset, uint32_t length, CommMode mode)
{
    // libfreefare writes the whole answer (CRC, padding, CMAC, status) into the buffer.
    Bytes buffer(length + 64, 0);
    const ssize_t n = mifare_desfire_read_data_ex(m_tag, fileNo, offset, length, buffer.data(), static_cast<int>(mode));
    if (n < 0)
        return lastError("ReadData");
    if (static_cast<size_t>(n) != length)
        return fail(ErrorCode::Corrupt, "ReadData: unexpected length");
    buffer.resize(length);
    return buffer;
}

Result<void> FreefareDesfireCard::writeData(uint8_t fileNo, uint32_t offset, ByteView data, CommMode mode)
{
    const ssize_t n =
        mifare_desfire_write_data_ex(m_tag, fileNo, offset, data.size(), data.data(), static_cast<int>(mode));
    if (n < 0)
        return lastError("WriteData");
    if (static_cast<size_t>(n) != data.size())
        return fail(ErrorCode::Conflict, "WriteData: the card took fewer bytes than sent");
    return {};
}

Result<void> FreefareDesfireCard::commitTransaction()
{
    if (mifare_desfire_commit_transaction(m_tag) < 0)
        return lastError("CommitTransaction");
    return {};
}

Result<void> FreefareDesfireCard::abortTransaction()
{
    if (mifare_desfire_abort_transaction(m_tag) < 0)
        return lastError("AbortTransaction");
    return {};
}

} // namespace tapledger::nfc
