// Table-driven: every card image under tests/data/cards/{valid,invalid}/ is presented to the
// production backend (libnfc + libfreefare over the emulated PN532); the file name says the verdict:
// valid/* → accepted; invalid/<reason>-*.json → refused with that CardAlertReason, or
// invalid/not_recognised-* → the card does not authenticate / has no TapLedger application.
#include "cardfixture.h"

#include "nfc/cardstatetoken.h"
#include "nfc/cardstateverifier.h"
#include "nfc/emulator/ptypn532.h"
#include "nfc/nfccardreader.h"
#include "nfc/tapledgercard.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

using namespace tapledger;
using namespace tapledger::nfc;
using namespace std::chrono_literals;

namespace {

std::vector<std::filesystem::path> images(const char *dir)
{
    std::vector<std::filesystem::path> out;
    for (const auto &e : std::filesystem::directory_iterator(tapledger::test::dataPath(std::string("cards/") + dir)))
        if (e.path().extension() == ".json")
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

struct Presented
{
    Result<CardContents> contents = fail(ErrorCode::Io, "not read");
    CardUid uid{};
};

Presented present(const std::filesystem::path &file, const CardMasterKeys &keys)
{
    ::setenv("LIBNFC_AUTO_SCAN", "false", 1);
    Presented p;
    auto image = DesfireImage::load(file);
    EXPECT_TRUE(image.ok()) << file;
    if (!image)
        return p;
    auto chip = std::make_shared<Pn532Emulator>();
    auto card = std::make_shared<DesfireEmulator>(*image);
    chip->presentCard(card);
    tapledger::test::TempDir dir;
    auto pty = PtyPn532::start(chip, dir.path() / "pn532");
    EXPECT_TRUE(pty.ok());
    NfcCardReader reader((*pty)->connString());
    auto uid = reader.waitForCard(2s);
    EXPECT_TRUE(uid.ok());
    if (!uid)
        return p;
    p.uid = *uid;
    auto r = reader.runSession([&](DesfireCard &c) -> Result<void> {
        p.contents = TapLedgerCard(c, keys).read();
        return {};
    });
    EXPECT_TRUE(r.ok());
    return p;
}

} // namespace

TEST(CardFixtures, ValidCardsAreAccepted)
{
    nfc::test::CardFixture fx;
    const CardStateVerifier verifier({fx.kioskKey.publicKey()});
    const auto files = images("valid");
    ASSERT_GE(files.size(), 2u);
    for (const auto &f : files) {
        SCOPED_TRACE(f.filename().string());
        Presented p = present(f, fx.masters);
        ASSERT_TRUE(p.contents.ok()) << p.contents.error().message;
        const CardVerdict v = verifier.check(p.contents->stateBytes, p.uid, p.contents->record, std::nullopt);
        EXPECT_TRUE(v.accepted()) << (v.alert ? v.alert->detail : "");
    }
}

TEST(CardFixtures, InvalidCardsAreRefusedForTheNamedReason)
{
    nfc::test::CardFixture fx;
    const CardStateVerifier verifier({fx.kioskKey.publicKey()});
    const auto files = images("invalid");
    ASSERT_GE(files.size(), 5u);
    for (const auto &f : files) {
        const std::string name = f.filename().string();
        const std::string reason = name.substr(0, name.find('-'));
        SCOPED_TRACE(name);
        Presented p = present(f, fx.masters);
        if (reason == "not_recognised") {
            ASSERT_FALSE(p.contents.ok());
            EXPECT_TRUE(p.contents.error().code == ErrorCode::Denied || p.contents.error().code == ErrorCode::NotFound)
                << p.contents.error().message;
            continue;
        }
        ASSERT_TRUE(p.contents.ok()) << p.contents.error().message;
        const CardVerdict v = verifier.check(p.contents->stateBytes, p.uid, p.contents->record, std::nullopt);
        ASSERT_FALSE(v.accepted());
        EXPECT_EQ(cardAlertReasonName(v.alert->reason), reason);
        const LedgerEntry draft = v.alert->toLedgerDraft(1);
        EXPECT_EQ(draft.kind, EntryKind::CardAlert);
        EXPECT_EQ(draft.card, p.contents->record.cardId);
        EXPECT_NE(draft.extra.find("\"reason\":\"" + reason + "\""), std::string::npos);
    }
}

// Token bytes that decode only when the decoder tolerates a non-canonical encoding (found by the
// cardstatetoken fuzz target): each file in tests/data/card-state-token/invalid/ must be Corrupt.
TEST(CardFixtures, NonCanonicalTokensAreCorrupt)
{
    size_t seen = 0;
    for (const auto &f : std::filesystem::directory_iterator(std::filesystem::path(TAPLEDGER_TEST_DATA_DIR) /
                                                             "card-state-token" / "invalid")) {
        std::ifstream in(f.path(), std::ios::binary);
        const Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto r = tapledger::nfc::CardStateToken::decode(bytes);
        ASSERT_FALSE(r.ok()) << f.path().filename();
        EXPECT_EQ(r.error().code, ErrorCode::Corrupt) << f.path().filename();
        ++seen;
    }
    EXPECT_GE(seen, 1u);
}
