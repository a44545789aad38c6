#pragma once

#include "nfc/desfirecard.h"
#include "nfc/desfirecrypto.h"

#include <functional>

namespace tapledger::nfc {

/// DesfireCard without libnfc or libfreefare: our own DESFire EV1 client (every key type) over any
/// ISO 14443-4 APDU transport, e.g. the in-process EmulatedCardReader. Native commands are wrapped
/// as ISO 7816-4 APDUs `90 INS 00 00 [Lc data] 00` → `data 91 SW`, exactly as libfreefare 0.4.0
/// does. Authentication (legacy 0x0A, ISO 0x1A, AES 0xAA) and secure messaging (DesfireSession)
/// follow the DESFire EV1 datasheet as libfreefare implements it. Error codes as DesfireCard.
/// Not thread-safe.
class DesfireClient final : public DesfireCard
{
public:
    /// Sends one command APDU and returns the card's answer (with the 91 SW trailer). An Io error
    /// means the card stopped answering (left the field).
    using Transport = std::function<Result<Bytes>(ByteView apdu)>;

    /// A client for the card with anticollision @p uid reached through @p transport.
    DesfireClient(Transport transport, const CardUid &uid);
    ~DesfireClient() override;
    DesfireClient(const DesfireClient &) = delete;
    DesfireClient &operator=(const DesfireClient &) = delete;

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
    struct Frame
    {
        uint8_t status = 0;
        Bytes data;
    };
    enum class Answer { Maced, Enciphered };

    Result<Frame> send(ByteView cmd, const char *what);
    Result<Bytes> transceiveAll(ByteView cmd, const char *what);
    Result<Bytes> command(ByteView cmd, const char *what, Answer answer = Answer::Maced, size_t plainLength = 0);
    Result<Bytes> verifyMac(Bytes data, const char *what);
    Result<Bytes> decipher(const Bytes &data, size_t length, const char *what);
    Error failure(ErrorCode code, const char *what, const std::string &why);
    Error statusError(uint8_t status, const char *what);
    void endSession() noexcept;

    Transport m_transport;
    CardUid m_uid;
    uint32_t m_aid = 0;
    int m_authKey = -1; // authenticated key number, -1 = none
    DesfireSession m_sm; // secure messaging once authenticated
};

} // namespace tapledger::nfc
