#include "nfc/desfireclient.h"

#include "core/crypto/constanttime.h"
#include "core/crypto/random.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace tapledger::nfc {

namespace {

// DESFire EV1 status codes (datasheet, "Status and error codes").
constexpr uint8_t kOk = 0x00;
constexpr uint8_t kNoSuchKey = 0x40;
constexpr uint8_t kPermissionDenied = 0x9D;
constexpr uint8_t kApplicationNotFound = 0xA0;
constexpr uint8_t kAuthenticationError = 0xAE;
constexpr uint8_t kAdditionalFrame = 0xAF;
constexpr uint8_t kFileNotFound = 0xF0;

constexpr size_t kMaxFrameData = 59; // native command bytes per frame after INS (DESFire EV1 frame size)

} // namespace

DesfireClient::DesfireClient(Transport transport, const CardUid &uid) : m_transport(std::move(transport)), m_uid(uid) {}

DesfireClient::~DesfireClient()
{
    endSession();
}

void DesfireClient::endSession() noexcept
{
    m_authKey = -1;
    m_sm.clear();
}

Error DesfireClient::failure(ErrorCode code, const char *what, const std::string &why)
{
    endSession(); // the card ends its session on any error too
    return fail(code, std::string(what) + ": " + why);
}

Error DesfireClient::statusError(uint8_t status, const char *what)
{
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", status);
    switch (status) {
    case kAuthenticationError:
    case kPermissionDenied:
    case kNoSuchKey: return failure(ErrorCode::Denied, what, std::string("refused by the card (status ") + hex + ")");
    case kApplicationNotFound:
    case kFileNotFound: return failure(ErrorCode::NotFound, what, std::string("no such application or file (status ") + hex + ")");
    default: return failure(ErrorCode::Conflict, what, std::string("the card answered status ") + hex);
    }
}

Result<DesfireClient::Frame> DesfireClient::send(ByteView cmd, const char *what)
{
    Bytes apdu{0x90, cmd[0], 0x00, 0x00};
    if (cmd.size() > 1) {
        apdu.push_back(static_cast<uint8_t>(cmd.size() - 1));
        apdu.insert(apdu.end(), cmd.begin() + 1, cmd.end());
    }
    apdu.push_back(0x00);
    auto answer = m_transport(apdu);
    if (!answer) {
        const ErrorCode code = answer.error().code;
        return failure(code, what, answer.error().message);
    }
    if (answer->size() < 2 || (*answer)[answer->size() - 2] != 0x91)
        return failure(ErrorCode::Conflict, what, "not a DESFire answer");
    Frame f;
    f.status = answer->back();
    f.data.assign(answer->begin(), answer->end() - 2);
    return f;
}

Result<Bytes> DesfireClient::transceiveAll(ByteView cmd, const char *what)
{
    auto first = send(cmd, what);
    if (!first)
        return std::move(first).error();
    Frame frame = std::move(*first);
    Bytes data = std::move(frame.data);
    while (frame.status == kAdditionalFrame) {
        const uint8_t more[] = {kAdditionalFrame};
        auto next = send(more, what);
        if (!next)
            return std::move(next).error();
        frame = std::move(*next);
        data.insert(data.end(), frame.data.begin(), frame.data.end());
    }
    if (frame.status != kOk)
        return statusError(frame.status, what);
    return data;
}

Result<Bytes> DesfireClient::verifyMac(Bytes data, const char *what)
{
    if (m_authKey < 0)
        return data;
    if (data.size() < 8)
        return failure(ErrorCode::Crypto, what, "the card's answer lacks its CMAC");
    const size_t n = data.size() - 8;
    Bytes macInput(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(n));
    macInput.push_back(kOk);
    const AesBlock mac = cmacChained(m_sm.key, m_sm.subkeys, m_sm.iv, macInput);
    if (!constantTimeEqual(ByteView(mac).first(8), ByteView(data).subspan(n)))
        return failure(ErrorCode::Crypto, what, "the card's answer failed CMAC verification");
    data.resize(n);
    return data;
}

