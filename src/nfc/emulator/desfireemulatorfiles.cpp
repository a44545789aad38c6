#include "nfc/emulator/desfireemulator.h"

#include "nfc/emulator/desfireemulator_p.h"

#include "core/crypto/constanttime.h"

// DesfireEmulator, part 2: data files (create, settings, ReadData, WriteData, transactions).

namespace tapledger::nfc {

using namespace detail;

DesfireEmulator::Reply DesfireEmulator::createFile(ByteView cmd)
{
    if (cmd.size() != 8)
        return error(LengthError);
    DesfireApplication *app = selectedApp();
    if (!app)
        return error(PermissionDenied);
    if (!(app->keySettings & 0x04) && m_authKey != 0)
        return error(AuthenticationError);
    const uint8_t fileNo = cmd[1];
    const uint8_t comm = cmd[2];
    const uint32_t size = le24(cmd.subspan(5));
    if (fileNo > 31 || (comm != 0 && comm != 1 && comm != 3) || size == 0 || size > 8191)
        return error(ParameterError);
    if (app->files.count(fileNo))
        return error(DuplicateError);
    if (usedMemory() + paddedLength(size) * 2 > kEepromSize)
        return error(OutOfEeprom);
    DesfireFile file;
    file.type = cmd[0] == 0xCB ? DesfireFile::kBackup : DesfireFile::kStandard;
    file.commMode = comm;
    file.accessRights = static_cast<uint16_t>(cmd[3] | cmd[4] << 8);
    file.data.assign(size, 0x00);
    app->files[fileNo] = std::move(file);
    touch();
    return ok();
}

DesfireEmulator::Reply DesfireEmulator::deleteFile(ByteView cmd)
{
    if (cmd.size() != 2)
        return error(LengthError);
    DesfireApplication *app = selectedApp();
    if (!app)
        return error(PermissionDenied);
    if (!(app->keySettings & 0x04) && m_authKey != 0)
        return error(AuthenticationError);
    if (!app->files.erase(cmd[1]))
        return error(FileNotFound);
    m_uncommitted.erase({m_aid, cmd[1]});
    touch();
    return ok();
}

DesfireEmulator::Reply DesfireEmulator::getFileIds()
{
    const DesfireApplication *app = selectedApp();
    if (!app)
        return error(PermissionDenied);
    if (!(app->keySettings & 0x02) && m_authKey != 0)
        return error(AuthenticationError);
    Bytes ids;
    for (const auto &[no, f] : app->files)
        ids.push_back(no);
    return ok(std::move(ids));
}

DesfireEmulator::Reply DesfireEmulator::getFileSettings(ByteView cmd)
{
    if (cmd.size() != 2)
        return error(LengthError);
    const DesfireApplication *app = selectedApp();
    if (!app)
        return error(PermissionDenied);
    if (!(app->keySettings & 0x02) && m_authKey != 0)
        return error(AuthenticationError);
    auto it = app->files.find(cmd[1]);
    if (it == app->files.end())
        return error(FileNotFound);
    const DesfireFile &f = it->second;
    Bytes data{f.type, f.commMode, static_cast<uint8_t>(f.accessRights & 0xFF), static_cast<uint8_t>(f.accessRights >> 8)};
    appendLe24(data, static_cast<uint32_t>(f.data.size()));
    return ok(std::move(data));
}

DesfireEmulator::Access DesfireEmulator::fileAccess(const DesfireFile &file, bool write) const
{
    const int primary = (file.accessRights >> (write ? 8 : 12)) & 0x0F;
    const int both = (file.accessRights >> 4) & 0x0F;
    if (primary == 0x0E || both == 0x0E)
        return Access::Free;
    if (authenticated() && (m_authKey == primary || m_authKey == both))
        return Access::Keyed;
    return Access::Denied;
}

DesfireEmulator::OpenFile DesfireEmulator::openFile(uint8_t fileNo, bool write)
{
    DesfireApplication *app = selectedApp();
    if (!app)
        return {nullptr, Access::Denied, PermissionDenied};
    auto it = app->files.find(fileNo);
    if (it == app->files.end())
        return {nullptr, Access::Denied, FileNotFound};
    const Access access = fileAccess(it->second, write);
    if (access == Access::Denied)
        return {nullptr, access, AuthenticationError};
    return {&it->second, access, OperationOk};
}

DesfireEmulator::Reply DesfireEmulator::readData(ByteView cmd)
{
    const OpenFile open = cmd.size() == 8 ? openFile(cmd[1], false) : OpenFile{nullptr, Access::Denied, LengthError};
    if (open.status != OperationOk)
        return error(open.status);
    const DesfireFile &f = *open.file;
    const size_t offset = le24(cmd.subspan(2));
    size_t length = le24(cmd.subspan(5));
    if (offset >= f.data.size())
        return error(BoundaryError);
    if (length == 0)
        length = f.data.size() - offset;
    if (offset + length > f.data.size())
        return error(BoundaryError);
    Bytes data(f.data.begin() + static_cast<std::ptrdiff_t>(offset),
               f.data.begin() + static_cast<std::ptrdiff_t>(offset + length));
    if (open.access == Access::Keyed && f.commMode == 0x03)
        return enciphered(data);
    if (open.access == Access::Keyed && f.commMode == 0x01 && m_sm.legacy()) {
        const auto mac = m_sm.legacyMac(data); // DESFire EV0 MAC: 4 bytes, zero IV
        data.insert(data.end(), mac.begin(), mac.end());
    }
    return ok(std::move(data)); // plain or MACed: CMAC appended in EV1 sessions
}

DesfireEmulator::Reply DesfireEmulator::writeData(ByteView cmd)
{
    const OpenFile open = cmd.size() >= 8 ? openFile(cmd[1], true) : OpenFile{nullptr, Access::Denied, LengthError};
    if (open.status != OperationOk)
        return error(open.status);
    const DesfireFile &f = *open.file;
    const size_t offset = le24(cmd.subspan(2));
    const size_t length = le24(cmd.subspan(5));
    if (length == 0 || offset + length > f.data.size())
        return error(BoundaryError);
    const uint8_t mode = open.access == Access::Keyed ? f.commMode : 0x00;
    size_t body = length;
    if (mode == 0x01)
        body = length + (m_sm.legacy() ? 4 : 8);
    else if (mode == 0x03)
        body = m_sm.padded(length + m_sm.crcLength());
    m_writeExpected = 8 + body;
    m_writeBuffer.assign(cmd.begin(), cmd.end());
    if (m_writeBuffer.size() < m_writeExpected) {
        m_pending = Pending::WriteFrames;
        return Reply{AdditionalFrame, {}};
    }
    return finishWrite();
}

DesfireEmulator::Reply DesfireEmulator::finishWrite()
{
    Bytes cmd = std::move(m_writeBuffer);
    m_writeBuffer.clear();
    if (cmd.size() != m_writeExpected)
        return error(LengthError);
    const uint8_t fileNo = cmd[1];
    const OpenFile open = openFile(fileNo, true);
    if (open.status != OperationOk)
        return error(open.status);
    DesfireFile &f = *open.file;
    const Access access = open.access;
    const uint8_t mode = access == Access::Keyed ? f.commMode : 0x00;
    const size_t offset = le24(ByteView(cmd).subspan(2));
    const size_t length = le24(ByteView(cmd).subspan(5));
    Bytes data;
    if (mode == 0x00) {
        commandMac(cmd);
        data.assign(cmd.begin() + 8, cmd.end());
    } else if (mode == 0x01) {
        const ByteView full(cmd);
        bool valid = false;
        if (m_sm.legacy()) {
            const auto mac = m_sm.legacyMac(full.subspan(8, length)); // EV0: over the data only
            valid = constantTimeEqual(mac, full.subspan(8 + length, 4));
        } else {
            const auto mac = m_sm.cmac(full.first(8 + length));
            valid = constantTimeEqual(mac, full.subspan(8 + length, 8));
        }
        if (!valid)
            return error(IntegrityError);
        data.assign(cmd.begin() + 8, cmd.begin() + 8 + static_cast<std::ptrdiff_t>(length));
    } else {
        Bytes plain(cmd.begin() + 8, cmd.end());
        m_sm.sendDecipher(plain);
        Bytes crc;
        m_sm.appendCrc(crc, ByteView(cmd).first(8), ByteView(plain).first(length), false);
        bool valid = constantTimeEqual(crc, ByteView(plain).subspan(length, crc.size()));
        for (size_t i = length + crc.size(); i < plain.size(); ++i)
            valid = valid && plain[i] == 0;
        if (!valid) {
            secureZero(plain);
            return error(IntegrityError);
        }
        data.assign(plain.begin(), plain.begin() + static_cast<std::ptrdiff_t>(length));
        secureZero(plain);
    }
    if (f.type == DesfireFile::kBackup) {
        auto [pending, inserted] = m_uncommitted.try_emplace({m_aid, fileNo}, f.data);
        std::copy(data.begin(), data.end(), pending->second.begin() + static_cast<std::ptrdiff_t>(offset));
    } else {
        std::copy(data.begin(), data.end(), f.data.begin() + static_cast<std::ptrdiff_t>(offset));
        touch();
    }
    return ok();
}

DesfireEmulator::Reply DesfireEmulator::commitTransaction(bool commit)
{
    DesfireApplication *app = selectedApp();
    if (!app)
        return error(PermissionDenied);
    bool changed = false;
    for (auto it = m_uncommitted.begin(); it != m_uncommitted.end();) {
        if (it->first.first != m_aid) {
            ++it;
            continue;
        }
        if (commit) {
            auto f = app->files.find(it->first.second);
            if (f != app->files.end()) {
                f->second.data = std::move(it->second);
                changed = true;
            }
        }
        it = m_uncommitted.erase(it);
    }
    if (changed)
        touch();
    return ok();
}

DesfireEmulator::Reply DesfireEmulator::freeMemory()
{
    Bytes data;
    appendLe24(data, static_cast<uint32_t>(kEepromSize - std::min(kEepromSize, usedMemory())));
    return ok(std::move(data));
}

size_t DesfireEmulator::usedMemory() const
{
    size_t used = 0;
    for (const auto &[aid, app] : m_image.applications) {
        used += 64;
        for (const auto &[no, f] : app.files)
            used += paddedLength(f.data.size()) * (f.type == DesfireFile::kBackup ? 2 : 1);
    }
    return used;
}

} // namespace tapledger::nfc
