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
    if (m_authKey < 0 || m_sm.legacy())
        return data; // legacy sessions carry no CMAC on answers
    if (data.size() < 8)
        return failure(ErrorCode::Crypto, what, "the card's answer lacks its CMAC");
    const size_t n = data.size() - 8;
    Bytes macInput(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(n));
    macInput.push_back(kOk);
    const auto mac = m_sm.cmac(macInput);
    if (!constantTimeEqual(mac, ByteView(data).subspan(n)))
        return failure(ErrorCode::Crypto, what, "the card's answer failed CMAC verification");
    data.resize(n);
    return data;
}

Result<Bytes> DesfireClient::decipher(const Bytes &cipher, size_t length, const char *what)
{
    if (m_authKey < 0 || cipher.empty() || cipher.size() != m_sm.padded(length + m_sm.crcLength()))
        return failure(ErrorCode::Crypto, what, "enciphered answer of the wrong length");
    Bytes plain = cipher;
    m_sm.answerDecipher(plain);
    Bytes crc;
    m_sm.appendCrc(crc, {}, ByteView(plain).first(length), true);
    bool valid = constantTimeEqual(crc, ByteView(plain).subspan(length, crc.size()));
    for (size_t i = length + crc.size(); i < plain.size(); ++i)
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
        m_sm.cmac(cmd); // keeps the IV in step; legacy sessions: nothing
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

Result<void> DesfireClient::authenticate(uint8_t keyNo, const DesfireKey &key, DesfireAuthScheme scheme)
{
    const char *what = scheme == DesfireAuthScheme::Legacy ? "Authenticate"
                       : scheme == DesfireAuthScheme::Iso  ? "AuthenticateISO"
                                                           : "AuthenticateAES";
    endSession();
    const uint8_t start[] = {authCommand(scheme), keyNo};
    auto challenge = send(start, what);
    if (!challenge)
        return std::move(challenge).error();
    if (challenge->status != kAdditionalFrame)
        return statusError(challenge->status, what);
    const size_t n = key.type == DesfireKeyType::Des || key.type == DesfireKeyType::TwoK3Des ? 8 : 16;
    if (challenge->data.size() != n)
        return failure(ErrorCode::Conflict, what, "challenge of the wrong length");
    // libfreefare 0.4.0 `authenticate`: legacy restarts every pass from a zero IV and sends in
    // DES "send mode" (decipher); the EV1 schemes chain one IV through all three passes.
    const bool legacy = scheme == DesfireAuthScheme::Legacy;
    std::array<uint8_t, 16> chain{};
    Bytes rndB = challenge->data;
    desfireChain(key, chain, rndB, false, false);
    Bytes rndA(n);
    randomBytes(rndA);
    Bytes token = rndA;
    token.insert(token.end(), rndB.begin() + 1, rndB.end());
    token.push_back(rndB[0]);
    if (legacy)
        chain = {};
    desfireChain(key, chain, token, true, !legacy);
    Bytes step2{kAdditionalFrame};
    step2.insert(step2.end(), token.begin(), token.end());
    secureZero(token);
    auto proof = send(step2, what);
    bool valid = proof.ok() && proof->status == kOk && proof->data.size() == n;
    if (valid) {
        Bytes rotA = proof->data;
        if (legacy)
            chain = {};
        desfireChain(key, chain, rotA, false, false);
        Bytes expected(rndA.begin() + 1, rndA.end());
        expected.push_back(rndA[0]);
        valid = constantTimeEqual(rotA, expected);
        if (valid)
            m_sm.start(scheme, key, rndA, rndB);
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

Result<void> DesfireClient::createApplication(uint32_t aid, uint8_t settings, uint8_t keyCount, DesfireKeyType type)
{
    Bytes cmd{0xCA};
    appendLe24(cmd, aid);
    cmd.push_back(settings);
    cmd.push_back(static_cast<uint8_t>(DesfireKey::cryptoBits(type) | (keyCount & 0x0F))); // bits 7..6: key type
    auto r = command(cmd, "CreateApplication");
    return r ? Result<void>{} : Result<void>(std::move(r).error());
}

Result<void> DesfireClient::deleteApplication(uint32_t aid)
{
    Bytes cmd{0xDA};
    appendLe24(cmd, aid);
    auto r = command(cmd, "DeleteApplication");
    if (!r)
        return std::move(r).error();
    if (aid == m_aid) {
        endSession(); // the card drops the selection and the session with the application
        m_aid = 0;
    }
    return {};
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

Result<void> DesfireClient::changeKey(uint8_t keyNo, const DesfireKey &newKey, const DesfireKey &oldKey)
{
    static constexpr const char *what = "ChangeKey";
    if (m_authKey < 0)
        return failure(ErrorCode::Denied, what, "not authenticated");
    // At the PICC level the flag sets the new key type (libfreefare mifare_desfire_change_key).
    const auto keyByte = static_cast<uint8_t>((keyNo & 0x0F) | (m_aid == 0 ? DesfireKey::cryptoBits(newKey.type) : 0));
    const bool same = m_authKey == (keyNo & 0x0F);
    // Cryptogram (DESFire EV1 datasheet, ChangeKey): key (XOR old key for another slot)
    // [|| AES version] || CRC [|| CRC(new key) for another slot] || zero padding; CRC32 covers
    // C4 keyNo as well, the legacy CRC16 only the key bytes.
    const size_t keyLength = newKey.wireLength();
    const auto fresh = newKey.wireBytes();
    const auto old = oldKey.wireBytes();
    Bytes plain(keyLength);
    for (size_t i = 0; i < keyLength; ++i)
        plain[i] = same ? fresh[i] : static_cast<uint8_t>(fresh[i] ^ old[i]);
    if (newKey.type == DesfireKeyType::Aes)
        plain.push_back(newKey.aesVersion);
    const Bytes header{0xC4, keyByte};
    const Bytes body = plain;
    m_sm.appendCrc(plain, header, body, false);
    if (!same)
        m_sm.appendCrc(plain, {}, ByteView(fresh).first(keyLength), false);
    plain.resize(m_sm.padded(plain.size()), 0x00);
    m_sm.sendEncipher(plain);
    Bytes cmd = header;
    cmd.insert(cmd.end(), plain.begin(), plain.end());
    secureZero(plain);
    auto data = transceiveAll(cmd, what);
    secureZero(cmd);
    if (!data)
        return std::move(data).error();
    if (same) {
        endSession(); // the session key came from the key just replaced; the answer has no CMAC
        return {};
    }
    auto r = verifyMac(std::move(*data), what);
    return r ? Result<void>{} : Result<void>(std::move(r).error());
}

Result<void> DesfireClient::changeKeySettings(uint8_t settings)
{
    static constexpr const char *what = "ChangeKeySettings";
    if (m_authKey < 0)
        return failure(ErrorCode::Denied, what, "not authenticated");
    const Bytes header{0x54};
    Bytes plain{settings};
    const Bytes body = plain;
    m_sm.appendCrc(plain, header, body, false);
    plain.resize(m_sm.padded(plain.size()), 0x00);
    m_sm.sendEncipher(plain);
    Bytes cmd = header;
    cmd.insert(cmd.end(), plain.begin(), plain.end());
    auto data = transceiveAll(cmd, what);
    if (!data)
        return std::move(data).error();
    auto r = verifyMac(std::move(*data), what);
    return r ? Result<void>{} : Result<void>(std::move(r).error());
}

Result<CardUid> DesfireClient::cardUid()
{
    static constexpr const char *what = "GetCardUID";
    if (m_authKey < 0)
        return failure(ErrorCode::Denied, what, "not authenticated");
    const uint8_t cmd[] = {0x51};
    auto r = command(cmd, what, Answer::Enciphered, 7);
    if (!r)
        return std::move(r).error();
    CardUid uid{};
    std::copy(r->begin(), r->end(), uid.begin());
    return uid;
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
    if (mode == CommMode::Maced && m_authKey >= 0 && m_sm.legacy()) {
        // DESFire EV0 MAC: 4 bytes over the data, after it.
        if (r->size() != static_cast<size_t>(length) + 4)
            return failure(ErrorCode::Crypto, "ReadData", "the card's answer lacks its MAC");
        const auto mac = m_sm.legacyMac(ByteView(*r).first(length));
        if (!constantTimeEqual(mac, ByteView(*r).subspan(length)))
            return failure(ErrorCode::Crypto, "ReadData", "the card's answer failed MAC verification");
        r->resize(length);
    }
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
        m_sm.cmac(cmd);
    } else if (m_authKey >= 0 && mode == CommMode::Maced && m_sm.legacy()) {
        const auto mac = m_sm.legacyMac(data); // DESFire EV0 MAC over the data only
        cmd.insert(cmd.end(), mac.begin(), mac.end());
    } else if (m_authKey >= 0 && mode == CommMode::Maced) {
        const auto mac = m_sm.cmac(cmd);
        cmd.insert(cmd.end(), mac.begin(), mac.end());
    } else if (m_authKey >= 0 && mode == CommMode::Enciphered) {
        Bytes plain(data.begin(), data.end());
        m_sm.appendCrc(plain, ByteView(cmd).first(header), data, false); // CRC32: header || data; CRC16: data
        plain.resize(m_sm.padded(plain.size()), 0x00);
        m_sm.sendEncipher(plain);
        cmd.resize(header);
        cmd.insert(cmd.end(), plain.begin(), plain.end());
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
