// Guest flows (issue 6): wrong PIN and lock-out, a card removed before its update commits, idle
// timeouts, the session rules of the TapRouter (which removal ends a session, blank cards,
// replacement cards) and the language switch — driven through the real Engine on a temp data dir
// (example hotel-restaurant policy), the real SessionService, CardService, CardTerminal and
// TapRouter over the in-process EmulatedCardReader, and the screen controllers. Error titles and
// details come from ControllerBase::describe() by ErrorReason; its table is checked here too.
#include "controllers/adjustcontroller.h"
#include "controllers/devicestatuscontroller.h"
#include "controllers/enrolcontroller.h"
#include "controllers/feedbackcontroller.h"
#include "controllers/historycontroller.h"
#include "controllers/lookupcontroller.h"
#include "controllers/memberhomecontroller.h"
#include "controllers/paymentcontroller.h"
#include "controllers/receiptcontroller.h"
#include "controllers/replacecardcontroller.h"
#include "controllers/rewardscontroller.h"
#include "controllers/shiftcontroller.h"
#include "controllers/stafflogincontroller.h"
#include "controllers/topupcontroller.h"
#include "services/cardservice.h"
#include "services/engineservice.h"
#include "services/languageservice.h"
#include "services/sessionservice.h"
#include "services/statusservice.h"
#include "services/taprouter.h"

#include "core/engine/policyparser.h"
#include "engine/enginetestsupport.h"
#include "nfc/cardmasterkeys.h"
#include "nfc/cardterminal.h"
#include "nfc/emulator/desfireemulator.h"
#include "nfc/emulator/emulatedcardreader.h"
#include "nfc/inmemorycardcounterstore.h"
#include "support/testsupport.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>
#include <QVariantMap>

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>

/// Readable QStrings in GoogleTest failure messages.
QT_BEGIN_NAMESPACE
inline void PrintTo(const QString &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}
QT_END_NAMESPACE

using namespace tapledger;
using namespace tapledger::kiosk;
using namespace Qt::StringLiterals;

