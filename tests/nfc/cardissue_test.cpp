// Issuing cards as they come from the factory, on both reader paths (libnfc + libfreefare over
// the emulated PN532 on a pty, and the in-process client): every factory PICC key type, refusal
// of issued cards (card byte-identical), tearing at every command of a factory issue, and the
// emulated card's DES / 3K3DES / AES behaviour as libfreefare drives it.
#include "readerharness.h"

#include "nfc/cardlayout.h"
#include "nfc/cardstateverifier.h"
#include "nfc/cardterminal.h"
#include "nfc/inmemorycardcounterstore.h"

#include <gtest/gtest.h>

using namespace tapledger;
using namespace tapledger::nfc;
using nfc::test::ReaderHarness;
using nfc::test::ReaderPath;

namespace {

class CardIssuePaths : public ::testing::TestWithParam<ReaderPath>
{
protected:
    void SetUp() override { h = ReaderHarness::make(GetParam()); }

    std::shared_ptr<DesfireEmulator> factoryCard(uint8_t last, DesfireKeyType piccType)
    {
        DesfireImage image = DesfireImage::blank(nfc::test::CardFixture::uid(last));
        image.piccKey.key = DesfireKey::zero(piccType);
        return std::make_shared<DesfireEmulator>(image);
    }

    /// Issues the card in the field for @p rec (counter-1 state).
    Result<StateWriteOutcome> issue(const std::shared_ptr<DesfireEmulator> &card, const MemberRecord &rec)
    {
        Result<StateWriteOutcome> out = fail(ErrorCode::Io, "not run");
        auto r = h->withCard(fx.masters, [&](TapLedgerCard &app) -> Result<void> {
            out = app.issue(rec, fx.token(card->uid(), rec, 1, 0));
            return {};
        });
        if (!r)
            return std::move(r).error();
        return out;
    }

    bool readsAsIssued(const std::shared_ptr<DesfireEmulator> &card, const MemberRecord &rec)
    {
        h->present(card);
        auto contents = h->read(fx.masters);
        if (!contents)
            return false;
        const CardVerdict v = CardStateVerifier({fx.kioskKey.publicKey()}).check(contents->stateBytes, card->uid(), rec, std::nullopt);
        return v.accepted() && contents->record == rec;
    }

    nfc::test::CardFixture fx;
    std::unique_ptr<ReaderHarness> h;
};

} // namespace

TEST_P(CardIssuePaths, FactoryCardsOfEveryPiccKeyTypeIssueInOneCall)
{
    const struct
    {
        const char *name;
        DesfireKeyType type;
    } cases[] = {
        {"DES zero (NXP factory default, legacy authentication)", DesfireKeyType::TwoK3Des},
        {"AES zero", DesfireKeyType::Aes},
        {"3K3DES zero (ISO authentication)", DesfireKeyType::ThreeK3Des},
    };
    uint8_t tag = 0xA0;
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        auto card = factoryCard(++tag, c.type);
        const MemberRecord rec = fx.record(tag);
        h->present(card);
        auto r = issue(card, rec);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->kind, StateWriteOutcome::Kind::Committed) << r->detail;
        EXPECT_TRUE(readsAsIssued(card, rec));
        EXPECT_EQ(card->image().piccKey.key,
                  DesfireKey::aes(CardLayout::cardKey(*fx.masters.master(1), card->uid(), 0, 0), 1));
    }
}

