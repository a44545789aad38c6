// Money flows a guest can follow (issue 13): the redeem confirm screen's plan (reward, cost,
// points and stored value before → after), what the rewards list says about rewards out of
// reach and the reachable range of a variable reward, the receipt's member, staff, stored-value
// and points figures and how to collect, the vouchers list, and amounts with the currency sign —
// through the real Engine, services and emulated card (fixture: guestflows.h).
#include "kiosk/guestflows.h"
#include "kiosk/kiosktestsupport.h"
#include "models/historyphrase.h"
#include "services/languageservice.h"

#include <QSignalSpy>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

using namespace tapledger;
using namespace tapledger::kiosk;
using namespace tapledger::test;
using namespace Qt::StringLiterals;

namespace {

[[maybe_unused]] const auto *const kQtApp = addQtAppEnvironment("kiosk_guest_test");

QVariant roleOf(const RewardModel &model, const QString &reward, const char *role)
{
    const int row = model.rowOf(reward);
    EXPECT_GE(row, 0) << reward.toStdString();
    return model.data(model.index(row), model.roleNames().key(role));
}

TEST_F(GuestFlows, RewardsSayWhatIsMissingAndTheReachableRange)
{
    auto card = blankCard(0x31);
    memberWithCard(card, 1450);
    const RewardModel &m = *rewards.rewards();
    struct Case
    {
        const char *reward;
        bool affordable;
        qlonglong missing, reachableMax;
        QString cash;
    };
    // Pudding 300 pts; afternoon tea 1,500 pts + ¥50.00; dining credit 100..5,000 in steps of 100.
    const std::vector<Case> cases = {
        {"pudding", true, 0, 0, QString()},
        {"afternoon-tea", false, 50, 0, u"¥50.00"_s},
        {"dining-credit", true, 0, 1400, QString()},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.reward);
        const QString id = QString::fromLatin1(c.reward);
        EXPECT_EQ(roleOf(m, id, "affordable").toBool(), c.affordable);
        EXPECT_EQ(roleOf(m, id, "missing").toLongLong(), c.missing);
        if (roleOf(m, id, "variable").toBool()) {
            EXPECT_EQ(roleOf(m, id, "reachableMax").toLongLong(), c.reachableMax);
        }
        EXPECT_EQ(roleOf(m, id, "cash").toString(), c.cash);
    }
}

TEST_F(GuestFlows, RewardsShowTheFleetsStockLeft)
{
    LanguageService language(u"en"_s);
    auto card = blankCard(0x35);
    memberWithCard(card, 1450);
    const RewardModel &m = *rewards.rewards();
    // Before HQ says anything: the policy's stock (pudding 50, afternoon tea 10; dining credit none).
    EXPECT_EQ(roleOf(m, u"pudding"_s, "stockLeft").toLongLong(), 50);
    EXPECT_EQ(roleOf(m, u"pudding"_s, "stockText").toString(), u"50 left"_s);
    EXPECT_TRUE(roleOf(m, u"pudding"_s, "redeemable").toBool());
    EXPECT_EQ(roleOf(m, u"dining-credit"_s, "stockLeft").toLongLong(), -1);
    EXPECT_EQ(roleOf(m, u"dining-credit"_s, "stockText").toString(), QString());
    EXPECT_FALSE(roleOf(m, u"dining-credit"_s, "outOfStock").toBool());

    // HQ's fleet-wide counts: pudding gone, one afternoon tea left.
    const auto stock = [](uint64_t seq, const char *reward, int64_t remaining) {
        HqFeedItem i;
        i.seq = seq;
        i.type = "stock";
        i.body = nlohmann::json{{"reward", reward}, {"stock", 50}, {"redeemed", 50 - remaining},
                                {"remaining", remaining}, {"sources", nlohmann::json::object()}}
                     .dump();
        return i;
    };
    ASSERT_TRUE(engine().applyHqFeed(std::vector{stock(1, "pudding", 0), stock(2, "afternoon-tea", 1)}, 2).ok());
    engineService->notifyWritten();
    EXPECT_TRUE(roleOf(m, u"pudding"_s, "outOfStock").toBool());
    EXPECT_EQ(roleOf(m, u"pudding"_s, "stockLeft").toLongLong(), 0);
    EXPECT_EQ(roleOf(m, u"pudding"_s, "stockText").toString(), u"Out of stock"_s);
    EXPECT_FALSE(roleOf(m, u"pudding"_s, "redeemable").toBool()) << "affordable, but none left";
    EXPECT_TRUE(roleOf(m, u"pudding"_s, "affordable").toBool());
    EXPECT_EQ(roleOf(m, u"afternoon-tea"_s, "stockText").toString(), u"1 left"_s);
    EXPECT_GT(m.rowOf(u"pudding"_s), m.rowOf(u"dining-credit"_s)) << "what can be redeemed comes first";

    ASSERT_TRUE(language.setLanguage(u"zh_CN"_s));
    engineService->notifyWritten();
    EXPECT_EQ(roleOf(m, u"pudding"_s, "stockText").toString(), u"已兑完"_s);
    EXPECT_EQ(roleOf(m, u"afternoon-tea"_s, "stockText").toString(), u"剩余 1 份"_s);
}