namespace {

/// The Qt application object the services need (timers, queued card results).
class QtAppEnvironment : public ::testing::Environment
{
public:
    void SetUp() override
    {
        static int argc = 1;
        static char name[] = "kiosk_guest_test";
        static char *argv[] = {name, nullptr};
        m_app = std::make_unique<QCoreApplication>(argc, argv);
    }
    void TearDown() override { m_app.reset(); }

private:
    std::unique_ptr<QCoreApplication> m_app;
};
[[maybe_unused]] const auto *const kQtApp = ::testing::AddGlobalTestEnvironment(new QtAppEnvironment);

const Uuid kCashier = *Uuid::parse("00000000-0000-4000-8000-00000000c001");
const Uuid kSupervisor = *Uuid::parse("00000000-0000-4000-8000-00000000c002");
constexpr const char *kCashierPin = "2468";
constexpr const char *kSupervisorPin = "1357";
constexpr const char *kMemberPin = "4321";
constexpr int kWaitMs = 5000; ///< upper bound for a card job; never an assertion on speed

Policy examplePolicy()
{
    auto p = PolicyParser::load(test::dataPath("../../docs/examples/hotel-restaurant.policy.json"));
    if (!p) {
        ADD_FAILURE() << p.error().message;
        return Policy{};
    }
    p->pin.scryptLog2N = 10; // test speed; the rules are the same
    return std::move(*p);
}

struct Balances
{
    int64_t deposit = 0, bonus = 0, points = 0;
    bool operator==(const Balances &) const = default;
};

std::ostream &operator<<(std::ostream &os, const Balances &b)
{
    return os << "{deposit " << b.deposit << ", bonus " << b.bonus << ", points " << b.points << "}";
}

/// Engine, services, card path and every guest and staff controller, wired as main.cpp does.
/// Every model runs under a fatal QAbstractItemModelTester.
class GuestFlows : public ::testing::Test
{
protected:
    void SetUp() override
    {
        const Policy policy = examplePolicy();
        auto t = test::makeTestEngine(dir.path(), policy, test::kJan2026 + 10 * 3'600'000); // 18:00 in Shanghai
        ASSERT_TRUE(t.engine);
        clock = t.clock;
        auto calendar = VenueCalendar::create(policy.timezone, policy.weekStart);
        ASSERT_TRUE(calendar.ok());
        ASSERT_TRUE(t.engine->registerStaff({kCashier, "Ann Cashier", Card::Role::Cashier, kCashierPin}).ok());
        ASSERT_TRUE(t.engine->registerStaff({kSupervisor, "Sam Super", Card::Role::Supervisor, kSupervisorPin}).ok());
        engineService = std::make_unique<EngineService>(std::move(t.engine), std::move(*calendar), clock);
        session = std::make_unique<SessionService>(30'000, 900'000);
        status = std::make_unique<StatusService>(*engineService, false);
        device.setStatus(status.get());
        for (ControllerBase *c : controllers()) {
            c->setEngineService(engineService.get());
            c->setSession(session.get());
        }

        ASSERT_TRUE(keys.add(1, Aes128Key{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD,
                                          0xEE, 0xFF, 0x01})
                        .ok());
        ASSERT_TRUE(keys.setCurrent(1).ok());
        const Ed25519SecretKey &deviceKey = engine().deviceKey();
        auto terminal = std::make_unique<nfc::CardTerminal>(reader, keys, nfc::CardStateVerifier({deviceKey.publicKey()}),
                                                            counters, "test-kiosk");
        cards = std::make_unique<CardService>(std::move(terminal), std::vector<std::shared_ptr<void>>{}, deviceKey);
        router = std::make_unique<TapRouter>(*cards, *engineService, *session);
        // Keep what each tap read (the chip's balances) and hand it on to the router.
        cards->setTapHandler([this](const nfc::TapResult &tap) {
            lastTap = tap;
            ++taps;
            router->onTap(tap);
        });
        for (ControllerBase *c : std::initializer_list<ControllerBase *>{&enrol, &replace, &topUp, &payment, &rewards})
            c->setCards(cards.get());
        for (QAbstractItemModel *m : std::initializer_list<QAbstractItemModel *>{
                 home.offers(), rewards.rewards(), history.lines(), receipt.lines(), lookup.results(), enrol.duplicates()})
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                m, QAbstractItemModelTester::FailureReportingMode::Fatal));
        cards->start();
    }
    void TearDown() override
    {
        if (cards)
            cards->stop();
    }

    std::vector<ControllerBase *> controllers()
    {
        return {&home, &rewards, &history, &receipt, &feedback, &login, &enrol,  &topUp,
                &payment, &lookup, &replace, &adjust, &shift, &device};
    }
    Engine &engine() { return engineService->engine(); }
    uint64_t height() { return engine().ledger().size(); }
    Balances balances(const Uuid &member)
    {
        auto v = engine().member(member);
        EXPECT_TRUE(v.ok());
        return v ? Balances{v->deposit, v->bonus, v->points} : Balances{};
    }

    bool loginAs(const Uuid &staff, const char *pin)
    {
        session->expectStaffPin(staff);
        return login.login(QString::fromLatin1(pin));
    }

    static std::shared_ptr<nfc::DesfireEmulator> blankCard(uint8_t last)
    {
        return std::make_shared<nfc::DesfireEmulator>(nfc::DesfireImage::blank({0x04, 0x10, 0x20, 0x30, 0x40, 0x50, last}));
    }
    /// Puts @p card on the reader and waits until its tap was handled.
    void present(const std::shared_ptr<nfc::DesfireEmulator> &card)
    {
        const int before = taps;
        reader.presentCard(card);
        EXPECT_TRUE(QTest::qWaitFor([&] { return taps > before; }, kWaitMs));
    }
    /// Takes the card off and waits until its removal was handled.
    void removeCard()
    {
        reader.removeCard();
        EXPECT_TRUE(QTest::qWaitFor([&] { return !cards->cardPresent(); }, kWaitMs));
        QCoreApplication::processEvents(); // the removal handler runs after cardPresent changed
    }
    /// Taps @p card again and returns the balances on its chip (zero without a written state).
    Balances chip(const std::shared_ptr<nfc::DesfireEmulator> &card)
    {
        if (cards->cardPresent())
            removeCard();
        present(card);
        EXPECT_TRUE(lastTap && lastTap->kind == nfc::TapResult::Kind::Member) << (lastTap ? lastTap->message : "");
        if (!lastTap || !lastTap->state)
            return {};
        return {lastTap->state->deposit, lastTap->state->bonus, lastTap->state->points};
    }

    /// Enrols "Li Wei" with @p points, issues @p card (blank) to her, tops up 3,000.00 with the
    /// card (so its chip holds deposit 3,000.00, bonus 900.00 and the points), logs staff out and
    /// leaves her guest session open with the card on the reader.
    Uuid memberWithCard(const std::shared_ptr<nfc::DesfireEmulator> &card, int64_t points)
    {
        EXPECT_TRUE(loginAs(kCashier, kCashierPin));
        EXPECT_TRUE(enrol.enrol(u"Li Wei"_s, u"13800138000"_s, {}, QString::fromLatin1(kMemberPin), false))
            << enrol.errorDetail().toStdString();
        const Uuid member = *Uuid::parse(enrol.memberId().toStdString());
        EXPECT_TRUE(engine().adjustPoints({member, points, "welcome", kSupervisor, Card::Role::Supervisor}).ok());
        present(card);
        QSignalSpy issued(&enrol, &EnrolController::issued);
        enrol.issueCard();
        EXPECT_TRUE(issued.wait(kWaitMs)) << enrol.errorDetail().toStdString();
        removeCard();
        present(card);
        EXPECT_TRUE(session->hasMember()) << session->notice().toStdString();
        QSignalSpy toppedUp(&topUp, &TopUpController::toppedUp);
        topUp.topUp(u"3000"_s, u"cash"_s);
        EXPECT_TRUE(toppedUp.count() == 1 || toppedUp.wait(kWaitMs)) << topUp.errorDetail().toStdString();
        login.logout();
        EXPECT_TRUE(session->hasMember()) << "a card session outlives the staff session";
        return member;
    }

    /// Every guest screen shows no member data.
    void expectGuestScreensEmpty()
    {
        EXPECT_TRUE(home.name().isEmpty());
        EXPECT_TRUE(home.storedValue().isEmpty());
        EXPECT_TRUE(home.deposit().isEmpty());
        EXPECT_TRUE(home.tierName().isEmpty());
        EXPECT_EQ(home.points(), 0);
        EXPECT_EQ(home.openVouchers(), 0);
        EXPECT_EQ(rewards.points(), 0);
        EXPECT_TRUE(receipt.title().isEmpty());
        EXPECT_TRUE(receipt.reference().isEmpty());
        EXPECT_TRUE(receipt.explanations().isEmpty());
        EXPECT_FALSE(session->hasReceipt());
        EXPECT_TRUE(session->memberName().isEmpty());
        EXPECT_EQ(home.offers()->rowCount(), 0);
        EXPECT_EQ(rewards.rewards()->rowCount(), 0);
        EXPECT_EQ(history.lines()->rowCount(), 0);
        EXPECT_EQ(receipt.lines()->rowCount(), 0);
        for (ControllerBase *c : {static_cast<ControllerBase *>(&home), static_cast<ControllerBase *>(&rewards),
                                  static_cast<ControllerBase *>(&history), static_cast<ControllerBase *>(&receipt)})
            EXPECT_TRUE(c->errorTitle().isEmpty()) << c->errorTitle().toStdString();
    }

    test::TempDir dir;
    std::shared_ptr<ManualClock> clock;
    std::unique_ptr<EngineService> engineService;
    std::unique_ptr<SessionService> session;
    std::unique_ptr<StatusService> status;
    MemberHomeController home;
    RewardsController rewards;
    HistoryController history;
    ReceiptController receipt;
    FeedbackController feedback;
    StaffLoginController login;
    EnrolController enrol;
    TopUpController topUp;
    PaymentController payment;
    LookupController lookup;
    ReplaceCardController replace;
    AdjustController adjust;
    ShiftController shift;
    DeviceStatusController device;
    nfc::EmulatedCardReader reader;
    nfc::CardMasterKeys keys;
    nfc::InMemoryCardCounterStore counters;
    std::unique_ptr<CardService> cards;
    std::unique_ptr<TapRouter> router;
    std::optional<nfc::TapResult> lastTap;
    int taps = 0;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
};

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