Result<Bytes> DesfireClient::decipher(const Bytes &cipher, size_t length, const char *what)
{
    if (m_authKey < 0 || cipher.empty() || cipher.size() % 16 != 0 || cipher.size() != paddedLength(length + 4))
        return failure(ErrorCode::Crypto, what, "enciphered answer of the wrong length");
    Bytes plain(cipher.size());
    aes128CbcDecrypt(m_sm.key, m_sm.iv, cipher, plain);
    Bytes crcInput(plain.begin(), plain.begin() + static_cast<std::ptrdiff_t>(length));
    crcInput.push_back(kOk);
    bool valid = readLe32(ByteView(plain).subspan(length)) == desfireCrc32(crcInput);
    secureZero(crcInput);
    for (size_t i = length + 4; i < plain.size(); ++i)
        valid = valid && plain[i] == 0;
    if (!valid) {
        secureZero(plain);
        return failure(ErrorCode::Crypto, what, "the card's answer failed CRC verification");
    }
    plain.resize(length);
    return plain;
}

Result<Bytes> DesfireClient::command(ByteView cmd, const char *what, Answer answer, size_t plainLength)
{
    if (m_authKey >= 0)
        cmacChained(m_sm.key, m_sm.subkeys, m_sm.iv, cmd);
    auto data = transceiveAll(cmd, what);
    if (!data)
        return std::move(data).error();
    if (answer == Answer::Enciphered)
        return decipher(*data, plainLength, what);
    return verifyMac(std::move(*data), what);
}

Result<void> DesfireClient::selectApplication(uint32_t aid)
{
    endSession();
    Bytes cmd{0x5A};
    appendLe24(cmd, aid);
    auto r = send(cmd, "SelectApplication");
    if (!r)
        return std::move(r).error();
    if (r->status != kOk)
        return statusError(r->status, "SelectApplication");
    m_aid = aid;
    return {};
}

Result<void> DesfireClient::authenticateAes(uint8_t keyNo, const Aes128Key &key)
{
    static constexpr const char *what = "AuthenticateAES";
    endSession();
    const uint8_t start[] = {0xAA, keyNo};
    auto challenge = send(start, what);
    if (!challenge)
        return std::move(challenge).error();
    if (challenge->status != kAdditionalFrame)
        return statusError(challenge->status, what);
    if (challenge->data.size() != 16)
        return failure(ErrorCode::Conflict, what, "challenge of the wrong length");
    AesBlock chain{};
    std::array<uint8_t, 16> rndB{};
    aes128CbcDecrypt(key, chain, challenge->data, rndB);
    std::array<uint8_t, 16> rndA{};
    randomBytes(rndA);
    std::array<uint8_t, 32> token{};
    std::copy(rndA.begin(), rndA.end(), token.begin());
    const auto rotB = rotateLeft(rndB);
    std::copy(rotB.begin(), rotB.end(), token.begin() + 16);
    Bytes step2(33);
    step2[0] = kAdditionalFrame;
    aes128CbcEncrypt(key, chain, token, std::span<uint8_t>(step2).subspan(1));
    secureZero(token);
    auto proof = send(step2, what);
    bool valid = proof.ok() && proof->status == kOk && proof->data.size() == 16;
    if (valid) {
        std::array<uint8_t, 16> rotA{};
        aes128CbcDecrypt(key, chain, proof->data, rotA);
        valid = constantTimeEqual(rotA, rotateLeft(rndA));
        if (valid)
            m_sm.start(rndA, rndB);
    }
    secureZero(rndA);
    secureZero(rndB);
    if (!proof)
        return std::move(proof).error();
    if (proof->status != kOk)
        return statusError(proof->status, what);
    if (!valid)
        return failure(ErrorCode::Denied, what, "the card's answer did not prove the key");
    m_authKey = keyNo;
    return {};
}

Result<void> DesfireClient::formatPicc()
{
    const uint8_t cmd[] = {0xFC};
    auto r = command(cmd, "FormatPICC");
    return r ? Result<void>{} : Result<void>(std::move(r).error());
}

