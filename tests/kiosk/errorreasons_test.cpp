// Error titles and details of the kiosk (issue 6): ControllerBase::describe() by ErrorReason, the
// reasons and numbers the engine's failures carry, and the language switch of every controller's
// strings (zh_CN and en, compiled into kiosk_guest_test under ":/i18n") — on the GuestFlows
// fixture (guestflows.h).
#include "kiosk/guestflows.h"
#include "kiosk/kiosktestsupport.h"

#include "services/languageservice.h"

#include "engine/enginetestsupport.h"

#include <QStringList>
#include <QVariantMap>

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

using namespace tapledger;
using namespace tapledger::kiosk;
using namespace tapledger::test;
using namespace Qt::StringLiterals;

namespace {

// ---- Error reasons -----------------------------------------------------------------------------

TEST_F(GuestFlows, EveryErrorReasonHasATranslatedTitleAndDetailWithoutTheEngineMessage)
{
    const std::string message = "ENGINE MESSAGE IN ENGLISH";
    for (int r = 1; r <= static_cast<int>(kLastErrorReason); ++r) {
        SCOPED_TRACE(r);
        Error e = fail(ErrorCode::Denied, static_cast<ErrorReason>(r), message);
        e.attemptsLeft = 2;
        e.untilMs = clock->nowMs() + 30 * 60'000;
        e.available = 1200;
        e.needed = 5000;
        for (const EngineService *svc : {static_cast<const EngineService *>(engineService.get()),
                                         static_cast<const EngineService *>(nullptr)}) {
            const ControllerBase::ErrorText text = ControllerBase::describe(e, svc);
            EXPECT_FALSE(text.title.isEmpty());
            EXPECT_FALSE(text.detail.isEmpty());
            EXPECT_FALSE(text.title.contains(QString::fromStdString(message)));
            EXPECT_FALSE(text.detail.contains(QString::fromStdString(message))) << text.detail.toStdString();
        }
    }
    // Without a reason: the title by code and the engine's message.
    const ControllerBase::ErrorText none = ControllerBase::describe(fail(ErrorCode::Conflict, message), nullptr);
    EXPECT_EQ(none.title, u"Cannot do that now"_s);
    EXPECT_EQ(none.detail, QString::fromStdString(message));
}

TEST_F(GuestFlows, EngineFailuresCarryTheirReasonAndNumbers)
{
    EnrolRequest er;
    er.memberId = Uuid::generate();
    er.handle = er.name = "Zhao";
    er.pin = kMemberPin;
    ASSERT_TRUE(engine().enrol(er).ok());
    const Uuid member = er.memberId, card = Uuid::generate();
    ASSERT_TRUE(engine().issueCard(member, card, kCashier).ok());
    ASSERT_TRUE(engine().replaceCard(card, Uuid::generate(), kCashier).ok());
    ASSERT_TRUE(engine().adjustPoints({member, 700, "welcome", kSupervisor, Card::Role::Supervisor}).ok());

    const auto redeem = [&](const char *reward, const char *pin) {
        RedeemRequest r;
        r.member = member;
        r.reward = reward;
        r.pin = pin;
        r.payMethod = kPayStoredValue;
        return test::outcome(engine().redeem(r));
    };
    struct Case
    {
        const char *what;
        std::function<Result<void>()> run;
        ErrorReason reason;
        int32_t attemptsLeft = 0;
        int64_t available = 0, needed = 0;
    };
    const std::vector<Case> cases = {
        {"wrong PIN", [&] { return engine().checkPin(member, "0000"); }, ErrorReason::WrongPin, 4},
        {"right PIN clears the count", [&] { return engine().checkPin(member, kMemberPin); }, ErrorReason::None},
        {"points short", [&] { return redeem("afternoon-tea", kMemberPin); }, ErrorReason::InsufficientPoints, 0, 700, 1500},
        {"pudding 1", [&] { return redeem("pudding", kMemberPin); }, ErrorReason::None},
        {"pudding 2", [&] { return redeem("pudding", kMemberPin); }, ErrorReason::None},
        {"pudding over the limit", [&] { return redeem("pudding", kMemberPin); }, ErrorReason::OverMemberLimit, 0, 0, 2},
        {"stored value short",
         [&] {
             EXPECT_TRUE(engine().adjustPoints({member, 1500, "top", kSupervisor, Card::Role::Supervisor}).ok());
             return redeem("afternoon-tea", kMemberPin);
         },
         ErrorReason::InsufficientStoredValue, 0, 0, 5000},
        {"unknown card", [&] { return test::outcome(engine().memberForCard(Uuid::generate())); }, ErrorReason::UnknownCard},
        {"replaced card", [&] { return test::outcome(engine().memberForCard(card)); }, ErrorReason::CardBlocked},
        {"unknown member", [&] { return test::outcome(engine().member(Uuid::generate())); }, ErrorReason::UnknownMember},
        {"unknown handle", [&] { return test::outcome(engine().memberByHandle("nobody")); }, ErrorReason::UnknownMember},
        {"cashier above the threshold",
         [&] { return test::outcome(engine().adjustPoints({member, 600, "goodwill", kCashier, Card::Role::Cashier})); },
         ErrorReason::SupervisorRequired, 0, 0, 500},
        {"staff PIN wrong", [&] { return test::outcome(engine().staffLogin(kCashier, "0000")); },
         ErrorReason::StaffPinWrong, 4},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.what);
        const Result<void> r = c.run();
        if (c.reason == ErrorReason::None) {
            EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
            continue;
        }
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().reason, c.reason) << r.error().message;
        EXPECT_EQ(r.error().attemptsLeft, c.attemptsLeft);
        EXPECT_EQ(r.error().available, c.available);
        EXPECT_EQ(r.error().needed, c.needed);
    }
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(engine().checkPin(member, "0000").error().reason, ErrorReason::WrongPin);
    for (const char *pin : {"0000", kMemberPin}) {
        SCOPED_TRACE(pin);
        const Result<void> locked = engine().checkPin(member, pin);
        ASSERT_FALSE(locked.ok());
        EXPECT_EQ(locked.error().reason, ErrorReason::PinLocked);
        EXPECT_EQ(locked.error().untilMs, clock->nowMs() + 30 * 60'000);
    }
}