// ---- 1. Wrong PIN on a stored-value redemption -------------------------------------------------

TEST_F(GuestFlows, WrongPinFiveTimesLocksAndChangesNothing)
{
    auto card = blankCard(0x11);
    const Uuid member = memberWithCard(card, 5000);
    const Balances onChip = chip(card);
    ASSERT_TRUE(session->hasMember());
    const Balances before = balances(member);
    EXPECT_EQ(onChip, before) << "the top-up wrote the card";
    const uint64_t entries = height();

    struct Attempt
    {
        const char *pin;
        QString title, detail;
    };
    // "Afternoon tea for two": 1,500 points plus 50.00 from stored value. Locked until 18:30
    // (venue zone Asia/Shanghai, now 18:00, 30-minute lock).
    const std::vector<Attempt> attempts = {
        {"0000", u"Wrong PIN"_s, u"4 attempts left"_s},  {"1111", u"Wrong PIN"_s, u"3 attempts left"_s},
        {"2222", u"Wrong PIN"_s, u"2 attempts left"_s},  {"3333", u"Wrong PIN"_s, u"1 attempt left"_s},
        {"4444", u"PIN locked"_s, u"Try again after 18:30"_s},
        {kMemberPin, u"PIN locked"_s, u"Try again after 18:30"_s}, // the right PIN while locked
    };
    for (size_t i = 0; i < attempts.size(); ++i) {
        SCOPED_TRACE(i + 1);
        const Attempt &a = attempts[i];
        QSignalSpy failed(&rewards, &RewardsController::failed);
        QSignalSpy redeemed(&rewards, &RewardsController::redeemed);
        rewards.redeem(u"afternoon-tea"_s, 0, QString::fromLatin1(a.pin));
        EXPECT_EQ(failed.count(), 1);
        EXPECT_EQ(redeemed.count(), 0);
        EXPECT_EQ(rewards.errorTitle(), a.title);
        EXPECT_EQ(rewards.errorDetail(), a.detail);
        EXPECT_FALSE(rewards.busy()) << "no card write for a refused action";
        EXPECT_EQ(height(), entries);
        EXPECT_EQ(balances(member), before);
    }
    EXPECT_EQ(chip(card), onChip);
}

