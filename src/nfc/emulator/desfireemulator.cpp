#include "nfc/emulator/desfireemulator.h"

#include "nfc/emulator/desfireemulator_p.h"

#include "core/crypto/constanttime.h"
#include "core/crypto/random.h"

#include <algorithm>

namespace tapledger::nfc {

using namespace detail;

DesfireEmulator::DesfireEmulator(DesfireImage image) : m_image(std::move(image)) {}

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
    if (withCmac && authenticated()) {
        Bytes macInput = data;
        macInput.push_back(OperationOk);
        const AesBlock mac = cmacChained(m_sm.key, m_sm.subkeys, m_sm.iv, macInput);
        data.insert(data.end(), mac.begin(), mac.begin() + 8);
    }
    return frames(chunk(data), false);
}

DesfireEmulator::Reply DesfireEmulator::frames(std::deque<Bytes> list, bool withCmac)
{
    if (withCmac && authenticated()) {
        Bytes macInput;
        for (const auto &f : list)
            macInput.insert(macInput.end(), f.begin(), f.end());
        macInput.push_back(OperationOk);
        const AesBlock mac = cmacChained(m_sm.key, m_sm.subkeys, m_sm.iv, macInput);
        list.back().insert(list.back().end(), mac.begin(), mac.begin() + 8);
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
    Bytes plain = payload;
    Bytes crcInput = payload;
    crcInput.push_back(OperationOk);
    appendLe32(plain, desfireCrc32(crcInput));
    plain.resize(paddedLength(plain.size()), 0x00);
    Bytes cipher(plain.size());
    aes128CbcEncrypt(m_sm.key, m_sm.iv, plain, cipher);
    secureZero(plain);
    return frames(chunk(cipher), false);
}

void DesfireEmulator::commandMac(ByteView cmd)
{
    if (authenticated())
        cmacChained(m_sm.key, m_sm.subkeys, m_sm.iv, cmd);
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
    case 0xAA: return authenticate(cmd);
    case 0xC4: return changeKey(cmd);
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

DesfireEmulator::Reply DesfireEmulator::authenticate(ByteView cmd)
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
    m_authCandidate = keyNo;
    m_authKeyValue = slot->key;
    randomBytes(m_rndB);
    AesBlock iv{};
    Bytes ek(16);
    aes128CbcEncrypt(m_authKeyValue, iv, m_rndB, ek);
    m_authIv = iv; // = ek(RndB): the chaining value both sides continue from
    m_pending = Pending::Auth;
    return Reply{AdditionalFrame, std::move(ek)};
}

DesfireEmulator::Reply DesfireEmulator::authenticateStep2(ByteView cmd)
{
    m_pending = Pending::None;
    if (cmd.size() != 33)
        return error(LengthError);
    std::array<uint8_t, 32> plain{};
    aes128CbcDecrypt(m_authKeyValue, m_authIv, cmd.subspan(1), plain);
    std::array<uint8_t, 16> rndA{};
    std::copy(plain.begin(), plain.begin() + 16, rndA.begin());
    const auto expected = rotateLeft(m_rndB);
    const bool match = constantTimeEqual(ByteView(plain).subspan(16), expected);
    secureZero(plain);
    if (!match) {
        secureZero(m_authKeyValue);
        return error(AuthenticationError);
    }
    const auto rotA = rotateLeft(rndA);
    Bytes answer(16);
    aes128CbcEncrypt(m_authKeyValue, m_authIv, rotA, answer);
    m_sm.start(rndA, m_rndB);
    secureZero(rndA);
    secureZero(m_rndB);
    secureZero(m_authKeyValue);
    m_authKey = m_authCandidate;
    return Reply{OperationOk, std::move(answer)};
}

DesfireEmulator::Reply DesfireEmulator::changeKey(ByteView cmd)
{
    if (!authenticated())
        return error(AuthenticationError);
    if (cmd.size() != 2 + 32)
        return error(LengthError);
    const uint8_t keyByte = cmd[1];
    const uint8_t keyNo = keyByte & 0x0F;
    DesfireKeySlot *slot = nullptr;
    DesfireApplication *app = selectedApp();
    if (m_aid == 0) {
        if (keyNo != 0 || (keyByte & 0xC0) != 0x80) // PICC master: AES only (key number | 0x80)
            return error(keyNo != 0 ? NoSuchKey : ParameterError);
        if (!(m_image.piccKeySettings & 0x01) || m_authKey != 0)
            return error(PermissionDenied);
        slot = &m_image.piccKey;
    } else {
        if (!app || keyNo >= app->keys.size())
            return error(NoSuchKey);
        const uint8_t access = app->keySettings >> 4;
        if (keyNo == 0 && !(app->keySettings & 0x01))
            return error(PermissionDenied);
        const bool allowed = keyNo == 0 ? m_authKey == 0
                             : access == 0x0E ? m_authKey == keyNo
                             : access == 0x0F ? false
                                              : m_authKey == access;
        if (!allowed)
            return error(PermissionDenied);
        slot = &app->keys[keyNo];
    }
    std::array<uint8_t, 32> plain{};
    aes128CbcDecrypt(m_sm.key, m_sm.iv, cmd.subspan(2), plain);
    const bool same = m_authKey == keyNo;
    Bytes crcInput{0xC4, keyByte};
    crcInput.insert(crcInput.end(), plain.begin(), plain.begin() + 17);
    const uint32_t crc = desfireCrc32(crcInput);
    secureZero(crcInput);
    Aes128Key newKey{};
    std::copy(plain.begin(), plain.begin() + 16, newKey.begin());
    bool valid = readLe32(ByteView(plain).subspan(17)) == crc;
    size_t padFrom = 21;
    if (!same) {
        for (size_t i = 0; i < 16; ++i)
            newKey[i] ^= slot->key[i];
        valid = valid && readLe32(ByteView(plain).subspan(21)) == desfireCrc32(newKey);
        padFrom = 25;
    }
    for (size_t i = padFrom; i < plain.size(); ++i)
        valid = valid && plain[i] == 0;
    const uint8_t version = plain[16];
    secureZero(plain);
    if (!valid) {
        secureZero(newKey);
        return error(IntegrityError);
    }
    slot->key = newKey;
    slot->version = version;
    secureZero(newKey);
    touch();
    if (same) {
        // The session key came from the key just replaced: the session ends, no CMAC.
        dropAuth();
        return Reply{OperationOk, {}};
    }
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
    if (aid == 0 || keyCount == 0 || keyCount > 14 || (cmd[5] & 0xC0) != kAesCrypto)
        return error(ParameterError);
    if (m_image.applications.count(aid))
        return error(DuplicateError);
    if (m_image.applications.size() >= 28 || usedMemory() + 64 > kEepromSize)
        return error(OutOfEeprom);
    DesfireApplication app;
    app.keySettings = cmd[4];
    app.keys.resize(keyCount);
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
        return ok({m_image.piccKeySettings, static_cast<uint8_t>(0x01 | kAesCrypto)});
    const DesfireApplication *app = selectedApp();
    if (!app)
        return error(ApplicationNotFound);
    if (!(app->keySettings & 0x02) && m_authKey != 0)
        return error(AuthenticationError);
    return ok({app->keySettings, static_cast<uint8_t>(app->keys.size() | kAesCrypto)});
}

DesfireEmulator::Reply DesfireEmulator::getKeyVersion(ByteView cmd)
{
    if (cmd.size() != 2)
        return error(LengthError);
    const uint8_t keyNo = cmd[1] & 0x0F;
    if (m_aid == 0)
        return keyNo == 0 ? ok({m_image.piccKey.version}) : error(NoSuchKey);
    const DesfireApplication *app = selectedApp();
    if (!app)
        return error(ApplicationNotFound);
    if (keyNo >= app->keys.size())
        return error(NoSuchKey);
    return ok({app->keys[keyNo].version});
}

} // namespace tapledger::nfc