// ---- 5. Language switch ------------------------------------------------------------------------

TEST_F(GuestFlows, LanguageSwitchTranslatesEveryControllersStrings)
{
    auto card = blankCard(0x41);
    const Uuid member = memberWithCard(card, 1000);
    receipt.setPrinterDevice(u"/nonexistent-dir/printer"_s);
    FeedbackRequest fr;
    fr.member = member;
    fr.rating = 5;
    auto printable = engine().recordFeedback(fr); // any receipt with entries
    ASSERT_TRUE(printable.ok());
    LanguageService language(u"en"_s);

    /// One user-visible string: its name and how to make the controller show it.
    struct Text
    {
        const char *name;
        QString english;
        std::function<QString()> show;
    };
    const auto errorOf = [](ControllerBase &c, std::function<void()> act, bool detail = false) {
        return [&c, act, detail] {
            c.clearError();
            act();
            return detail ? c.errorDetail() : c.errorTitle();
        };
    };
    const auto resetPin = [&] { ASSERT_TRUE(engine().checkPin(member, kMemberPin).ok()); };
    const auto wrongPin = [&] {
        resetPin();
        rewards.redeem(u"afternoon-tea"_s, 0, u"0000"_s);
    };
    const std::vector<Text> guestTexts = {
        {"rewards: wrong PIN title", u"Wrong PIN"_s, errorOf(rewards, wrongPin)},
        {"rewards: wrong PIN detail", u"4 attempts left"_s, errorOf(rewards, wrongPin, true)},
        {"rewards: points short title", u"Not enough points"_s,
         errorOf(rewards, [&] { rewards.redeem(u"afternoon-tea"_s, 0, QString::fromLatin1(kMemberPin)); })},
        {"rewards: points short detail", u"You have 1000 points; this needs 1500."_s,
         errorOf(rewards, [&] { rewards.redeem(u"afternoon-tea"_s, 0, QString::fromLatin1(kMemberPin)); }, true)},
        {"receipt: printer", u"Printer not available"_s, errorOf(receipt, [&] {
             session->setReceipt(*printable, u"x"_s, clock->nowMs());
             receipt.print();
         })},
        {"feedback: empty", u"Please check your input"_s, errorOf(feedback, [&] { feedback.submit(0, {}, {}); })},
    };
    const std::vector<Text> staffTexts = {
        {"enrol: no member", u"Enrol the member first"_s, errorOf(enrol, [&] { enrol.issueCard(); })},
        {"lookup: no row", u"Choose a member from the list"_s, errorOf(lookup, [&] { lookup.open(9); })},
        {"replace: no row", u"Choose the lost card"_s, errorOf(replace, [&] { replace.replace(9); })},
        {"replace: card status", u"Active"_s,
         [&] { return replace.oldCards().value(0).toMap().value(u"statusText"_s).toString(); }},
        {"adjust: supervisor", u"Supervisor required"_s, errorOf(adjust, [&] { adjust.adjust(600, u"goodwill"_s); })},
        {"adjust: supervisor detail", u"Above 500 points a supervisor must do this."_s,
         errorOf(adjust, [&] { adjust.adjust(600, u"goodwill"_s); }, true)},
        {"shift: none open", u"Not found"_s, errorOf(shift, [&] { shift.close(); })},
        {"payment: PIN title", u"Wrong PIN"_s, errorOf(payment, [&] {
             resetPin();
             payment.pay(u"10"_s, u"0000"_s);
         })},
        {"topup: tier label", u"¥3,000.00 – ¥9,999.99: bonus ¥900.00"_s,
         [&] { return topUp.tiers().value(0).toMap().value(u"label"_s).toString(); }},
        {"device: last sync", u"never"_s, [&] { return device.lastSync(); }},
    };
    const std::vector<Text> noStaffTexts = {
        {"login: no card", u"Tap your staff card first"_s, errorOf(login, [&] { login.login(u"1"_s); })},
        {"topup: no staff", u"Staff login required"_s, errorOf(topUp, [&] { topUp.topUp(u"100"_s, u"cash"_s); })},
    };

    const auto collect = [&](const QString &lang) {
        EXPECT_TRUE(language.setLanguage(lang));
        std::vector<QString> out;
        chip(card); // a fresh guest session with the card
        for (const Text &t : guestTexts)
            out.push_back(t.show());
        for (const Text &t : noStaffTexts)
            out.push_back(t.show());
        EXPECT_TRUE(loginAs(kCashier, kCashierPin));
        EXPECT_TRUE(lookup.search(u"Li Wei"_s));
        EXPECT_TRUE(lookup.open(0));
        for (const Text &t : staffTexts)
            out.push_back(t.show());
        login.logout();
        // Every error reason the engine can give.
        for (int r = 1; r <= static_cast<int>(kLastErrorReason); ++r) {
            Error e = fail(ErrorCode::Denied, static_cast<ErrorReason>(r), "message");
            e.attemptsLeft = 3;
            e.needed = 5;
            const auto text = ControllerBase::describe(e, engineService.get());
            out.push_back(text.title);
            out.push_back(text.detail);
        }
        return out;
    };
    const std::vector<QString> english = collect(u"en"_s);
    const std::vector<QString> chinese = collect(u"zh_CN"_s);
    const std::vector<QString> englishAgain = collect(u"en"_s);
    EXPECT_EQ(englishAgain, english) << "switching back restores English";

    std::vector<const char *> names;
    for (const auto *list : {&guestTexts, &noStaffTexts, &staffTexts})
        for (const Text &t : *list)
            names.push_back(t.name);
    size_t i = 0;
    for (const auto *list : {&guestTexts, &noStaffTexts, &staffTexts})
        for (const Text &t : *list) {
            SCOPED_TRACE(t.name);
            EXPECT_EQ(english[i], t.english);
            ++i;
        }
    QStringList untranslated;
    for (size_t k = 0; k < english.size(); ++k) {
        const QString name = k < names.size() ? QString::fromLatin1(names[k])
                                              : u"reason %1 %2"_s.arg((k - names.size()) / 2 + 1)
                                                    .arg((k - names.size()) % 2 ? u"detail"_s : u"title"_s);
        if (chinese[k] == english[k] || chinese[k].isEmpty())
            untranslated << name + u": \""_s + english[k] + u'"';
    }
    EXPECT_TRUE(untranslated.isEmpty()) << "not translated to zh_CN:\n  "
                                        << untranslated.join(u"\n  "_s).toStdString();
}

} // namespace