Result<void> DesfireClient::createApplicationAes(uint32_t aid, uint8_t settings, uint8_t keyCount)
{
    Bytes cmd{0xCA};
    appendLe24(cmd, aid);
    cmd.push_back(settings);
    cmd.push_back(static_cast<uint8_t>(0x80 | (keyCount & 0x0F))); // bits 7..6 = 10: AES keys
    auto r = command(cmd, "CreateApplication");
    return r ? Result<void>{} : Result<void>(std::move(r).error());
}

Result<std::vector<uint32_t>> DesfireClient::applicationIds()
{
    const uint8_t cmd[] = {0x6A};
    auto r = command(cmd, "GetApplicationIDs");
    if (!r)
        return std::move(r).error();
    if (r->size() % 3 != 0)
        return failure(ErrorCode::Conflict, "GetApplicationIDs", "answer of the wrong length");
    std::vector<uint32_t> aids;
    for (size_t i = 0; i < r->size(); i += 3)
        aids.push_back(static_cast<uint32_t>((*r)[i]) | static_cast<uint32_t>((*r)[i + 1]) << 8 |
                       static_cast<uint32_t>((*r)[i + 2]) << 16);
    return aids;
}

Result<void> DesfireClient::changeKeyAes(uint8_t keyNo, const Aes128Key &newKey, uint8_t version, const Aes128Key &oldKey)
{
    static constexpr const char *what = "ChangeKey";
    if (m_authKey < 0)
        return failure(ErrorCode::Denied, what, "not authenticated");
    const auto keyByte = static_cast<uint8_t>(m_aid == 0 ? (keyNo | 0x80) : keyNo); // PICC level: AES key flag
    const bool same = m_authKey == (keyNo & 0x0F);
    // Cryptogram (DESFire EV1 datasheet, ChangeKey): key (XOR old key for another slot) || version ||
    // CRC32(cmd || keyNo || key || version) [|| CRC32(new key) for another slot] || zero padding.
    std::array<uint8_t, 32> plain{};
    for (size_t i = 0; i < 16; ++i)
        plain[i] = same ? newKey[i] : static_cast<uint8_t>(newKey[i] ^ oldKey[i]);
    plain[16] = version;
    Bytes crcInput{0xC4, keyByte};
    crcInput.insert(crcInput.end(), plain.begin(), plain.begin() + 17);
    const uint32_t crc = desfireCrc32(crcInput);
    secureZero(crcInput);
    for (size_t i = 0; i < 4; ++i)
        plain[17 + i] = static_cast<uint8_t>(crc >> (8 * i));
    if (!same) {
        const uint32_t crcNew = desfireCrc32(newKey);
        for (size_t i = 0; i < 4; ++i)
            plain[21 + i] = static_cast<uint8_t>(crcNew >> (8 * i));
    }
    Bytes cmd(2 + plain.size());
    cmd[0] = 0xC4;
    cmd[1] = keyByte;
    aes128CbcEncrypt(m_sm.key, m_sm.iv, plain, std::span<uint8_t>(cmd).subspan(2));
    secureZero(plain);
    auto data = transceiveAll(cmd, what);
    if (!data)
        return std::move(data).error();
    if (same) {
        endSession(); // the session key came from the key just replaced; the answer has no CMAC
        return {};
    }
    auto r = verifyMac(std::move(*data), what);
    return r ? Result<void>{} : Result<void>(std::move(r).error());
}

Result<uint8_t> DesfireClient::keyVersion(uint8_t keyNo)
{
    const uint8_t cmd[] = {0x64, keyNo};
    auto r = command(cmd, "GetKeyVersion");
    if (!r)
        return std::move(r).error();
    if (r->size() != 1)
        return failure(ErrorCode::Conflict, "GetKeyVersion", "answer of the wrong length");
    return (*r)[0];
}

