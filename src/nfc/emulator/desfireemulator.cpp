#include "nfc/emulator/desfireemulator.h"

#include "nfc/emulator/desfireemulator_p.h"

#include "core/crypto/constanttime.h"
#include "core/crypto/random.h"

#include <algorithm>

namespace tapledger::nfc {

using namespace detail;

DesfireEmulator::DesfireEmulator(DesfireImage image) : m_image(std::move(image))
{
    randomBytes(m_randomUid);
}

CardUid DesfireEmulator::anticollisionUid() const noexcept
{
    if (!m_image.randomUid)
        return m_image.uid;
    return {0x08, m_randomUid[0], m_randomUid[1], m_randomUid[2], 0, 0, 0};
}

std::array<uint8_t, 2> DesfireEmulator::atqa() const noexcept
{
    return m_image.randomUid ? std::array<uint8_t, 2>{0x03, 0x04} : kAtqa;
}

void DesfireEmulator::enterField()
{
    powerOff();
    randomBytes(m_randomUid);
}

DesfireImage &DesfireEmulator::mutableImage() noexcept
{
    powerOff();
    touch();
    return m_image;
}

void DesfireEmulator::dropAuth() noexcept
{
    m_authKey = -1;
    m_sm.clear();
}

void DesfireEmulator::powerOff()
{
    dropAuth();
    m_aid = 0;
    m_pending = Pending::None;
    m_frames.clear();
    m_writeBuffer.clear();
    m_uncommitted.clear();
}

DesfireApplication *DesfireEmulator::selectedApp()
{
    if (m_aid == 0)
        return nullptr;
    auto it = m_image.applications.find(m_aid);
    return it == m_image.applications.end() ? nullptr : &it->second;
}

Bytes DesfireEmulator::transceive(ByteView apdu)
{
    if (apdu.empty())
        return {0x91, IllegalCommand};
    const bool wrapped = apdu[0] == 0x90;
    Bytes cmd;
    if (wrapped) {
        // ISO 7816-4 case 2/4 short APDU: CLA INS P1 P2 [Lc data] Le
        if (apdu.size() < 5 || apdu[2] != 0 || apdu[3] != 0)
            return {0x6A, 0x86}; // wrong P1/P2
        cmd.push_back(apdu[1]);
        if (apdu.size() > 5) {
            const size_t lc = apdu[4];
            if (apdu.size() != 5 + lc + 1)
                return {0x67, 0x00}; // wrong length
            cmd.insert(cmd.end(), apdu.begin() + 5, apdu.begin() + 5 + static_cast<std::ptrdiff_t>(lc));
        }
    } else {
        cmd.assign(apdu.begin(), apdu.end());
    }
    Reply r = dispatch(cmd);
    Bytes out;
    if (wrapped) {
        out = std::move(r.data);
        out.push_back(0x91);
        out.push_back(r.status);
    } else {
        out.push_back(r.status);
        out.insert(out.end(), r.data.begin(), r.data.end());
    }
    return out;
}

DesfireEmulator::Reply DesfireEmulator::error(uint8_t status)
{
    // EV1: an error ends the authenticated session; a half-received command is dropped.
    dropAuth();
    m_pending = Pending::None;
    m_frames.clear();
    m_writeBuffer.clear();
    return Reply{status, {}};
}

DesfireEmulator::Reply DesfireEmulator::ok(Bytes data, bool withCmac)
{
    if (withCmac && authenticated() && !m_sm.legacy()) {
        Bytes macInput = data;
        macInput.push_back(OperationOk);
        const auto mac = m_sm.cmac(macInput);
        data.insert(data.end(), mac.begin(), mac.end());
    }
    return frames(chunk(data), false);
}

DesfireEmulator::Reply DesfireEmulator::frames(std::deque<Bytes> list, bool withCmac)
{
    if (withCmac && authenticated() && !m_sm.legacy()) {
        Bytes macInput;
        for (const auto &f : list)
            macInput.insert(macInput.end(), f.begin(), f.end());
        macInput.push_back(OperationOk);
        const auto mac = m_sm.cmac(macInput);
        list.back().insert(list.back().end(), mac.begin(), mac.end());
    }
    Reply r{OperationOk, std::move(list.front())};
    list.pop_front();
    if (!list.empty()) {
        r.status = AdditionalFrame;
        m_frames = std::move(list);
        m_pending = Pending::ResponseFrames;
    }
    return r;
}

DesfireEmulator::Reply DesfireEmulator::enciphered(const Bytes &payload)
{
    Bytes cipher = payload;
    m_sm.appendCrc(cipher, {}, payload, true); // legacy: CRC16(data); EV1: CRC32(data || status)
    cipher.resize(m_sm.padded(cipher.size()), 0x00);
    m_sm.answerEncipher(cipher);
    return frames(chunk(cipher), false);
}

void DesfireEmulator::commandMac(ByteView cmd)
{
    if (authenticated())
        m_sm.cmac(cmd); // legacy sessions: no CMAC
}

DesfireEmulator::Reply DesfireEmulator::dispatch(ByteView cmd)
{
    const uint8_t ins = cmd[0];
    if (ins == AdditionalFrame)
        return continuation(cmd);
    if (m_pending != Pending::None) {
        // A new command interrupts a multi-frame exchange (and an authentication in progress).
        if (m_pending == Pending::Auth)
            dropAuth();
        m_pending = Pending::None;
        m_frames.clear();
        m_writeBuffer.clear();
    }
    switch (ins) {
    case 0x0A: return authenticate(cmd, DesfireAuthScheme::Legacy);
    case 0x1A: return authenticate(cmd, DesfireAuthScheme::Iso);
    case 0xAA: return authenticate(cmd, DesfireAuthScheme::Aes);
    case 0xC4: return changeKey(cmd);
    case 0x54: return changeKeySettings(cmd);
    case 0x3D: return writeData(cmd);
    case 0x5A: return selectApplication(cmd);
    default: break;
    }
    commandMac(cmd);
    switch (ins) {
    case 0x60: return cmd.size() == 1 ? getVersion() : error(LengthError);
    case 0x51: return cmd.size() == 1 ? getCardUid() : error(LengthError);
    case 0xFC: return cmd.size() == 1 ? formatPicc() : error(LengthError);
    case 0xCA: return createApplication(cmd);
    case 0xDA: return deleteApplication(cmd);
    case 0x6A: return cmd.size() == 1 ? getApplicationIds() : error(LengthError);
    case 0x45: return cmd.size() == 1 ? getKeySettings() : error(LengthError);
    case 0x64: return getKeyVersion(cmd);
    case 0xCD:
    case 0xCB: return createFile(cmd);
    case 0xDF: return deleteFile(cmd);
    case 0x6F: return cmd.size() == 1 ? getFileIds() : error(LengthError);
    case 0xF5: return getFileSettings(cmd);
    case 0xBD: return readData(cmd);
    case 0xC7: return commitTransaction(true);
    case 0xA7: return commitTransaction(false);
    case 0x6E: return freeMemory();
    default: return error(IllegalCommand);
    }
}

DesfireEmulator::Reply DesfireEmulator::continuation(ByteView cmd)
{
    switch (m_pending) {
    case Pending::Auth: return authenticateStep2(cmd);
    case Pending::ResponseFrames: {
        if (cmd.size() != 1)
            return error(LengthError);
        Reply r{OperationOk, std::move(m_frames.front())};
        m_frames.pop_front();
        if (m_frames.empty())
            m_pending = Pending::None;
        else
            r.status = AdditionalFrame;
        return r;
    }
    case Pending::WriteFrames:
        m_writeBuffer.insert(m_writeBuffer.end(), cmd.begin() + 1, cmd.end());
        if (m_writeBuffer.size() < m_writeExpected)
            return Reply{AdditionalFrame, {}};
        m_pending = Pending::None;
        return finishWrite();
    case Pending::None: break;
    }
    return error(IllegalCommand);
}

DesfireEmulator::Reply DesfireEmulator::authenticate(ByteView cmd, DesfireAuthScheme scheme)
{
    dropAuth();
    if (cmd.size() != 2)
        return error(LengthError);
    const uint8_t keyNo = cmd[1];
    const DesfireKeySlot *slot = nullptr;
    if (m_aid == 0) {
        if (keyNo == 0)
            slot = &m_image.piccKey;
    } else if (auto *app = selectedApp(); app && keyNo < app->keys.size()) {
        slot = &app->keys[keyNo];
    }
    if (!slot)
        return error(NoSuchKey);
    const DesfireKeyType type = slot->key.type;
    const bool desFamily = type == DesfireKeyType::Des || type == DesfireKeyType::TwoK3Des;
    const bool fits = scheme == DesfireAuthScheme::Legacy ? desFamily
                      : scheme == DesfireAuthScheme::Iso  ? desFamily || type == DesfireKeyType::ThreeK3Des
                                                          : type == DesfireKeyType::Aes;
    if (!fits)
        return error(AuthenticationError); // the command does not match the key's type
    m_authCandidate = keyNo;
    m_authScheme = scheme;
    m_authKeyValue = slot->key;
    m_rndLength = desFamily ? 8 : 16;
    randomBytes(m_rndB);
    Bytes ek(m_rndB.begin(), m_rndB.begin() + static_cast<std::ptrdiff_t>(m_rndLength));
    m_authIv = {};
    // The card enciphers (CBC); legacy restarts from a zero IV at every step, EV1 chains on.
    desfireChain(m_authKeyValue, m_authIv, ek, true, true);
    if (scheme == DesfireAuthScheme::Legacy)
        m_authIv = {};
    m_pending = Pending::Auth;
    return Reply{AdditionalFrame, std::move(ek)};
}

DesfireEmulator::Reply DesfireEmulator::authenticateStep2(ByteView cmd)
{
    m_pending = Pending::None;
    const size_t n = m_rndLength;
    if (cmd.size() != 1 + 2 * n) {
        m_authKeyValue.clear();
        return error(LengthError);
    }
    const bool legacy = m_authScheme == DesfireAuthScheme::Legacy;
    Bytes plain(cmd.begin() + 1, cmd.end());
    // Legacy: the PCD sent D(p ^ c_prev) ("send mode"), so E(c) ^ c_prev recovers p.
    desfireChain(m_authKeyValue, m_authIv, plain, false, legacy);
    const ByteView rndA = ByteView(plain).first(n);
    Bytes expected(m_rndB.begin() + 1, m_rndB.begin() + static_cast<std::ptrdiff_t>(n));
    expected.push_back(m_rndB[0]);
    const bool match = constantTimeEqual(ByteView(plain).subspan(n, n), expected);
    if (!match) {
        secureZero(plain);
        m_authKeyValue.clear();
        return error(AuthenticationError);
    }
    Bytes answer(rndA.begin() + 1, rndA.end());
    answer.push_back(rndA[0]);
    if (legacy)
        m_authIv = {};
    desfireChain(m_authKeyValue, m_authIv, answer, true, true);
    m_sm.start(m_authScheme, m_authKeyValue, rndA, ByteView(m_rndB).first(n));
    secureZero(plain);
    secureZero(m_rndB);
    m_authKeyValue.clear();
    m_authKey = m_authCandidate;
    return Reply{OperationOk, std::move(answer)};
}

DesfireEmulator::Reply DesfireEmulator::changeKey(ByteView cmd)
{
    if (!authenticated())
        return error(AuthenticationError);
    if (cmd.size() < 2)
        return error(LengthError);
    const uint8_t keyByte = cmd[1];
    const uint8_t keyNo = keyByte & 0x0F;
    const uint8_t flags = keyByte & 0xC0;
    DesfireKeySlot *slot = nullptr;
    DesfireKeyType newType = DesfireKeyType::Aes;
    DesfireApplication *app = selectedApp();
    if (m_aid == 0) {
        // PICC master key: the key-number flags choose the new type (00 DES family, 40 3K3DES, 80 AES).
        if (keyNo != 0)
            return error(NoSuchKey);
        if (flags == 0xC0)
            return error(ParameterError);
        if (!(m_image.piccKeySettings & 0x01) || m_authKey != 0)
            return error(PermissionDenied);
        newType = flags == 0x80 ? DesfireKeyType::Aes : flags == 0x40 ? DesfireKeyType::ThreeK3Des : DesfireKeyType::TwoK3Des;
        slot = &m_image.piccKey;
    } else {
        if (!app || keyNo >= app->keys.size())
            return error(NoSuchKey);
        if (flags != 0)
            return error(ParameterError);
        const uint8_t access = app->keySettings >> 4;
        if (keyNo == 0 && !(app->keySettings & 0x01))
            return error(PermissionDenied);
        const bool allowed = keyNo == 0 ? m_authKey == 0
                             : access == 0x0E ? m_authKey == keyNo
                             : access == 0x0F ? false
                                              : m_authKey == access;
        if (!allowed)
            return error(PermissionDenied);
        newType = app->keyType;
        slot = &app->keys[keyNo];
    }
    // Cryptogram (DESFire EV1 datasheet, ChangeKey; libfreefare mifare_desfire_change_key):
    // key (XOR old key for another slot) [|| AES version] || CRC [|| CRC(new key) for another
    // slot] || zero padding. CRC32 covers C4 keyNo too; the legacy CRC16 only the key bytes.
    const bool same = m_authKey == keyNo;
    const size_t keyLength = DesfireKey::zero(newType).wireLength();
    const size_t withVersion = keyLength + (newType == DesfireKeyType::Aes ? 1 : 0);
    const size_t crcLength = m_sm.crcLength();
    const size_t plainLength = withVersion + crcLength + (same ? 0 : crcLength);
    if (cmd.size() != 2 + m_sm.padded(plainLength))
        return error(LengthError);
    Bytes plain(cmd.begin() + 2, cmd.end());
    m_sm.sendDecipher(plain);
    Bytes crc;
    m_sm.appendCrc(crc, ByteView(cmd).first(2), ByteView(plain).first(withVersion), false);
    bool valid = constantTimeEqual(crc, ByteView(plain).subspan(withVersion, crcLength));
    std::array<uint8_t, 24> newBytes{};
    std::copy(plain.begin(), plain.begin() + static_cast<std::ptrdiff_t>(keyLength), newBytes.begin());
    size_t padFrom = withVersion + crcLength;
    if (!same) {
        const auto old = slot->key.wireBytes();
        for (size_t i = 0; i < keyLength; ++i)
            newBytes[i] ^= old[i];
        Bytes crcNew;
        m_sm.appendCrc(crcNew, {}, ByteView(newBytes).first(keyLength), false);
        valid = valid && constantTimeEqual(crcNew, ByteView(plain).subspan(padFrom, crcLength));
        padFrom += crcLength;
    }
    for (size_t i = padFrom; i < plain.size(); ++i)
        valid = valid && plain[i] == 0;
    const uint8_t version = newType == DesfireKeyType::Aes ? plain[keyLength] : 0;
    secureZero(plain);
    if (!valid) {
        secureZero(newBytes);
        return error(IntegrityError);
    }
    slot->key = DesfireKey::of(newType, ByteView(newBytes).first(DesfireKey::length(newType)));
    slot->key.aesVersion = version;
    secureZero(newBytes);
    if (app && slot->key.type != app->keyType) // cannot happen: app keys keep the app's type
        return error(ParameterError);
    touch();
    if (same) {
        // The session key came from the key just replaced: the session ends, no CMAC.
        dropAuth();
        return Reply{OperationOk, {}};
    }
    return ok();
}

DesfireEmulator::Reply DesfireEmulator::changeKeySettings(ByteView cmd)
{
    if (!authenticated() || m_authKey != 0)
        return error(PermissionDenied);
    DesfireApplication *app = selectedApp();
    uint8_t &settings = app ? app->keySettings : m_image.piccKeySettings;
    if (!(settings & 0x08))
        return error(PermissionDenied); // configuration not changeable
    if (cmd.size() != 1 + m_sm.padded(1 + m_sm.crcLength()))
        return error(LengthError);
    Bytes plain(cmd.begin() + 1, cmd.end());
    m_sm.sendDecipher(plain);
    Bytes crc;
    m_sm.appendCrc(crc, ByteView(cmd).first(1), ByteView(plain).first(1), false);
    bool valid = constantTimeEqual(crc, ByteView(plain).subspan(1, crc.size()));
    for (size_t i = 1 + crc.size(); i < plain.size(); ++i)
        valid = valid && plain[i] == 0;
    if (!valid)
        return error(IntegrityError);
    settings = plain[0];
    touch();
    return ok();
}

DesfireEmulator::Reply DesfireEmulator::getVersion()
{
    std::deque<Bytes> list;
    list.push_back({0x04, 0x01, 0x01, 0x01, 0x00, 0x18, 0x05}); // NXP, DESFire, EV1 v1.0, 4 KB, ISO 14443-2/3
    list.push_back({0x04, 0x01, 0x01, 0x01, 0x04, 0x18, 0x05}); // software 1.4
    Bytes third(m_image.uid.begin(), m_image.uid.end());
    for (const uint8_t b : std::array<uint8_t, 7>{0xBA, 0x7C, 0x11, 0xE0, 0x01, 0x22, 0x24}) // batch no (5), week, year
        third.push_back(b);
    list.push_back(std::move(third));
    return frames(std::move(list), true);
}

DesfireEmulator::Reply DesfireEmulator::getCardUid()
{
    if (!authenticated())
        return error(AuthenticationError);
    return enciphered(Bytes(m_image.uid.begin(), m_image.uid.end()));
}

DesfireEmulator::Reply DesfireEmulator::formatPicc()
{
    if (m_aid != 0 || m_authKey != 0)
        return error(AuthenticationError);
    m_image.applications.clear();
    m_uncommitted.clear();
    touch();
    return ok();
}

DesfireEmulator::Reply DesfireEmulator::createApplication(ByteView cmd)
{
    if (cmd.size() != 6)
        return error(LengthError);
    if (m_aid != 0)
        return error(PermissionDenied);
    if (!(m_image.piccKeySettings & 0x04) && m_authKey != 0)
        return error(AuthenticationError);
    const uint32_t aid = le24(cmd.subspan(1));
    const uint8_t keyCount = cmd[5] & 0x0F;
    const uint8_t crypto = cmd[5] & 0xC0;
    if (aid == 0 || keyCount == 0 || keyCount > 14 || crypto == 0xC0)
        return error(ParameterError);
    if (m_image.applications.count(aid))
        return error(DuplicateError);
    if (m_image.applications.size() >= 28 || usedMemory() + 64 > kEepromSize)
        return error(OutOfEeprom);
    DesfireApplication app;
    app.keySettings = cmd[4];
    app.keyType = crypto == 0x80 ? DesfireKeyType::Aes : crypto == 0x40 ? DesfireKeyType::ThreeK3Des : DesfireKeyType::TwoK3Des;
    app.keys.assign(keyCount, DesfireKeySlot{DesfireKey::zero(app.keyType)});
    m_image.applications[aid] = std::move(app);
    touch();
    return ok();
}

DesfireEmulator::Reply DesfireEmulator::deleteApplication(ByteView cmd)
{
    if (cmd.size() != 4)
        return error(LengthError);
    const uint32_t aid = le24(cmd.subspan(1));
    auto it = m_image.applications.find(aid);
    if (it == m_image.applications.end())
        return error(ApplicationNotFound);
    const bool piccMaster = m_aid == 0 && m_authKey == 0;
    const bool appMaster = m_aid == aid && m_authKey == 0;
    if (!piccMaster && !appMaster && !(m_image.piccKeySettings & 0x04))
        return error(AuthenticationError);
    Reply r = ok(); // CMAC with the current session before the application goes away
    m_image.applications.erase(it);
    std::erase_if(m_uncommitted, [aid](const auto &e) { return e.first.first == aid; });
    if (m_aid == aid) {
        m_aid = 0;
        dropAuth();
    }
    touch();
    return r;
}

DesfireEmulator::Reply DesfireEmulator::selectApplication(ByteView cmd)
{
    if (cmd.size() != 4)
        return error(LengthError);
    const uint32_t aid = le24(cmd.subspan(1));
    if (aid != 0 && !m_image.applications.count(aid))
        return error(ApplicationNotFound);
    dropAuth();
    m_uncommitted.clear(); // selecting aborts an open transaction
    m_aid = aid;
    return Reply{OperationOk, {}};
}

DesfireEmulator::Reply DesfireEmulator::getApplicationIds()
{
    if (m_aid != 0)
        return error(PermissionDenied);
    if (!(m_image.piccKeySettings & 0x02) && m_authKey != 0)
        return error(AuthenticationError);
    Bytes data;
    for (const auto &[aid, app] : m_image.applications)
        appendLe24(data, aid);
    return ok(std::move(data));
}

DesfireEmulator::Reply DesfireEmulator::getKeySettings()
{
    if (m_aid == 0)
        return ok({m_image.piccKeySettings, static_cast<uint8_t>(0x01 | DesfireKey::cryptoBits(m_image.piccKey.key.type))});
    const DesfireApplication *app = selectedApp();
    if (!app)
        return error(ApplicationNotFound);
    if (!(app->keySettings & 0x02) && m_authKey != 0)
        return error(AuthenticationError);
    return ok({app->keySettings, static_cast<uint8_t>(app->keys.size() | DesfireKey::cryptoBits(app->keyType))});
}

DesfireEmulator::Reply DesfireEmulator::getKeyVersion(ByteView cmd)
{
    if (cmd.size() != 2)
        return error(LengthError);
    const uint8_t keyNo = cmd[1] & 0x0F;
    if (m_aid == 0)
        return keyNo == 0 ? ok({m_image.piccKey.version()}) : error(NoSuchKey);
    const DesfireApplication *app = selectedApp();
    if (!app)
        return error(ApplicationNotFound);
    if (keyNo >= app->keys.size())
        return error(NoSuchKey);
    return ok({app->keys[keyNo].version()});
}

} // namespace tapledger::nfc
