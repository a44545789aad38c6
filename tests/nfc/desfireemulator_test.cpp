// The emulated DESFire EV1 card in-process, driven APDU by APDU (ISO 7816-4 wrapped native
// commands) by a minimal test PCD, independent of libfreefare.
#include "core/crypto/random.h"
#include "nfc/desfirecrypto.h"
#include "nfc/emulator/desfireemulator.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

using namespace tapledger;
using namespace tapledger::nfc;

namespace {

const std::array<uint8_t, 7> kUid{0x04, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06};

Bytes apdu(uint8_t ins, ByteView data = {})
{
    Bytes a{0x90, ins, 0x00, 0x00};
    if (!data.empty()) {
        a.push_back(static_cast<uint8_t>(data.size()));
        a.insert(a.end(), data.begin(), data.end());
    }
    a.push_back(0x00);
    return a;
}

struct Answer
{
    Bytes data;
    uint8_t status = 0xFF;
};

Answer send(DesfireEmulator &card, uint8_t ins, ByteView data = {})
{
    const Bytes r = card.transceive(apdu(ins, data));
    EXPECT_GE(r.size(), 2u);
    EXPECT_EQ(r[r.size() - 2], 0x91);
    return {Bytes(r.begin(), r.end() - 2), r.back()};
}

/// A minimal PCD: AuthenticateAES per the DESFire EV1 datasheet, then CMAC'd plain commands.
struct TestPcd
{
    DesfireEmulator &card;
    Aes128Key session{};
    CmacSubkeys sk{};
    AesBlock iv{};

    bool authenticate(uint8_t keyNo, const Aes128Key &key)
    {
        Answer a = send(card, 0xAA, Bytes{keyNo});
        if (a.status != 0xAF || a.data.size() != 16)
            return false;
        AesBlock chain{};
        std::array<uint8_t, 16> rndB{};
        aes128CbcDecrypt(key, chain, a.data, rndB);
        std::array<uint8_t, 16> rndA{};
        randomBytes(rndA);
        std::array<uint8_t, 32> token{};
        std::copy(rndA.begin(), rndA.end(), token.begin());
        for (size_t i = 0; i < 16; ++i)
            token[16 + i] = rndB[(i + 1) % 16];
        Bytes enc(32);
        aes128CbcEncrypt(key, chain, token, enc);
        a = send(card, 0xAF, enc);
        if (a.status != 0x00 || a.data.size() != 16)
            return false;
        std::array<uint8_t, 16> rotA{};
        aes128CbcDecrypt(key, chain, a.data, rotA);
        for (size_t i = 0; i < 16; ++i)
            if (rotA[i] != rndA[(i + 1) % 16])
                return false;
        // Session key per the datasheet: RndA[0..3] || RndB[0..3] || RndA[12..15] || RndB[12..15].
        for (size_t i = 0; i < 4; ++i) {
            session[i] = rndA[i];
            session[4 + i] = rndB[i];
            session[8 + i] = rndA[12 + i];
            session[12 + i] = rndB[12 + i];
        }
        sk = cmacSubkeys(session);
        iv = {};
        return true;
    }

    /// A plain command with CMAC'd answer; returns the answer data after checking its CMAC.
    std::optional<Bytes> macCommand(const Bytes &cmd)
    {
        cmacChained(session, sk, iv, cmd);
        const Answer a = send(card, cmd[0], ByteView(cmd).subspan(1));
        if (a.status != 0x00 || a.data.size() < 8)
            return std::nullopt;
        Bytes body(a.data.begin(), a.data.end() - 8);
        Bytes macInput = body;
        macInput.push_back(0x00);
        const AesBlock mac = cmacChained(session, sk, iv, macInput);
        if (!std::equal(mac.begin(), mac.begin() + 8, a.data.end() - 8))
            return std::nullopt;
        return body;
    }
};

} // namespace

TEST(DesfireEmulator, AesAuthenticationWithTheRightKeyOnly)
{
    DesfireEmulator card(DesfireImage::blankAes(kUid));
    TestPcd pcd{card};
    ASSERT_EQ(send(card, 0x5A, Bytes{0, 0, 0}).status, 0x00);
    Aes128Key wrong{};
    wrong[0] = 1;
    EXPECT_FALSE(pcd.authenticate(0, wrong));
    EXPECT_TRUE(pcd.authenticate(0, Aes128Key{}));
    // The session works: a CMAC'd GetKeySettings and an enciphered GetCardUID verify.
    auto settings = pcd.macCommand({0x45});
    ASSERT_TRUE(settings.has_value());
    EXPECT_EQ((*settings)[0], 0x0F);
    cmacChained(pcd.session, pcd.sk, pcd.iv, Bytes{0x51});
    const Answer uid = send(card, 0x51);
    ASSERT_EQ(uid.status, 0x00);
    ASSERT_EQ(uid.data.size(), 16u);
    Bytes plain(16);
    aes128CbcDecrypt(pcd.session, pcd.iv, uid.data, plain);
    EXPECT_TRUE(std::equal(kUid.begin(), kUid.end(), plain.begin()));
    Bytes crcInput(kUid.begin(), kUid.end());
    crcInput.push_back(0x00);
    const uint32_t crc = desfireCrc32(crcInput);
    EXPECT_EQ(uint32_t{plain[7]} | uint32_t{plain[8]} << 8 | uint32_t{plain[9]} << 16 | uint32_t{plain[10]} << 24, crc);
    // A tampered command MAC breaks the session: the next answer's CMAC no longer verifies.
    pcd.iv[0] ^= 1;
    EXPECT_FALSE(pcd.macCommand({0x45}).has_value());
}