namespace {

// ---- Venue wording -----------------------------------------------------------------------------

TEST_F(GuestFlows, FeedbackQuestionFitsTheVenueInBothLanguages)
{
    LanguageService language(u"en"_s);
    struct Case
    {
        QString type, english, chinese;
    };
    const std::vector<Case> cases = {
        {u"hotel"_s, u"How was your stay?"_s, u"您对本次入住满意吗？"_s},
        {u"restaurant"_s, u"How was your meal?"_s, u"您对本次用餐满意吗？"_s},
        {u"club"_s, u"How was your time at the club?"_s, u"您对本次会所体验满意吗？"_s},
        {u"shop"_s, u"How was your shopping today?"_s, u"您对本次购物满意吗？"_s},
        {QString(), u"How was your visit?"_s, u"您对本次光临满意吗？"_s},
        {u"spa"_s, u"How was your visit?"_s, u"您对本次光临满意吗？"_s}, // not a venue type: neutral
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.type.toStdString());
        feedback.setVenueType(c.type);
        language.setLanguage(u"en"_s);
        EXPECT_EQ(feedback.question(language.language()), c.english);
        language.setLanguage(u"zh_CN"_s);
        EXPECT_EQ(feedback.question(language.language()), c.chinese);
    }
    // Neither question asks a hotel guest about a meal.
    feedback.setVenueType(u"hotel"_s);
    EXPECT_FALSE(feedback.question(language.language()).contains(u"用餐"_s));
    language.setLanguage(u"en"_s);
}

} // namespace
