// The PKCS#11 card key store against SoftHSM2 in a private token directory (SOFTHSM2_CONF, no
// root): AN10922 inside the token equals the file store's, the masters are non-extractable, and
// factory cards issue and read with it on both reader paths.
#include "readerharness.h"

#include "nfc/cardlayout.h"
#include "nfc/pkcs11cardkeystore.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include <sys/stat.h>

using namespace tapledger;
using namespace tapledger::nfc;
using nfc::test::ReaderHarness;
using nfc::test::ReaderPath;

namespace {

constexpr const char *kModule = "/usr/lib/softhsm/libsofthsm2.so";
constexpr const char *kPin = "87654321";

/// A fresh SoftHSM2 token "tapledger-test" in a temporary directory.
class SoftHsmToken
{
public:
    SoftHsmToken()
    {
        std::filesystem::create_directories(dir.path() / "tokens");
        const auto conf = dir.path() / "softhsm2.conf";
        std::ofstream(conf) << "directories.tokendir = " << (dir.path() / "tokens").string()
                            << "\nobjectstore.backend = file\nlog.level = ERROR\n";
        ::setenv("SOFTHSM2_CONF", conf.c_str(), 1);
        init = tapledger::test::runProcess({"softhsm2-util", "--init-token", "--free", "--label", "tapledger-test",
                                            "--so-pin", "12345678", "--pin", kPin});
    }
    Result<std::unique_ptr<Pkcs11CardKeyStore>> open(const std::string &pin = kPin) const
    {
        return Pkcs11CardKeyStore::open({kModule, "tapledger-test", pin});
    }

    tapledger::test::TempDir dir;
    tapledger::test::ProcessResult init;
};

Aes128Key knownMaster()
{
    Aes128Key m{};
    m.fill(0x5A); // = CardFixture's generation 1
    return m;
}

} // namespace

TEST(Pkcs11KeyStore, DiversifiesInsideTheTokenAndNeverRevealsAMaster)
{
    SoftHsmToken token;
    ASSERT_EQ(token.init.exitCode, 0) << token.init.out << token.init.err;
    auto store = token.open();
    ASSERT_TRUE(store.ok()) << store.error().message;
    EXPECT_EQ((*store)->current(), 0);
    ASSERT_TRUE((*store)->addMaster(1, knownMaster()).ok()); // moved in from the file store
    ASSERT_TRUE((*store)->addMaster(2, std::nullopt).ok());   // generated inside the token
    EXPECT_EQ((*store)->current(), 2);
    EXPECT_EQ((*store)->addMaster(2, std::nullopt).error().code, ErrorCode::AlreadyExists);

    const CardUid uid{0x04, 0x52, 0x7A, 0x1B, 0x22, 0x80, 0x11};
    for (const uint32_t aid : {uint32_t{0}, CardLayout::kAid})
        for (const uint8_t keyNo : {uint8_t{0}, uint8_t{1}, uint8_t{2}}) {
            auto k = (*store)->cardKey(1, uid, aid, keyNo);
            ASSERT_TRUE(k.ok()) << k.error().message;
            EXPECT_EQ(*k, CardLayout::cardKey(knownMaster(), uid, aid, keyNo));
        }
    EXPECT_EQ((*store)->cardKey(3, uid, 0, 0).error().code, ErrorCode::NotFound);
    for (const uint8_t g : {uint8_t{1}, uint8_t{2}}) {
        auto refused = (*store)->checkNotExtractable(g);
        EXPECT_TRUE(refused.ok()) << refused.error().message;
    }

    // A second process view (reopened): the generations persist in the token.
    store->reset();
    auto again = token.open();
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ((*again)->current(), 2);
    EXPECT_EQ(*(*again)->cardKey(1, uid, 0, 0), CardLayout::cardKey(knownMaster(), uid, 0, 0));
}

TEST(Pkcs11KeyStore, BadModuleTokenOrPinIsAClearErrorWithoutThePin)
{
    SoftHsmToken token;
    ASSERT_EQ(token.init.exitCode, 0) << token.init.err;
    const auto wrongPin = token.open("11112222");
    ASSERT_FALSE(wrongPin.ok());
    EXPECT_EQ(wrongPin.error().code, ErrorCode::Denied);
    EXPECT_EQ(wrongPin.error().message.find("11112222"), std::string::npos);
    EXPECT_EQ(wrongPin.error().message.find(kPin), std::string::npos);
    EXPECT_EQ(Pkcs11CardKeyStore::open({kModule, "no-such-token", kPin}).error().code, ErrorCode::NotFound);
    EXPECT_EQ(Pkcs11CardKeyStore::open({"/nonexistent/libp11.so", "tapledger-test", kPin}).error().code,
              ErrorCode::NotFound);
}

class Pkcs11Paths : public ::testing::TestWithParam<ReaderPath>
{
};

TEST_P(Pkcs11Paths, FactoryCardIssuesAndReadsWithTheTokenStore)
{
    SoftHsmToken token;
    ASSERT_EQ(token.init.exitCode, 0) << token.init.err;
    auto store = token.open();
    ASSERT_TRUE(store.ok()) << store.error().message;
    ASSERT_TRUE((*store)->addMaster(1, std::nullopt).ok());
    nfc::test::CardFixture fx;
    auto h = ReaderHarness::make(GetParam());
    auto card = fx.blankCard(0x91);
    const MemberRecord rec = fx.record(0x91);
    h->present(card);
    auto issued = h->withCard(**store, [&](TapLedgerCard &app) { return app.personalise(rec, fx.token(card->uid(), rec, 1, 50)); });
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    h->present(card);
    auto contents = h->read(**store);
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    EXPECT_EQ(contents->record, rec);
    EXPECT_EQ(contents->keyVersion, 1);
    // The card's keys are the token's diversified keys, not the file store's.
    h->present(card);
    EXPECT_FALSE(h->read(fx.masters).ok());
}

INSTANTIATE_TEST_SUITE_P(Paths, Pkcs11Paths, nfc::test::bothPaths(), nfc::test::pathName);

TEST(Pkcs11KeyStore, KioskTokenSettingIsParsedAndThePinComesFromA0600File)
{
    tapledger::test::TempDir dir;
    const auto pinFile = dir.path() / "token.pin";
    std::ofstream(pinFile) << kPin << "\n";
    ::chmod(pinFile.c_str(), 0600);
    const std::string uri = "pkcs11:token=tapledger;module=" + std::string(kModule) + ";pin-file=" + pinFile.string();
    auto c = Pkcs11CardKeyStore::configFromUri(uri);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->module, kModule);
    EXPECT_EQ(c->tokenLabel, "tapledger");
    EXPECT_EQ(c->pin, kPin);
    for (const std::string bad : {"pkcs11:", "file:/x", "pkcs11:module=/m;token=t", "pkcs11:module=/m;token=t;pin-file=",
                                  "pkcs11:module=/m;module=/n;token=t;pin-file=/p", "pkcs11:colour=red;module=/m;token=t;pin-file=/p"})
        EXPECT_EQ(Pkcs11CardKeyStore::configFromUri(bad).error().code, ErrorCode::InvalidArgument) << bad;
    ::chmod(pinFile.c_str(), 0640);
    const auto readable = Pkcs11CardKeyStore::configFromUri(uri);
    ASSERT_FALSE(readable.ok());
    EXPECT_EQ(readable.error().code, ErrorCode::Denied);
    EXPECT_EQ(readable.error().message.find(kPin), std::string::npos);
}