TEST_P(CardIssuePaths, IssueOverAnIssuedCardIsRefusedAndTheCardIsByteIdentical)
{
    auto card = factoryCard(0xB1, DesfireKeyType::TwoK3Des);
    const MemberRecord rec = fx.record(0xB1);
    h->present(card);
    ASSERT_TRUE(issue(card, rec).ok());
    const std::string before = card->image().toJson();

    h->present(card);
    auto again = issue(card, fx.record(0xB2));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
    EXPECT_NE(again.error().message.find("already issued to member " + rec.memberId.toString()), std::string::npos)
        << again.error().message;
    EXPECT_NE(again.error().message.find("card format --yes"), std::string::npos);
    EXPECT_EQ(card->image().toJson(), before);
    EXPECT_TRUE(readsAsIssued(card, rec));

    // A card holding another application is refused too, unchanged.
    auto other = factoryCard(0xB3, DesfireKeyType::TwoK3Des);
    DesfireApplication transit;
    transit.keyType = DesfireKeyType::TwoK3Des;
    transit.keys.assign(1, DesfireKeySlot{DesfireKey::zero(DesfireKeyType::TwoK3Des)});
    other->mutableImage().applications[0x112233] = transit;
    const std::string otherBefore = other->image().toJson();
    h->present(other);
    auto refused = issue(other, fx.record(0xB3));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Conflict);
    EXPECT_EQ(other->image().toJson(), otherBefore);

    // Formatting is its own step; then the card issues again.
    h->present(card);
    ASSERT_TRUE(h->withCard(fx.masters, [](TapLedgerCard &app) { return app.format(); }).ok());
    h->present(card);
    auto reissued = issue(card, fx.record(0xB4));
    ASSERT_TRUE(reissued.ok()) << reissued.error().message;
    EXPECT_TRUE(readsAsIssued(card, fx.record(0xB4)));
}

TEST_P(CardIssuePaths, TearingAtEveryCommandOfAFactoryIssueLeavesACardThatIssuesAgain)
{
    const MemberRecord rec = fx.record(0xC1);
    const DesfireImage factory = factoryCard(0xC1, DesfireKeyType::TwoK3Des)->image();
    {
        auto clean = std::make_shared<DesfireEmulator>(factory);
        h->present(clean);
        ASSERT_TRUE(issue(clean, rec).ok());
    }
    const uint64_t total = h->cardCommands();
    ASSERT_GE(total, 20u);

    int unknown = 0;
    int notIssued = 0;
    for (uint64_t n = 1; n <= total; ++n) {
        for (const bool loseAnswer : {false, true}) {
            SCOPED_TRACE("card removed after command " + std::to_string(n) + (loseAnswer ? " (answer lost)" : ""));
            auto card = std::make_shared<DesfireEmulator>(factory);
            h->present(card);
            h->setFault({n, loseAnswer, 0});
            auto first = issue(card, rec);
            const bool done = n == total && !loseAnswer;
            EXPECT_EQ(first.ok() && first->kind == StateWriteOutcome::Kind::Committed, done);
            if (first.ok() && first->kind == StateWriteOutcome::Kind::Unknown)
                ++unknown;
            h->setFault({});
            if (readsAsIssued(card, rec)) {
                // Torn only after the commit ran: the card is issued; issuing again is refused.
                EXPECT_TRUE(done || n >= total - 1) << "issued although torn early";
                continue;
            }
            ++notIssued;
            h->present(card);
            auto second = issue(card, rec);
            ASSERT_TRUE(second.ok()) << second.error().message;
            EXPECT_EQ(second->kind, StateWriteOutcome::Kind::Committed);
            EXPECT_TRUE(readsAsIssued(card, rec));
        }
    }
    EXPECT_GE(unknown, 1);                                     // the commit ran, its answer was lost
    EXPECT_GE(notIssued, static_cast<int>(2 * (total - 1)));   // every earlier tear
}