// ---- 2. Card removed before the card update commits --------------------------------------------

TEST_F(GuestFlows, CardRemovedBeforeTheCardCommitChargesNothing)
{
    auto card = blankCard(0x12);
    const Uuid member = memberWithCard(card, 5000);
    // One redemption that commits, to count the card commands of a state write.
    reader.setFault({});
    QSignalSpy redeemed(&rewards, &RewardsController::redeemed);
    rewards.redeem(u"pudding"_s, 0, QString::fromLatin1(kMemberPin));
    ASSERT_TRUE(redeemed.count() == 1 || redeemed.wait(kWaitMs)) << rewards.errorDetail().toStdString();
    const uint64_t writeCommands = reader.cardCommands();
    ASSERT_GE(writeCommands, 3u);

    struct Case
    {
        const char *when;
        uint64_t removeAfter; ///< card commands of the write before the card leaves
    };
    const std::vector<Case> cases = {{"before the write starts", 1}, {"just before CommitTransaction", writeCommands - 1}};
    for (const Case &c : cases) {
        SCOPED_TRACE(c.when);
        const Balances onChip = chip(card);
        ASSERT_TRUE(session->hasMember());
        const Balances before = balances(member);
        ASSERT_EQ(onChip, before);
        const uint64_t entries = height();
        std::vector<SessionService::EndReason> ended;
        QString titleAtFailure, detailAtFailure;
        const auto endConn = QObject::connect(session.get(), &SessionService::memberEnded,
                                              [&](SessionService::EndReason r) { ended.push_back(r); });
        const auto failConn = QObject::connect(&rewards, &RewardsController::failed, [&] {
            titleAtFailure = rewards.errorTitle();
            detailAtFailure = rewards.errorDetail();
        });

        reader.setFault(nfc::Pn532Fault{c.removeAfter, false, 0});
        rewards.redeem(u"afternoon-tea"_s, 0, QString::fromLatin1(kMemberPin));
        EXPECT_TRUE(rewards.busy()) << "the engine action succeeded; the card write is running";
        EXPECT_TRUE(QTest::qWaitFor([&] { return !titleAtFailure.isEmpty(); }, kWaitMs));
        EXPECT_EQ(titleAtFailure, u"Card removed: nothing was charged"_s);
        EXPECT_FALSE(detailAtFailure.contains(u"nothing was charged ("_s)) << "not the engine's English message";
        EXPECT_EQ(height(), entries) << "the batch was rolled back";
        EXPECT_EQ(balances(member), before);

        // The card is gone: the session it opened ends; the attract screen still says why.
        EXPECT_TRUE(QTest::qWaitFor([&] { return !session->hasMember(); }, kWaitMs));
        EXPECT_EQ(ended, std::vector<SessionService::EndReason>{SessionService::EndReason::CardRemoved});
        EXPECT_EQ(session->notice(), u"Card removed: nothing was charged"_s);
        expectGuestScreensEmpty();
        QObject::disconnect(endConn);
        QObject::disconnect(failConn);

        reader.setFault({});
        EXPECT_EQ(chip(card), onChip) << "tap again: the balance is as before";
        EXPECT_TRUE(session->hasMember());
    }
}

