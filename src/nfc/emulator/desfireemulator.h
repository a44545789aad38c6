#pragma once

#include "core/bytes.h"
#include "core/crypto/aes128.h"
#include "nfc/desfirecard.h"
#include "nfc/desfirecrypto.h"
#include "nfc/emulator/desfireimage.h"

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <utility>

namespace tapledger::nfc {

/// An emulated MIFARE DESFire EV1 card answering the native command set as libfreefare 0.4.0
/// drives it, wrapped in ISO 7816-4 APDUs (`90 INS 00 00 Lc data 00` → `data 91 SW`) or native
/// (`INS data` → `SW data`). Keys of every EV1 type (DES/2K3DES, 3K3DES, AES; a factory card has
/// the DES zero PICC key) with legacy Authenticate (0x0A: DES "send mode", CRC16, 4-byte MACs, no
/// CMAC), AuthenticateISO (0x1A) and AuthenticateAES (0xAA) (EV1 secure messaging: CMAC over
/// command and response with a chaining IV, CRC32 + zero padding inside enciphered payloads,
/// 8-byte truncated CMACs on the wire). A 2K3DES key with equal halves acts as single DES
/// (8-byte session key), as real cards do.
/// Backup files are transactional: writes become visible only at CommitTransaction (0xC7);
/// AbortTransaction, SelectApplication and leaving the field (powerOff) discard them.
/// Not thread-safe: the owner serialises calls.
class DesfireEmulator
{
public:
    /// ATQA as a PN532 reports it in InListPassiveTarget (ISO 14443-3 SENS_RES).
    static constexpr std::array<uint8_t, 2> kAtqa{0x03, 0x44};
    /// SAK: ISO 14443-4 compliant (bit 6 of 0x20).
    static constexpr uint8_t kSak = 0x20;
    /// ATS including its length byte (ISO 14443-4 section 5.2): TL T0 TA TB TC, historical 0x80.
    static constexpr std::array<uint8_t, 6> kAts{0x06, 0x75, 0x77, 0x81, 0x02, 0x80};

    /// Status codes (DESFire EV1 datasheet, "Status and error codes").
    enum Status : uint8_t {
        OperationOk = 0x00,
        NoChanges = 0x0C,
        OutOfEeprom = 0x0E,
        IllegalCommand = 0x1C,
        IntegrityError = 0x1E,
        NoSuchKey = 0x40,
        LengthError = 0x7E,
        PermissionDenied = 0x9D,
        ParameterError = 0x9E,
        ApplicationNotFound = 0xA0,
        AuthenticationError = 0xAE,
        AdditionalFrame = 0xAF,
        BoundaryError = 0xBE,
        CommandAborted = 0xCA,
        DuplicateError = 0xDE,
        FileNotFound = 0xF0,
    };

    /// A card with @p image as its non-volatile content, just entered the field (nothing selected).
    explicit DesfireEmulator(DesfireImage image);

    /// Processes one command APDU from the reader and returns the answer (never empty).
    Bytes transceive(ByteView apdu);

    /// The card leaves the field: session, selection and uncommitted backup-file writes are lost.
    void powerOff();

    /// The committed non-volatile content (uncommitted backup writes are not in it).
    const DesfireImage &image() const noexcept { return m_image; }
    /// Direct access for fixtures and attack tests (clone, rollback); resets the volatile state.
    DesfireImage &mutableImage() noexcept;
    /// Incremented whenever the non-volatile content changes (to persist images lazily).
    uint64_t generation() const noexcept { return m_generation; }
    /// The real UID (7 bytes; GetCardUID answers it).
    const std::array<uint8_t, 7> &uid() const noexcept { return m_image.uid; }
    /// The UID anticollision shows: the real one, or in random-ID mode the random UID of this
    /// stay in the field as 08 r1 r2 r3 00 00 00 (isRandomUid).
    CardUid anticollisionUid() const noexcept;
    /// The card enters the field (power-up): powerOff() plus, in random-ID mode, a new random UID.
    void enterField();
    /// ATQA for the current anticollision UID (single-size 03 04 in random-ID mode, else kAtqa).
    std::array<uint8_t, 2> atqa() const noexcept;

private:
    struct Reply
    {
        uint8_t status = OperationOk;
        Bytes data;
    };

    Reply dispatch(ByteView cmd);
    Reply error(uint8_t status);
    Reply ok(Bytes data = {}, bool withCmac = true);
    Reply frames(std::deque<Bytes> frames, bool withCmac);
    Reply enciphered(const Bytes &plain);
    void commandMac(ByteView cmd);
    bool authenticated() const noexcept { return m_authKey >= 0; }
    void dropAuth() noexcept;
    DesfireApplication *selectedApp();
    bool isMasterAuthenticated() const noexcept { return m_authKey == 0; }

    Reply authenticate(ByteView cmd, DesfireAuthScheme scheme);
    Reply authenticateStep2(ByteView cmd);
    Reply changeKey(ByteView cmd);
    Reply changeKeySettings(ByteView cmd);
    Reply getVersion();
    Reply getCardUid();
    Reply formatPicc();
    Reply createApplication(ByteView cmd);
    Reply deleteApplication(ByteView cmd);
    Reply selectApplication(ByteView cmd);
    Reply getApplicationIds();
    Reply getKeySettings();
    Reply getKeyVersion(ByteView cmd);
    Reply createFile(ByteView cmd);
    Reply deleteFile(ByteView cmd);
    Reply getFileIds();
    Reply getFileSettings(ByteView cmd);
    Reply readData(ByteView cmd);
    Reply writeData(ByteView cmd);
    Reply finishWrite();
    Reply commitTransaction(bool commit);
    Reply freeMemory();
    Reply continuation(ByteView cmd);

    enum class Access { Denied, Free, Keyed };
    Access fileAccess(const DesfireFile &file, bool write) const;
    struct OpenFile
    {
        DesfireFile *file = nullptr; // null unless status is OperationOk
        Access access = Access::Denied;
        uint8_t status = OperationOk;
    };
    /// File @p fileNo of the selected application, checked for read or @p write access.
    OpenFile openFile(uint8_t fileNo, bool write);
    size_t usedMemory() const;
    void touch() noexcept { ++m_generation; }

    DesfireImage m_image;
    uint64_t m_generation = 0;
    std::array<uint8_t, 3> m_randomUid{}; // r1 r2 r3 of the random UID of this stay in the field

    // Volatile state (lost on powerOff).
    uint32_t m_aid = 0;
    int m_authKey = -1;
    DesfireSession m_sm;

    enum class Pending { None, Auth, ResponseFrames, WriteFrames };
    Pending m_pending = Pending::None;
    std::deque<Bytes> m_frames;          // response frames still to send
    int m_authCandidate = -1;            // key number in an authentication
    DesfireAuthScheme m_authScheme = DesfireAuthScheme::Aes;
    DesfireKey m_authKeyValue;
    std::array<uint8_t, 16> m_rndB{};
    size_t m_rndLength = 16;             // 8 for DES/2K3DES, 16 for 3K3DES/AES
    std::array<uint8_t, 16> m_authIv{};
    Bytes m_writeBuffer;                 // command bytes of a multi-frame WriteData
    size_t m_writeExpected = 0;

    std::map<std::pair<uint32_t, uint8_t>, Bytes> m_uncommitted; // backup file working copies
};

} // namespace tapledger::nfc
