// `tapledger card keys|issue|read|format` end to end: the CLI runs as a process against an
// emulated PN532 on a pty served by this test (libnfc + libfreefare in the CLI), on factory cards.
#include "cardfixture.h"

#include "nfc/cardlayout.h"
#include "nfc/emulator/ptypn532.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

using namespace tapledger;
using namespace tapledger::nfc;
using tapledger::test::cliPath;
using tapledger::test::ProcessResult;
using tapledger::test::runProcess;

namespace {

class CardCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ::setenv("LIBNFC_AUTO_SCAN", "false", 1);
        ::setenv("LIBNFC_LOG_LEVEL", "0", 1);
        auto p = PtyPn532::start(chip, dir.path() / "pn532");
        ASSERT_TRUE(p.ok()) << p.error().message;
        pty = std::move(*p);
        kioskKey = (dir.path() / "kiosk.pem").string();
        std::ofstream(kioskKey) << fx.kioskKey.toPem();
        keys = (dir.path() / "keys.json").string();
    }

    /// Runs `tapledger card ARGS…` and keeps every output for the key-material scan.
    ProcessResult card(std::vector<std::string> args)
    {
        args.insert(args.begin(), {cliPath(), "card"});
        ProcessResult r = runProcess(args);
        outputs.push_back(r.out + r.err);
        return r;
    }

    std::vector<std::string> reader(const char *cmd)
    {
        return {cmd, "--device", pty->connString(), "--keys", keys, "--timeout-ms", "3000"};
    }

    ProcessResult issue(const MemberRecord &rec)
    {
        auto args = reader("issue");
        for (const auto &a : {std::string("--kiosk-key"), kioskKey, std::string("--member"), rec.memberId.toString(),
                              std::string("--card-id"), rec.cardId.toString()})
            args.push_back(a);
        return card(args);
    }

    std::shared_ptr<DesfireEmulator> factoryCard(uint8_t last)
    {
        auto c = nfc::test::CardFixture::blankCard(last); // DES zero PICC key, as shipped
        chip->presentCard(c);
        return c;
    }

    nfc::test::CardFixture fx;
    tapledger::test::TempDir dir;
    std::shared_ptr<Pn532Emulator> chip = std::make_shared<Pn532Emulator>();
    std::unique_ptr<PtyPn532> pty;
    std::string kioskKey;
    std::string keys;
    std::vector<std::string> outputs;
};

} // namespace