TEST_P(CardIssuePaths, EmulatedCardSpeaksEveryKeyTypeAsLibfreefareDoes)
{
    auto card = factoryCard(0xD1, DesfireKeyType::TwoK3Des);
    h->present(card);
    const DesfireKey desZero = DesfireKey::zero(DesfireKeyType::Des);
    const Bytes k2{0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10};
    Bytes k3(24);
    for (size_t i = 0; i < k3.size(); ++i)
        k3[i] = static_cast<uint8_t>(0x11 * (i % 15 + 1));
    const DesfireKey twoKey = DesfireKey::of(DesfireKeyType::TwoK3Des, k2);
    const DesfireKey threeKey = DesfireKey::of(DesfireKeyType::ThreeK3Des, k3);
    const Bytes data{'h', 'e', 'l', 'l', 'o', ' ', 'D', 'E', 'S', 0x00, 0xFF};

    auto uid = h->reader().waitForCard(std::chrono::seconds(2));
    ASSERT_TRUE(uid.ok());
    auto r = h->reader().runSession([&](DesfireCard &c) -> Result<void> {
        TL_TRY(c.selectApplication(0));
        // Legacy and ISO authentication with the factory DES key; GetCardUID in both.
        for (const auto scheme : {DesfireAuthScheme::Legacy, DesfireAuthScheme::Iso}) {
            TL_TRY(c.authenticate(0, desZero, scheme));
            auto real = c.cardUid();
            if (!real)
                return std::move(real).error();
            EXPECT_EQ(*real, card->uid());
        }
        EXPECT_FALSE(c.authenticateAes(0, Aes128Key{}).ok()); // an AES command on a DES key
        TL_TRY(c.authenticate(0, desZero, DesfireAuthScheme::Legacy));
        TL_TRY(c.changeKeySettings(0x0F));
        // A DES-family application and a 3K3DES one, keys changed under legacy and ISO sessions.
        TL_TRY(c.createApplication(0x000001, 0x0F, 2, DesfireKeyType::TwoK3Des));
        TL_TRY(c.createApplication(0x000002, 0x0F, 1, DesfireKeyType::ThreeK3Des));
        TL_TRY(c.selectApplication(0x000001));
        TL_TRY(c.authenticate(0, desZero, DesfireAuthScheme::Legacy));
        TL_TRY(c.changeKey(1, twoKey, desZero));
        TL_TRY(c.createDataFile(1, false, CommMode::Enciphered, 0x1110, 32));
        TL_TRY(c.createDataFile(2, false, CommMode::Maced, 0x1110, 32));
        for (const auto scheme : {DesfireAuthScheme::Legacy, DesfireAuthScheme::Iso}) {
            TL_TRY(c.authenticate(1, twoKey, scheme));
            for (const uint8_t file : {uint8_t{1}, uint8_t{2}}) {
                const CommMode mode = file == 1 ? CommMode::Enciphered : CommMode::Maced;
                TL_TRY(c.writeData(file, 0, data, mode));
                auto back = c.readData(file, 0, static_cast<uint32_t>(data.size()), mode);
                if (!back)
                    return std::move(back).error();
                EXPECT_EQ(*back, data);
            }
        }
        TL_TRY(c.authenticate(0, desZero, DesfireAuthScheme::Iso));
        TL_TRY(c.changeKey(0, twoKey, desZero)); // the authenticated key itself: session ends
        TL_TRY(c.authenticate(0, twoKey, DesfireAuthScheme::Iso));
        TL_TRY(c.selectApplication(0x000002));
        TL_TRY(c.authenticate(0, DesfireKey::zero(DesfireKeyType::ThreeK3Des), DesfireAuthScheme::Iso));
        TL_TRY(c.changeKey(0, threeKey, DesfireKey::zero(DesfireKeyType::ThreeK3Des)));
        TL_TRY(c.authenticate(0, threeKey, DesfireAuthScheme::Iso));
        auto v = c.keyVersion(0);
        if (!v)
            return std::move(v).error();
        EXPECT_EQ(*v, threeKey.version());
        // PICC master key: DES → AES and back to DES.
        TL_TRY(c.selectApplication(0));
        TL_TRY(c.authenticate(0, desZero, DesfireAuthScheme::Legacy));
        Aes128Key aes{};
        aes.fill(0x3C);
        TL_TRY(c.changeKey(0, DesfireKey::aes(aes, 9), desZero));
        TL_TRY(c.authenticateAes(0, aes));
        auto pv = c.keyVersion(0);
        if (!pv)
            return std::move(pv).error();
        EXPECT_EQ(*pv, 9);
        TL_TRY(c.changeKey(0, desZero, DesfireKey::aes(aes, 9)));
        return c.authenticate(0, desZero, DesfireAuthScheme::Legacy);
    });
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(card->image().applications.at(0x000001).keys[1].key, twoKey);
    EXPECT_EQ(card->image().piccKey.key.type, DesfireKeyType::TwoK3Des);
}