// ---- 3. Guest session end: idle timeout and card removal ---------------------------------------

TEST_F(GuestFlows, SessionEndClearsEveryGuestScreen)
{
    auto card = blankCard(0x13);
    const Uuid member = memberWithCard(card, 5000);
    struct Case
    {
        const char *why;
        SessionService::EndReason reason;
        std::function<void()> end;
    };
    const std::vector<Case> cases = {
        {"idle timeout", SessionService::EndReason::Timeout,
         [&] {
             session->setIdleTimeouts(50, 900'000); // instead of 30 s
             session->touch();
         }},
        {"card removed", SessionService::EndReason::CardRemoved, [&] { reader.removeCard(); }},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.why);
        session->setIdleTimeouts(30'000, 900'000);
        chip(card); // a fresh guest session
        ASSERT_TRUE(session->hasMember());
        QSignalSpy redeemed(&rewards, &RewardsController::redeemed);
        rewards.redeem(u"pudding"_s, 0, QString::fromLatin1(kMemberPin));
        ASSERT_TRUE(redeemed.count() == 1 || redeemed.wait(kWaitMs)) << rewards.errorDetail().toStdString();
        rewards.redeem(u"dining-credit"_s, 0, QString::fromLatin1(kMemberPin)); // refused: an error on screen
        ASSERT_FALSE(rewards.errorTitle().isEmpty());
        // The member's data is on every guest screen.
        EXPECT_EQ(home.name(), u"Li Wei"_s);
        EXPECT_FALSE(home.storedValue().isEmpty());
        EXPECT_GT(rewards.rewards()->rowCount(), 0);
        EXPECT_GT(history.lines()->rowCount(), 0);
        EXPECT_GT(receipt.lines()->rowCount(), 0);
        EXPECT_FALSE(receipt.title().isEmpty());
        EXPECT_EQ(balances(member).points, home.points());

        std::vector<SessionService::EndReason> ended;
        const auto conn = QObject::connect(session.get(), &SessionService::memberEnded,
                                           [&](SessionService::EndReason r) { ended.push_back(r); });
        c.end();
        EXPECT_TRUE(QTest::qWaitFor([&] { return !session->hasMember(); }, kWaitMs));
        QObject::disconnect(conn);
        EXPECT_EQ(ended, std::vector<SessionService::EndReason>{c.reason});
        expectGuestScreensEmpty();
    }
}

// ---- 4. Staff idle timeout ---------------------------------------------------------------------