TEST_F(GuestFlows, RedeemPlanMatchesTheReceiptAndSaysHowToCollect)
{
    auto card = blankCard(0x32);
    memberWithCard(card, 2000);
    // 3,000.00 deposit + 900.00 bonus from the fixture's top-up.
    struct Case
    {
        const char *reward;
        qint64 points;
        QVariantMap plan;
        QString storedBefore, storedAfter, collect;
    };
    const std::vector<Case> cases = {
        {"afternoon-tea", 0,
         {{u"name"_s, u"Afternoon tea for two"_s}, {u"points"_s, 1500}, {u"pointsBefore"_s, 2000},
          {u"pointsAfter"_s, 500}, {u"cash"_s, u"¥50.00"_s}, {u"storedBefore"_s, u"¥3,900.00"_s},
          {u"storedAfter"_s, u"¥3,850.00"_s}, {u"credit"_s, QString()}},
         u"¥3,900.00"_s, u"¥3,850.00"_s, u"Show this receipt at the counter to collect your reward."_s},
        {"dining-credit", 300,
         {{u"name"_s, u"Dining credit"_s}, {u"points"_s, 300}, {u"pointsBefore"_s, 500}, {u"pointsAfter"_s, 200},
          {u"cash"_s, QString()}, {u"storedBefore"_s, u"¥3,850.00"_s}, {u"storedAfter"_s, u"¥3,880.00"_s},
          {u"credit"_s, u"¥30.00"_s}},
         u"¥3,850.00"_s, u"¥3,880.00"_s, u"¥30.00 bonus is on your stored value now: spend it at the till."_s},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.reward);
        const QString id = QString::fromLatin1(c.reward);
        const QVariantMap plan = rewards.preview(id, c.points);
        for (auto it = c.plan.begin(); it != c.plan.end(); ++it)
            EXPECT_EQ(plan.value(it.key()).toString(), it.value().toString()) << it.key().toStdString();
        QSignalSpy redeemed(&rewards, &RewardsController::redeemed);
        rewards.redeem(id, c.points, QString::fromLatin1(kMemberPin));
        ASSERT_TRUE(redeemed.count() == 1 || redeemed.wait(kWaitMs)) << rewards.errorDetail().toStdString();
        EXPECT_EQ(receipt.memberName(), u"Li Wei"_s);
        EXPECT_FALSE(receipt.byStaff()) << "self-service";
        EXPECT_TRUE(receipt.staffName().isEmpty());
        EXPECT_EQ(receipt.pointsBefore(), plan.value(u"pointsBefore"_s).toString());
        EXPECT_EQ(receipt.pointsAfter(), plan.value(u"pointsAfter"_s).toString());
        EXPECT_EQ(receipt.storedBefore(), c.storedBefore);
        EXPECT_EQ(receipt.storedAfter(), c.storedAfter);
        EXPECT_EQ(receipt.collectHint(), c.collect);
        EXPECT_TRUE(receipt.text().contains(u"Member: Li Wei"_s)) << receipt.text().toStdString();
        EXPECT_TRUE(receipt.text().contains(c.collect));
    }
    EXPECT_TRUE(rewards.preview(u"no-such-reward"_s, 0).isEmpty());
}