TEST(DesfireEmulator, UnauthenticatedCommandsThatNeedAKeyAreRefused)
{
    DesfireEmulator card(DesfireImage::blank(kUid));
    EXPECT_EQ(send(card, 0xFC).status, DesfireEmulator::AuthenticationError); // FormatPICC
    EXPECT_EQ(send(card, 0x51).status, DesfireEmulator::AuthenticationError); // GetCardUID
    EXPECT_EQ(send(card, 0xAA, Bytes{5}).status, DesfireEmulator::NoSuchKey);
    EXPECT_EQ(send(card, 0x5A, Bytes{1, 2, 3}).status, DesfireEmulator::ApplicationNotFound);
    EXPECT_EQ(send(card, 0x99).status, DesfireEmulator::IllegalCommand);
}

TEST(DesfireEmulator, BackupFileWritesOnlyBecomeVisibleOnCommit)
{
    DesfireImage image = DesfireImage::blank(kUid);
    DesfireApplication app;
    app.keySettings = 0x0F;
    app.keys.resize(1);
    DesfireFile file;
    file.type = DesfireFile::kBackup;
    file.accessRights = 0xEEEE; // free access: plain communication
    file.data.assign(4, 0x00);
    app.files[1] = file;
    image.applications[0x010203] = app;
    DesfireEmulator card(image);
    const Bytes select{0x03, 0x02, 0x01};
    const Bytes write{0x01, 0, 0, 0, 4, 0, 0, 0xCA, 0xFE, 0xBA, 0xBE};
    const Bytes read{0x01, 0, 0, 0, 4, 0, 0};
    const Bytes zero(4, 0x00);
    const Bytes written{0xCA, 0xFE, 0xBA, 0xBE};

    struct Case
    {
        const char *name;
        std::function<void()> between; // what happens after the write
        bool visible;
    };
    const std::vector<Case> cases = {
        {"commit", [&] { EXPECT_EQ(send(card, 0xC7).status, 0x00); }, true},
        {"abort", [&] { EXPECT_EQ(send(card, 0xA7).status, 0x00); }, false},
        {"card removed", [&] { card.powerOff(); }, false},
        {"other application selected", [&] { send(card, 0x5A, Bytes{0, 0, 0}); }, false},
        {"removed after commit", [&] { send(card, 0xC7); card.powerOff(); }, true},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        card.mutableImage().applications.at(0x010203).files.at(1).data = zero;
        ASSERT_EQ(send(card, 0x5A, select).status, 0x00);
        ASSERT_EQ(send(card, 0x3D, write).status, 0x00);
        EXPECT_EQ(send(card, 0xBD, read).data, zero); // not yet visible
        c.between();
        send(card, 0x5A, select);
        EXPECT_EQ(send(card, 0xBD, read).data, c.visible ? written : zero);
    }
}

TEST(DesfireEmulator, GetVersionAnswersInThreeFrames)
{
    DesfireEmulator card(DesfireImage::blank(kUid));
    const Answer a = send(card, 0x60);
    EXPECT_EQ(a.status, 0xAF);
    EXPECT_EQ(a.data.size(), 7u);
    EXPECT_EQ(a.data[0], 0x04); // NXP
    EXPECT_EQ(send(card, 0xAF).status, 0xAF);
    const Answer last = send(card, 0xAF);
    EXPECT_EQ(last.status, 0x00);
    EXPECT_TRUE(std::equal(kUid.begin(), kUid.end(), last.data.begin()));
}

TEST(DesfireImage, RoundTripsThroughAFile)
{
    DesfireImage image = DesfireImage::blankRandom();
    DesfireApplication app;
    app.keys.resize(3);
    Aes128Key k{};
    k.fill(0x42);
    app.keys[2].key = DesfireKey::aes(k, 7);
    DesfireFile f;
    f.type = DesfireFile::kBackup;
    f.commMode = 3;
    f.accessRights = 0x2110;
    f.data = {1, 2, 3};
    app.files[2] = f;
    image.applications[0xF5544C] = app;
    DesfireApplication des; // DES-family keys: version in the parity bits
    des.keyType = DesfireKeyType::TwoK3Des;
    const Bytes twoKey{0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10};
    des.keys = {DesfireKeySlot{DesfireKey::zero(DesfireKeyType::TwoK3Des)}, DesfireKeySlot{DesfireKey::of(DesfireKeyType::TwoK3Des, twoKey)}};
    image.applications[0x000001] = des;
    DesfireApplication k3;
    k3.keyType = DesfireKeyType::ThreeK3Des;
    k3.keys = {DesfireKeySlot{DesfireKey::zero(DesfireKeyType::ThreeK3Des)}};
    image.applications[0x000002] = k3;
    EXPECT_EQ(image.piccKey.key, DesfireKey::zero(DesfireKeyType::TwoK3Des)); // factory DES zero key
    image.randomUid = true;
    tapledger::test::TempDir dir;
    const auto path = dir.path() / "card.json";
    ASSERT_TRUE(image.save(path).ok());
    auto loaded = DesfireImage::load(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(*loaded, image);
    EXPECT_EQ(DesfireImage::fromJson("{\"format\":\"other\"}").error().code, ErrorCode::Corrupt);
    EXPECT_EQ(DesfireImage::load(dir.path() / "missing.json").error().code, ErrorCode::NotFound);
}