TEST_P(CardIssuePaths, RandomIdCardsIssueAndTapWithTheirRealUid)
{
    DesfireImage image = DesfireImage::blank(nfc::test::CardFixture::uid(0xE1));
    image.randomUid = true;
    auto card = std::make_shared<DesfireEmulator>(image);
    const CardUid real = card->uid();
    InMemoryCardCounterStore counters;
    CardTerminal terminal(h->reader(), fx.masters, CardStateVerifier({fx.kioskKey.publicKey()}), counters, "kiosk-r");

    h->present(card);
    const CardUid firstShown = card->anticollisionUid();
    ASSERT_TRUE(isRandomUid(firstShown));
    auto anticollision = h->reader().waitForCard(std::chrono::seconds(2));
    ASSERT_TRUE(anticollision.ok()) << anticollision.error().message;
    EXPECT_EQ(*anticollision, firstShown); // not refused as "not a DESFire card"
    const MemberRecord rec = fx.record(0xE1);
    auto issued = terminal.issueCard(rec, fx.kioskKey, 1700000000000);
    ASSERT_TRUE(issued.ok()) << issued.error().message;
    EXPECT_EQ(*issued, real);
    // Layout: PICC key from the fixed random-ID UID, application keys from the real UID.
    EXPECT_EQ(card->image().piccKey.key,
              DesfireKey::aes(CardLayout::cardKey(*fx.masters.master(1), CardLayout::kRandomIdPiccUid, 0, 0), 1));
    EXPECT_EQ(card->image().applications.at(CardLayout::kAid).keys[1].key,
              DesfireKey::aes(CardLayout::cardKey(*fx.masters.master(1), real, CardLayout::kAid, 1), 1));

    for (int tapNo = 0; tapNo < 2; ++tapNo) {
        SCOPED_TRACE(tapNo);
        h->present(card); // a new stay in the field: a new random UID
        auto tap = terminal.waitForTap(std::chrono::seconds(60));
        ASSERT_TRUE(tap.ok()) << tap.error().message;
        ASSERT_EQ(tap->kind, TapResult::Kind::Member) << tap->message;
        EXPECT_EQ(tap->uid, real);
        const StateWriteOutcome w = terminal.writeState(rec.memberId, 100 * (tapNo + 1), 0, 0, "EUR", 5, 1700000000001, fx.kioskKey);
        EXPECT_EQ(w.kind, StateWriteOutcome::Kind::Committed) << w.detail;
    }
    h->present(card);
    auto contents = h->read(fx.masters);
    ASSERT_TRUE(contents.ok()) << contents.error().message;
    const CardVerdict v = CardStateVerifier({fx.kioskKey.publicKey()}).check(contents->stateBytes, real, rec, 1u);
    ASSERT_TRUE(v.accepted()) << v.alert->detail;
    EXPECT_EQ(v.token->deposit, 200);
    EXPECT_EQ(v.token->counter, 2u);
    EXPECT_EQ(v.token->uid, real);

    // Issuing it again is refused, as for any issued card.
    h->present(card);
    auto again = terminal.issueCard(fx.record(0xE2), fx.kioskKey, 1700000000002);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::Conflict) << again.error().message;
}

INSTANTIATE_TEST_SUITE_P(Paths, CardIssuePaths, nfc::test::bothPaths(), nfc::test::pathName);