TEST_F(GuestFlows, StaffIdleTimeoutLogsOutAndEndsTheLookedUpMember)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    ASSERT_TRUE(enrol.enrol(u"Li Wei"_s, u"13800138000"_s, {}, QString::fromLatin1(kMemberPin), false));
    ASSERT_TRUE(lookup.search(u"Li Wei"_s));
    ASSERT_TRUE(lookup.open(0));
    ASSERT_TRUE(session->hasMember());
    session->setIdleTimeouts(30'000, 50); // instead of 15 min
    session->touch();
    EXPECT_TRUE(QTest::qWaitFor([&] { return !session->hasStaff(); }, kWaitMs));
    EXPECT_FALSE(login.loggedIn());
    EXPECT_FALSE(session->hasMember()) << "no member data outlives the staff session";
    EXPECT_EQ(lookup.results()->rowCount(), 0);
    EXPECT_EQ(enrol.state(), EnrolController::State::Editing);
    EXPECT_TRUE(enrol.memberId().isEmpty());
    expectGuestScreensEmpty();
}

// ---- Session rules of the TapRouter (fixes) ----------------------------------------------------

TEST_F(GuestFlows, OnlyTheCardThatOpenedTheSessionEndsIt)
{
    auto lost = blankCard(0x21);
    const Uuid member = memberWithCard(lost, 2000);
    const Balances held = balances(member);
    ASSERT_NE(held, Balances{});
    removeCard();
    ASSERT_FALSE(session->hasMember()) << "the member's own card ends her session";

    // Card lost: staff look her up; a blank card comes and goes without ending that session.
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    ASSERT_TRUE(lookup.search(u"Li Wei"_s));
    ASSERT_TRUE(lookup.open(0));
    auto fresh = blankCard(0x22);
    present(fresh);
    EXPECT_TRUE(session->blankCardInField());
    EXPECT_EQ(session->notice(), u"Blank card: ready to issue"_s);
    removeCard();
    EXPECT_FALSE(session->blankCardInField());
    ASSERT_TRUE(session->hasMember()) << "removing a card that did not open the session";

    // The replacement card: taking it off keeps the member; it already holds her balances.
    present(fresh);
    QSignalSpy replaced(&replace, &ReplaceCardController::replaced);
    replace.replace(0);
    ASSERT_TRUE(replaced.wait(kWaitMs)) << replace.errorDetail().toStdString();
    EXPECT_TRUE(replace.errorTitle().isEmpty()) << replace.errorTitle().toStdString();
    EXPECT_EQ(balances(member), held);
    const Uuid newCard = *Uuid::parse(replace.newCardId().toStdString());
    removeCard();
    EXPECT_TRUE(session->hasMember()) << "removing the new card after a replacement";
    EXPECT_EQ(session->member(), member);

    EXPECT_EQ(chip(fresh), held) << "the transferred state is on the new chip";
    EXPECT_EQ(lastTap->record.cardId, newCard);
    ASSERT_TRUE(session->hasMember());
    EXPECT_EQ(session->memberCard(), lastTap->record.cardId);
    removeCard();
    EXPECT_FALSE(session->hasMember()) << "the new card opened this session";
}

TEST_F(GuestFlows, ABlankCardIsTheCardToIssueForStaffOnly)
{
    struct Case
    {
        const char *who;
        bool staff;
        QString notice;
    };
    const std::vector<Case> cases = {
        {"guest", false, u"Card not recognised. Please try another card or ask our staff."_s},
        {"staff", true, u"Blank card: ready to issue"_s},
    };
    uint8_t uid = 0x30;
    for (const Case &c : cases) {
        SCOPED_TRACE(c.who);
        if (c.staff) {
            ASSERT_TRUE(loginAs(kCashier, kCashierPin));
        }
        present(blankCard(++uid));
        EXPECT_EQ(session->notice(), c.notice);
        EXPECT_EQ(session->blankCardInField(), c.staff);
        removeCard();
    }
    // And it is accepted as the card to issue.
    ASSERT_TRUE(enrol.enrol(u"Wang Fang"_s, {}, {}, u"1234"_s, false));
    present(blankCard(++uid));
    QSignalSpy issued(&enrol, &EnrolController::issued);
    enrol.issueCard();
    ASSERT_TRUE(issued.wait(kWaitMs)) << enrol.errorTitle().toStdString();
    EXPECT_TRUE(enrol.cardIssued());
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
        {"topup: tier label", u"3,000.00 – 9,999.99: bonus 900.00"_s,
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