TEST_F(CardCli, KeysIssueReadFormatOnAFactoryCard)
{
    // keys init: 0600, generation 1, nothing secret printed; never replaces a store.
    auto init = card({"keys", "init", "--keys", keys});
    ASSERT_EQ(init.exitCode, 0) << init.err;
    struct stat st{};
    ASSERT_EQ(::stat(keys.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_NE(init.out.find("\"current\": 1"), std::string::npos) << init.out;
    EXPECT_NE(card({"keys", "init", "--keys", keys}).exitCode, 0);

    // Factory card (DES zero PICC key): one command, one tap.
    const MemberRecord rec = fx.record(0x61);
    auto card1 = factoryCard(0x61);
    auto issued = issue(rec);
    ASSERT_EQ(issued.exitCode, 0) << issued.err;
    EXPECT_NE(issued.out.find("\"outcome\":\"issued\""), std::string::npos) << issued.out;
    EXPECT_NE(issued.out.find(rec.cardId.toString()), std::string::npos);
    EXPECT_EQ(card1->image().piccKey.key.type, DesfireKeyType::Aes);

    // A fresh card reads with counter 0, as docs/card-format.md says.
    auto read = card(reader("read"));
    ASSERT_EQ(read.exitCode, 0) << read.err;
    EXPECT_NE(read.out.find("\"counter\": 0"), std::string::npos) << read.out;

    // Issuing over it is refused and changes nothing.
    const std::string before = card1->image().toJson();
    auto again = issue(fx.record(0x62));
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_NE(again.err.find("already issued to member " + rec.memberId.toString()), std::string::npos) << again.err;
    EXPECT_EQ(card1->image().toJson(), before);

    // Formatting is explicit.
    auto unconfirmed = card(reader("format"));
    EXPECT_EQ(unconfirmed.exitCode, 2);
    EXPECT_NE(unconfirmed.err.find("--yes"), std::string::npos) << unconfirmed.err;
    EXPECT_EQ(card1->image().toJson(), before);
    auto args = reader("format");
    args.push_back("--yes");
    auto formatted = card(args);
    EXPECT_EQ(formatted.exitCode, 0) << formatted.err;
    EXPECT_TRUE(card1->image().applications.empty());
    EXPECT_NE(card(reader("read")).exitCode, 0); // no application: not recognised

    // A half-issued card (no committed state) fails `card read` even without --trust.
    ASSERT_EQ(issue(rec).exitCode, 0);
    auto &state = card1->mutableImage().applications.at(CardLayout::kAid).files.at(CardLayout::kStateFile).data;
    std::fill(state.begin(), state.end(), 0);
    auto half = card(reader("read"));
    EXPECT_EQ(half.exitCode, 1);
    EXPECT_NE(half.err.find("no card state"), std::string::npos) << half.err;

    // keys rotate adds generation 2 as current; show-public lists both, with check values only.
    auto rotated = card({"keys", "rotate", "--keys", keys});
    ASSERT_EQ(rotated.exitCode, 0) << rotated.err;
    EXPECT_NE(rotated.out.find("\"current\": 2"), std::string::npos) << rotated.out;
    auto shown = card({"keys", "show-public", "--keys", keys});
    ASSERT_EQ(shown.exitCode, 0) << shown.err;
    EXPECT_NE(shown.out.find("\"mode\": \"0600\""), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("\"generation\": 2"), std::string::npos) << shown.out;
    ::chmod(keys.c_str(), 0644);
    EXPECT_NE(card({"keys", "show-public", "--keys", keys}).exitCode, 0); // readable by others: refused
    ::chmod(keys.c_str(), 0600);

    // No output carries a master or a card key (hex, either case).
    const CardMasterKeys store = *CardMasterKeys::load(keys);
    std::vector<std::string> secrets;
    for (const uint8_t g : store.generations()) {
        secrets.push_back(toHex(*store.master(g)));
        secrets.push_back(toHex(*store.cardKey(g, card1->uid(), 0, 0)));
        secrets.push_back(toHex(*store.cardKey(g, card1->uid(), CardLayout::kAid, CardLayout::kKeyKiosk)));
    }
    for (const auto &out : outputs)
        for (auto secret : secrets) {
            EXPECT_EQ(out.find(secret.substr(0, 12)), std::string::npos) << out;
            for (auto &ch : secret)
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            EXPECT_EQ(out.find(secret.substr(0, 12)), std::string::npos) << out;
        }
}

TEST_F(CardCli, LostCommitAnswerIsReportedAsUnknownWithTheCardId)
{
    ASSERT_EQ(card({"keys", "init", "--keys", keys}).exitCode, 0);
    factoryCard(0x63);
    ASSERT_EQ(issue(fx.record(0x63)).exitCode, 0);
    const uint64_t total = chip->cardCommands(); // APDUs of one factory issue
    ASSERT_GE(total, 20u);

    const MemberRecord rec = fx.record(0x64);
    auto c = factoryCard(0x64);
    chip->setFault({total, true, 0}); // CommitTransaction runs, its answer is lost
    auto torn = issue(rec);
    EXPECT_EQ(torn.exitCode, 1);
    EXPECT_NE(torn.err.find("outcome unknown"), std::string::npos) << torn.err;
    EXPECT_EQ(torn.err.find("not committed"), std::string::npos) << torn.err;
    EXPECT_NE(torn.out.find("\"outcome\":\"unknown\""), std::string::npos) << torn.out;
    EXPECT_NE(torn.out.find(rec.cardId.toString()), std::string::npos) << torn.out;

    chip->setFault({});
    chip->presentCard(c); // tap again to check: it is issued
    auto read = card(reader("read"));
    EXPECT_EQ(read.exitCode, 0) << read.err;
    EXPECT_NE(read.out.find(rec.cardId.toString()), std::string::npos) << read.out;
}

TEST_F(CardCli, DoctorOpensTheReaderAndSeesTheCard)
{
    factoryCard(0x65);
    auto r = card({"doctor", "--device", pty->connString()});
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("opened: yes"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("firmware: PN532"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("uid " + toHex(nfc::test::CardFixture::uid(0x65)) + " (ISO 14443-4, DESFire)"), std::string::npos)
        << r.out;

    auto missing = card({"doctor", "--device", "pn532_uart:" + (dir.path() / "no-such-tty").string()});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.out.find("problem: no device"), std::string::npos) << missing.out;
    EXPECT_NE(missing.out.find("opened: no"), std::string::npos) << missing.out;
}