Result<void> DesfireClient::createDataFile(uint8_t fileNo, bool backup, CommMode mode, uint16_t accessRights, uint32_t size)
{
    Bytes cmd{static_cast<uint8_t>(backup ? 0xCB : 0xCD), fileNo, static_cast<uint8_t>(mode)};
    cmd.push_back(static_cast<uint8_t>(accessRights & 0xFF));
    cmd.push_back(static_cast<uint8_t>(accessRights >> 8));
    appendLe24(cmd, size);
    auto r = command(cmd, backup ? "CreateBackupDataFile" : "CreateStdDataFile");
    return r ? Result<void>{} : Result<void>(std::move(r).error());
}

Result<Bytes> DesfireClient::readData(uint8_t fileNo, uint32_t offset, uint32_t length, CommMode mode)
{
    Bytes cmd{0xBD, fileNo};
    appendLe24(cmd, offset);
    appendLe24(cmd, length);
    const bool enciphered = mode == CommMode::Enciphered && m_authKey >= 0;
    auto r = command(cmd, "ReadData", enciphered ? Answer::Enciphered : Answer::Maced, length);
    if (!r)
        return std::move(r).error();
    if (r->size() != length)
        return failure(ErrorCode::Corrupt, "ReadData", "unexpected length");
    return r;
}

Result<void> DesfireClient::writeData(uint8_t fileNo, uint32_t offset, ByteView data, CommMode mode)
{
    static constexpr const char *what = "WriteData";
    Bytes cmd{0x3D, fileNo};
    appendLe24(cmd, offset);
    appendLe24(cmd, static_cast<uint32_t>(data.size()));
    const size_t header = cmd.size();
    cmd.insert(cmd.end(), data.begin(), data.end());
    if (m_authKey >= 0 && mode == CommMode::Plain) {
        cmacChained(m_sm.key, m_sm.subkeys, m_sm.iv, cmd);
    } else if (m_authKey >= 0 && mode == CommMode::Maced) {
        const AesBlock mac = cmacChained(m_sm.key, m_sm.subkeys, m_sm.iv, cmd);
        cmd.insert(cmd.end(), mac.begin(), mac.begin() + 8);
    } else if (m_authKey >= 0 && mode == CommMode::Enciphered) {
        Bytes plain(data.begin(), data.end());
        appendLe32(plain, desfireCrc32(cmd)); // CRC32 over the command header and the data
        plain.resize(paddedLength(plain.size()), 0x00);
        cmd.resize(header + plain.size());
        aes128CbcEncrypt(m_sm.key, m_sm.iv, plain, std::span<uint8_t>(cmd).subspan(header));
        secureZero(plain);
    }
    // Native frames: the first carries INS + up to kMaxFrameData bytes, then AF + the rest.
    size_t sent = std::min(cmd.size(), 1 + kMaxFrameData);
    auto answer = send(ByteView(cmd).first(sent), what);
    while (answer && answer->status == kAdditionalFrame && sent < cmd.size()) {
        const size_t n = std::min(kMaxFrameData, cmd.size() - sent);
        Bytes next{kAdditionalFrame};
        next.insert(next.end(), cmd.begin() + static_cast<std::ptrdiff_t>(sent),
                    cmd.begin() + static_cast<std::ptrdiff_t>(sent + n));
        sent += n;
        answer = send(next, what);
    }
    secureZero(cmd);
    if (!answer)
        return std::move(answer).error();
    if (answer->status != kOk)
        return statusError(answer->status, what);
    auto r = verifyMac(std::move(answer->data), what);
    return r ? Result<void>{} : Result<void>(std::move(r).error());
}

Result<void> DesfireClient::commitTransaction()
{
    const uint8_t cmd[] = {0xC7};
    auto r = command(cmd, "CommitTransaction");
    return r ? Result<void>{} : Result<void>(std::move(r).error());
}

Result<void> DesfireClient::abortTransaction()
{
    const uint8_t cmd[] = {0xA7};
    auto r = command(cmd, "AbortTransaction");
    return r ? Result<void>{} : Result<void>(std::move(r).error());
}

} // namespace tapledger::nfc
