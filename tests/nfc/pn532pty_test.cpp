#include "nfc/emulator/desfireemulator.h"
#include "nfc/emulator/ptypn532.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace tapledger;
using namespace tapledger::nfc;

namespace {

std::shared_ptr<DesfireEmulator> blankCard()
{
    return std::make_shared<DesfireEmulator>(DesfireImage::blank({0x04, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66}));
}

test::ProcessResult nfcList(const PtyPn532 &pty)
{
    ::setenv("LIBNFC_AUTO_SCAN", "false", 1);
    ::setenv("LIBNFC_DEVICE", pty.connString().c_str(), 1);
    ::setenv("LIBNFC_LOG_LEVEL", "0", 1);
    return test::runProcess({"nfc-list", "-v"});
}

} // namespace

TEST(Pn532Pty, NfcListSeesTheEmulatedDesfire)
{
    auto chip = std::make_shared<Pn532Emulator>();
    chip->presentCard(blankCard());
    test::TempDir dir;
    auto pty = PtyPn532::start(chip, dir.path() / "pn532");
    ASSERT_TRUE(pty.ok()) << pty.error().message;
    const auto r = nfcList(**pty);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("1 ISO14443A passive target(s) found"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("04  11  22  33  44  55  66"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("MIFARE DESFire"), std::string::npos) << r.out;
}

TEST(Pn532Pty, NfcListWithEmptyFieldFindsNothing)
{
    auto chip = std::make_shared<Pn532Emulator>();
    test::TempDir dir;
    auto pty = PtyPn532::start(chip, dir.path() / "pn532");
    ASSERT_TRUE(pty.ok()) << pty.error().message;
    const auto r = nfcList(**pty);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("NFC device"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("0 ISO14443A passive target(s) found."), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("UID (NFCID1)"), std::string::npos) << r.out;
}