TEST_F(GuestFlows, StaffReceiptNamesTheStaffAndTheVouchersListShowsTheirTerms)
{
    auto card = blankCard(0x33);
    memberWithCard(card, 10);
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    // A purchase of 600.00 triggers the spend-500 voucher: 100.00 off from 300.00, end of month.
    QSignalSpy paid(&payment, &PaymentController::paid);
    payment.recordPurchase(u"600"_s, u"seafood"_s, u"cash"_s);
    ASSERT_TRUE(paid.count() == 1 || paid.wait(kWaitMs)) << payment.errorDetail().toStdString();
    EXPECT_TRUE(receipt.byStaff());
    EXPECT_EQ(receipt.staffName(), u"Ann Cashier"_s);
    EXPECT_TRUE(receipt.text().contains(u"Staff: Ann Cashier"_s)) << receipt.text().toStdString();

    QSignalSpy toppedUp(&topUp, &TopUpController::toppedUp);
    topUp.topUp(u"100"_s, u"cash"_s);
    ASSERT_TRUE(toppedUp.count() == 1 || toppedUp.wait(kWaitMs)) << topUp.errorDetail().toStdString();
    EXPECT_EQ(receipt.storedBefore(), u"¥3,900.00"_s);
    EXPECT_EQ(receipt.storedAfter(), u"¥4,000.00"_s);
    EXPECT_TRUE(receipt.collectHint().isEmpty());

    ASSERT_EQ(home.openVouchers(), 1);
    const QVariantMap v = home.vouchers().value(0).toMap();
    EXPECT_EQ(v.value(u"value"_s).toString(), u"¥100.00"_s);
    EXPECT_EQ(v.value(u"minSpend"_s).toString(), u"¥300.00"_s);
    EXPECT_TRUE(v.value(u"expires"_s).toString().endsWith(u"23:59"_s)) << v.value(u"expires"_s).toString().toStdString();
    EXPECT_EQ(home.storedValue(), u"¥4,000.00"_s);
}

TEST_F(GuestFlows, DiscountRatesReadAsPercentOffAndZhe)
{
    LanguageService language(u"en"_s);
    struct Case
    {
        const char *rate;
        QString english, chinese;
    };
    const std::vector<Case> cases = {
        {"1/5", u"20% off"_s, u"8折"_s},     {"3/20", u"15% off"_s, u"8.5折"_s}, {"1/2", u"50% off"_s, u"5折"_s},
        {"1/3", QString(), QString()},      {"0", QString(), QString()},       {"6/5", QString(), QString()},
        {"abc", QString(), QString()},      {"1/0", QString(), QString()},     {"1/2/3", QString(), QString()},
    };
    for (const QString &lang : {u"en"_s, u"zh_CN"_s}) {
        ASSERT_TRUE(language.setLanguage(lang));
        for (const Case &c : cases)
            EXPECT_EQ(HistoryPhrase::discount(QString::fromLatin1(c.rate)), lang == u"en"_s ? c.english : c.chinese)
                << c.rate << " in " << lang.toStdString();
    }
}

TEST_F(GuestFlows, HistoryLinesSpeakPlainlyWithChangeRunningBalanceAndReference)
{
    auto card = blankCard(0x34);
    memberWithCard(card, 400);
    QSignalSpy redeemed(&rewards, &RewardsController::redeemed);
    rewards.redeem(u"pudding"_s, 0, QString::fromLatin1(kMemberPin));
    ASSERT_TRUE(redeemed.count() == 1 || redeemed.wait(kWaitMs)) << rewards.errorDetail().toStdString();
    const HistoryModel &m = *history.lines();
    ASSERT_GE(m.rowCount(), 3);
    const auto at = [&](int row, const char *role) { return m.data(m.index(row), m.roleNames().key(role)).toString(); };
    // Newest first: the reward, the top-up, the card, the adjustment, the enrolment.
    struct Expected
    {
        QString headline, change, balance;
        const char *referenceHas;
    };
    const std::vector<Expected> expected = {
        {u"Reward: Mango pudding"_s, u"-300 pts"_s, u"100 pts · ¥3,900.00"_s, "rule pudding v1"},
        {u"Top-up by cash"_s, u"+¥3,900.00"_s, u"400 pts · ¥3,900.00"_s, "rule"},
        {u"Card issued"_s, QString(), u"400 pts · ¥0.00"_s, "Entry #"},
        {u"Adjusted by our staff"_s, u"+400 pts"_s, u"400 pts · ¥0.00"_s, "Entry #"},
    };
    for (size_t i = 0; i < expected.size(); ++i) {
        SCOPED_TRACE(i);
        const int row = static_cast<int>(i);
        EXPECT_EQ(at(row, "headline"), expected[i].headline);
        EXPECT_EQ(at(row, "change"), expected[i].change);
        EXPECT_EQ(at(row, "balance"), expected[i].balance);
        EXPECT_TRUE(at(row, "reference").startsWith(u"Entry #"_s + at(row, "seq")));
        EXPECT_TRUE(at(row, "reference").contains(QString::fromLatin1(expected[i].referenceHas)))
            << at(row, "reference").toStdString();
        for (const char *jargon : {"rule ", "#", "(floor)"})
            EXPECT_FALSE(at(row, "headline").contains(QString::fromLatin1(jargon))) << at(row, "headline").toStdString();
    }
    EXPECT_TRUE(at(0, "text").contains(u"pudding v1"_s)) << "the engine's full explanation stays for the details";
}

} // namespace
