// A card carried from another fleet kiosk (docs/sync-protocol.md, "The card's token in the
// view"): the tap hands the token to the engine on the GUI thread, the member's view becomes the
// token's before anything is shown or spent, and this kiosk's next write continues the counter.
#include "core/crypto/ed25519secretkey.h"
#include "kiosk/guestflows.h"
#include "kiosk/kiosktestsupport.h"
#include "nfc/cardlayout.h"
#include "nfc/cardstatetoken.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace tapledger;
using namespace tapledger::kiosk;
using namespace tapledger::test;
using namespace Qt::StringLiterals;

namespace {

class FleetToken : public GuestFlows
{
protected:
    /// HQ publishes kiosk-a's key with @p keyStatus; the card service trusts the active ones.
    void publishKioskA(uint64_t seq, const std::string &keyStatus)
    {
        HqFeedItem i;
        i.seq = seq;
        i.type = "kiosk_key";
        i.body = nlohmann::json{{"kiosk_id", "kiosk-a"}, {"public_key", toHex(kioskA.publicKey())}, {"status", keyStatus}}
                     .dump();
        i.signature.fill(0xab);
        ASSERT_TRUE(engine().applyHqFeed(std::vector{i}, seq).ok());
        std::vector<Ed25519PublicKey> trusted{engine().deviceKey().publicKey()};
        if (keyStatus == "active")
            trusted.push_back(kioskA.publicKey());
        cards->setTrustedSigners(std::move(trusted));
        // The card worker takes the new signers between two polls of the reader (100 ms each)
        // while no card is in the field; give it more than one poll before a card comes.
        QTest::qWait(350);
    }

    /// The token committed on @p card (its state file).
    nfc::CardStateToken committed(const std::shared_ptr<nfc::DesfireEmulator> &card)
    {
        const auto &file = card->image().applications.at(nfc::CardLayout::kAid).files.at(nfc::CardLayout::kStateFile);
        auto token = nfc::CardStateToken::decode(file.data);
        EXPECT_TRUE(token.ok());
        return token ? *token : nfc::CardStateToken{};
    }

    /// What kiosk A does to the card while it is away: commits @p token signed with A's key.
    void writeAtKioskA(const std::shared_ptr<nfc::DesfireEmulator> &card, nfc::CardStateToken token)
    {
        token.kioskId = "kiosk-a";
        ASSERT_TRUE(token.sign(kioskA).ok());
        auto bytes = token.encode();
        ASSERT_TRUE(bytes.ok());
        card->mutableImage().applications.at(nfc::CardLayout::kAid).files.at(nfc::CardLayout::kStateFile).data =
            Bytes(bytes->begin(), bytes->end());
    }

    Ed25519SecretKey kioskA = Ed25519SecretKey::generate();
};

} // namespace

TEST_F(FleetToken, SpendingAtAnotherKioskIsInTheViewBeforeThisKioskSpends)
{
    auto card = blankCard(0x51);
    const Uuid member = memberWithCard(card, 500);
    removeCard();
    publishKioskA(1, "active");

    // Kiosk A (offline, no sync since) took 1,000.00 of deposit, the whole bonus and 200 points.
    nfc::CardStateToken atA = committed(card);
    const Balances before = balances(member);
    atA.counter += 3;
    atA.deposit -= 100000;
    atA.bonus = 0;
    atA.points -= 200;
    writeAtKioskA(card, atA);

    const uint64_t entries = height();
    present(card);
    ASSERT_TRUE(session->hasMember()) << session->notice().toStdString();
    EXPECT_EQ(balances(member), (Balances{atA.deposit, atA.bonus, atA.points}));
    ASSERT_EQ(height(), entries + 1);
    const auto e = engine().ledger().entry(height());
    EXPECT_EQ(e->entry.kind, EntryKind::CardSync);
    EXPECT_EQ(e->entry.depositDelta, -100000);
    EXPECT_EQ(e->entry.bonusDelta, -before.bonus);
    EXPECT_EQ(e->entry.cardCounter, atA.counter);

    // Spending here starts from A's numbers and writes the next counter.
    QSignalSpy redeemed(&rewards, &RewardsController::redeemed);
    rewards.redeem(u"dining-credit"_s, 100, QString::fromLatin1(kMemberPin));
    ASSERT_TRUE(redeemed.count() == 1 || redeemed.wait(kWaitMs)) << rewards.errorDetail().toStdString();
    EXPECT_LT(balances(member).points, atA.points) << "the redemption is taken from A's numbers";
    EXPECT_EQ(chip(card), balances(member));
    EXPECT_EQ(lastTap->state->counter, atA.counter + 1);
    int cardSyncs = 0;
    for (uint64_t s = entries + 1; s <= height(); ++s)
        cardSyncs += engine().ledger().entry(s)->entry.kind == EntryKind::CardSync ? 1 : 0;
    EXPECT_EQ(cardSyncs, 1) << "this kiosk's own token is not adopted again";
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(FleetToken, ATokenTheEngineRefusesRefusesTheCard)
{
    auto card = blankCard(0x52);
    const Uuid member = memberWithCard(card, 500);
    removeCard();
    publishKioskA(1, "active");
    nfc::CardStateToken atA = committed(card);
    atA.counter += 1;
    atA.currency = "USD"; // a fleet kiosk on another currency: not this kiosk's money
    writeAtKioskA(card, atA);
    const Balances before = balances(member);
    const uint64_t entries = height();
    present(card);
    EXPECT_FALSE(session->hasMember());
    EXPECT_EQ(session->notice(), u"This card cannot be used here. Please ask our staff for help."_s);
    EXPECT_EQ(height(), entries);
    EXPECT_EQ(balances(member), before);
}
