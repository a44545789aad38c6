// The staff controllers (issue 6, "Staff flows") driven from C++ against a real Engine on a temp
// data dir with the example hotel-restaurant policy; the card paths run through CardService on the
// in-process EmulatedCardReader with emulated DESFire cards (fixtures: kioskfixture.h,
// kioskcardfixture.h).
#include "kiosk/kioskcardfixture.h"
#include "kiosk/kioskfixture.h"
#include "kiosk/kiosktestsupport.h"

#include "engine/enginetestsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QVariantMap>

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

using namespace tapledger;
using namespace tapledger::kiosk;
using namespace tapledger::test;
using namespace Qt::StringLiterals;

namespace {

[[maybe_unused]] const auto *const kQtApp = addQtAppEnvironment("kiosk_staff_test");

/// KioskFixture plus a member in a guest session without a card.
class StaffFlows : public KioskFixture
{
protected:
    /// Enrols a member directly in the engine and opens a guest session without a card.
    Uuid memberInSession(const std::string &name = "Li Wei", const std::string &phone = "13800138000")
    {
        EnrolRequest r;
        r.memberId = Uuid::generate();
        r.handle = phone;
        r.name = name;
        r.phone = phone;
        r.pin = kMemberPin;
        EXPECT_TRUE(engine().enrol(r).ok());
        session->startMember(r.memberId, Uuid(), QString::fromStdString(name));
        return r.memberId;
    }
};

// ---- Staff login -------------------------------------------------------------------------------

TEST_F(StaffFlows, LoginNeedsATappedStaffCard)
{
    EXPECT_FALSE(login.login(u"2468"_s));
    EXPECT_EQ(login.errorTitle(), u"Tap your staff card first"_s);
    EXPECT_FALSE(session->hasStaff());
}

TEST_F(StaffFlows, LoginShowsTheStaffNameAndStartsTheStaffSession)
{
    session->expectStaffPin(kCashier);
    EXPECT_TRUE(login.pinPending());
    EXPECT_EQ(login.pendingName(), u"Ann Cashier"_s);
    QSignalSpy loggedIn(&login, &StaffLoginController::loginSucceeded);
    EXPECT_TRUE(login.login(QString::fromLatin1(kCashierPin)));
    EXPECT_EQ(loggedIn.count(), 1);
    EXPECT_TRUE(login.loggedIn());
    EXPECT_EQ(session->staffRole(), u"cashier"_s);
    EXPECT_EQ(session->staffId(), kCashier);
    EXPECT_TRUE(login.errorTitle().isEmpty());
}

TEST_F(StaffFlows, WrongStaffPinFiveTimesLocks)
{
    session->expectStaffPin(kCashier);
    for (int attempt = 1; attempt <= 5; ++attempt) {
        SCOPED_TRACE(attempt);
        EXPECT_FALSE(login.login(u"0000"_s));
        EXPECT_EQ(login.errorTitle(), attempt < 5 ? u"Wrong PIN"_s : u"PIN locked"_s) << login.errorDetail().toStdString();
        EXPECT_FALSE(session->hasStaff());
    }
    EXPECT_FALSE(login.login(QString::fromLatin1(kCashierPin))) << "the right PIN while locked";
    EXPECT_EQ(login.errorTitle(), u"PIN locked"_s);
    clock->advance(31 * 60'000);
    EXPECT_TRUE(login.login(QString::fromLatin1(kCashierPin))) << login.errorDetail().toStdString();
}

TEST_F(StaffFlows, LogoutEndsTheStaffSessionAndALookedUpMember)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    memberInSession();
    QSignalSpy loggedOut(&login, &StaffLoginController::loggedOut);
    login.logout();
    EXPECT_EQ(loggedOut.count(), 1);
    EXPECT_FALSE(session->hasStaff());
    EXPECT_FALSE(session->hasMember());
}

// ---- Every action needs staff ------------------------------------------------------------------

TEST_F(StaffFlows, EveryActionWithoutStaffIsRefusedAndWritesNothing)
{
    memberInSession();
    const uint64_t before = height();
    struct Case
    {
        const char *name;
        ControllerBase *controller;
        std::function<void()> act;
    };
    const std::vector<Case> cases = {
        {"enrol", &enrol, [&] { enrol.enrol(u"Zhang San"_s, {}, {}, u"1234"_s, false); }},
        {"duplicates", &enrol, [&] { enrol.checkDuplicates(u"Li Wei"_s, {}); }},
        {"topUp", &topUp, [&] { topUp.topUp(u"3000"_s, u"cash"_s); }},
        {"pay", &payment, [&] { payment.pay(u"10"_s, QString::fromLatin1(kMemberPin)); }},
        {"recordPurchase", &payment, [&] { payment.recordPurchase(u"10"_s, u"general"_s, u"cash"_s); }},
        {"search", &lookup, [&] { lookup.search(u"Li"_s); }},
        {"replace", &replace, [&] { replace.replace(0); }},
        {"adjust", &adjust, [&] { adjust.adjust(10, u"goodwill"_s); }},
        {"openShift", &shift, [&] { shift.open(); }},
        {"closeShift", &shift, [&] { shift.close(); }},
        {"verifyLedger", &device, [&] { device.verifyLedger(); }},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.name);
        c.controller->clearError();
        c.act();
        EXPECT_EQ(c.controller->errorTitle(), u"Staff login required"_s);
        EXPECT_EQ(height(), before);
    }
}

TEST_F(StaffFlows, MemberActionsWithoutAMemberAreRefused)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    const uint64_t before = height();
    const std::vector<std::pair<ControllerBase *, std::function<void()>>> cases = {
        {&topUp, [&] { topUp.topUp(u"3000"_s, u"cash"_s); }},
        {&payment, [&] { payment.pay(u"10"_s, QString::fromLatin1(kMemberPin)); }},
        {&adjust, [&] { adjust.adjust(10, u"goodwill"_s); }},
        {&replace, [&] { replace.replace(0); }},
    };
    for (const auto &[controller, act] : cases) {
        act();
        EXPECT_EQ(controller->errorTitle(), u"Choose a member first"_s);
    }
    EXPECT_EQ(height(), before);
}

// ---- Enrol -------------------------------------------------------------------------------------

TEST_F(StaffFlows, EnrolWithPhoneUsesThePhoneAsHandle)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    QAbstractItemModelTester tester(enrol.duplicates());
    EXPECT_FALSE(enrol.checkDuplicates(u"Li Wei"_s, u"13800138000"_s));
    QSignalSpy enrolled(&enrol, &EnrolController::enrolled);
    ASSERT_TRUE(enrol.enrol(u"  Li  Wei "_s, u"13800138000"_s, u"1990-05-20"_s, QString::fromLatin1(kMemberPin), true))
        << enrol.errorDetail().toStdString();
    EXPECT_EQ(enrolled.count(), 1);
    EXPECT_EQ(enrol.state(), EnrolController::State::Enrolled);
    EXPECT_EQ(enrol.handle(), u"13800138000"_s);
    EXPECT_EQ(enrol.memberName(), u"Li Wei"_s);
    EXPECT_FALSE(enrol.cardIssued());
    const auto member = Uuid::parse(enrol.memberId().toStdString());
    ASSERT_TRUE(member.ok());
    const MemberView v = view(*member);
    EXPECT_EQ(v.name, "Li Wei");
    EXPECT_EQ(v.birthday, "1990-05-20");
    EXPECT_TRUE(v.consent);
    EXPECT_EQ(engine().memberByHandle("13800138000").value(), *member);

    EXPECT_FALSE(enrol.enrol(u"Li Wei"_s, {}, {}, u"1234"_s, false)) << "second enrol without reset";

    enrol.reset();
    EXPECT_TRUE(enrol.checkDuplicates(u"li wei"_s, {}));
    ASSERT_EQ(enrol.duplicates()->rowCount(), 1);
    EXPECT_EQ(enrol.duplicates()->index(0).data(MemberSearchModel::PhoneRole).toString().toStdString(), v.phone);
    QSignalSpy chosen(&enrol, &EnrolController::memberChosen);
    EXPECT_TRUE(enrol.useDuplicate(0));
    EXPECT_EQ(chosen.count(), 1);
    ASSERT_TRUE(session->hasMember());
    EXPECT_EQ(session->member(), *member);
    EXPECT_TRUE(session->memberCard().isNil());
}

TEST_F(StaffFlows, EnrolWithoutPhoneGetsAMembershipNumber)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    ASSERT_TRUE(enrol.enrol(u"Wang Fang"_s, {}, {}, u"1234"_s, false)) << enrol.errorDetail().toStdString();
    const QString handle = enrol.handle();
    EXPECT_EQ(handle.size(), 13);
    EXPECT_TRUE(handle.startsWith(u'M'));
    bool digits = false;
    handle.mid(1).toLongLong(&digits);
    EXPECT_TRUE(digits) << handle.toStdString();
    EXPECT_TRUE(engine().memberByHandle(handle.toStdString()).ok());
}

TEST_F(StaffFlows, EnrolBadInputChangesNothing)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    memberInSession("Li Wei", "13800138000");
    const uint64_t before = height();
    struct Case
    {
        const char *why;
        QString name, phone, birthday, pin, title;
    };
    const std::vector<Case> cases = {
        {"empty name", u"  "_s, {}, {}, u"1234"_s, u"Please check your input"_s},
        {"short PIN", u"Zhao"_s, {}, {}, u"12"_s, u"Please check your input"_s},
        {"bad birthday", u"Zhao"_s, {}, u"1990-13-40"_s, u"1234"_s, u"Please check your input"_s},
        {"bad phone", u"Zhao"_s, u"12ab"_s, {}, u"1234"_s, u"Please check your input"_s},
        {"phone taken as handle", u"Zhao"_s, u"13800138000"_s, {}, u"1234"_s, u"Already exists"_s},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.why);
        EXPECT_FALSE(enrol.enrol(c.name, c.phone, c.birthday, c.pin, false));
        EXPECT_EQ(enrol.errorTitle(), c.title) << enrol.errorDetail().toStdString();
        EXPECT_FALSE(enrol.errorDetail().isEmpty());
        EXPECT_EQ(enrol.state(), EnrolController::State::Editing);
        EXPECT_EQ(height(), before);
    }
}

TEST_F(StaffFlows, IssueCardNeedsAnEnrolledMember)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    QSignalSpy failed(&enrol, &EnrolController::failed);
    enrol.issueCard();
    EXPECT_EQ(failed.count(), 1);
    EXPECT_EQ(enrol.errorTitle(), u"Enrol the member first"_s);
}

// ---- Top-up ------------------------------------------------------------------------------------

TEST_F(StaffFlows, TopUpShowsTiersAndBonus)
{
    const QVariantList tiers = topUp.tiers();
    ASSERT_EQ(tiers.size(), 2);
    const QVariantMap first = tiers[0].toMap();
    EXPECT_EQ(first[u"min"_s].toString(), u"¥3,000.00"_s);
    EXPECT_EQ(first[u"max"_s].toString(), u"¥9,999.99"_s);
    EXPECT_EQ(first[u"bonus"_s].toString(), u"¥900.00"_s);
    EXPECT_EQ(tiers[1].toMap()[u"max"_s].toString(), QString());
    EXPECT_FALSE(first[u"label"_s].toString().isEmpty());
    EXPECT_EQ(topUp.payMethods(), (QStringList{u"cash"_s, u"bank_card"_s, u"mobile"_s}));
    EXPECT_EQ(topUp.minTopUp(), u"¥100.00"_s);
    EXPECT_EQ(topUp.maxTopUp(), u"¥50,000.00"_s);

    const std::vector<std::pair<QString, QString>> bonus = {
        {u"100"_s, u"¥0.00"_s},        {u"2999.99"_s, u"¥0.00"_s}, {u"3000"_s, u"¥900.00"_s},
        {u"9999.99"_s, u"¥900.00"_s},  {u"10000"_s, u"¥2,000.00"_s}, {u"12.345"_s, QString()},
        {u"abc"_s, QString()},        {u"-5"_s, QString()},       {u"0"_s, QString()},
    };
    for (const auto &[amount, expected] : bonus)
        EXPECT_EQ(topUp.bonusFor(amount), expected) << amount.toStdString();
}

TEST_F(StaffFlows, TopUpWritesDepositAndBonusAndTheReceipt)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    const Uuid member = memberInSession();
    QSignalSpy done(&topUp, &TopUpController::toppedUp);
    topUp.topUp(u"3000.00"_s, u"cash"_s);
    ASSERT_EQ(done.count(), 1) << topUp.errorDetail().toStdString();
    const MemberView v = view(member);
    EXPECT_EQ(v.deposit, 300000);
    EXPECT_EQ(v.bonus, 90000);
    ASSERT_TRUE(session->hasReceipt());
    EXPECT_EQ(session->receiptTitle(), u"Top-up ¥3,000.00"_s);
}

TEST_F(StaffFlows, TopUpBadInputChangesNothing)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    const Uuid member = memberInSession();
    const uint64_t before = height();
    const std::vector<std::pair<QString, QString>> cases = {
        {u"12.345"_s, u"cash"_s}, {u""_s, u"cash"_s},       {u"1,000"_s, u"cash"_s}, {u"-100"_s, u"cash"_s},
        {u"0"_s, u"cash"_s},      {u"50"_s, u"cash"_s},     {u"60000"_s, u"cash"_s},
        {u"3000"_s, u"stored_value"_s}, {u"3000"_s, u"cheque"_s}, {u"3000"_s, {}},
    };
    for (const auto &[amount, method] : cases) {
        SCOPED_TRACE(amount.toStdString() + " " + method.toStdString());
        QSignalSpy failed(&topUp, &TopUpController::failed);
        topUp.topUp(amount, method);
        EXPECT_EQ(failed.count(), 1);
        EXPECT_EQ(topUp.errorTitle(), u"Please check your input"_s) << topUp.errorDetail().toStdString();
        EXPECT_EQ(height(), before);
    }
    EXPECT_EQ(view(member).deposit, 0);
    EXPECT_FALSE(session->hasReceipt());
}

// ---- Payment and purchase ----------------------------------------------------------------------

TEST_F(StaffFlows, StoredValuePaymentNeedsTheMembersPin)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    const Uuid member = memberInSession();
    topUp.topUp(u"3000"_s, u"cash"_s);
    ASSERT_EQ(view(member).deposit, 300000);

    QSignalSpy failed(&payment, &PaymentController::failed);
    payment.pay(u"120.00"_s, u"0000"_s);
    EXPECT_EQ(failed.count(), 1);
    EXPECT_EQ(payment.errorTitle(), u"Wrong PIN"_s);
    EXPECT_EQ(view(member).deposit, 300000);

    payment.pay(u"100000"_s, QString::fromLatin1(kMemberPin));
    EXPECT_EQ(payment.errorTitle(), u"Not enough balance"_s);

    payment.pay(u"12.345"_s, QString::fromLatin1(kMemberPin));
    EXPECT_EQ(payment.errorTitle(), u"Please check your input"_s);

    QSignalSpy paid(&payment, &PaymentController::paid);
    payment.pay(u"120.00"_s, QString::fromLatin1(kMemberPin));
    ASSERT_EQ(paid.count(), 1) << payment.errorDetail().toStdString();
    EXPECT_TRUE(payment.errorTitle().isEmpty());
    const MemberView v = view(member);
    EXPECT_EQ(v.deposit + v.bonus, 300000 + 90000 - 12000);
    EXPECT_EQ(session->receiptTitle(), u"Payment ¥120.00"_s);
}

TEST_F(StaffFlows, RecordedPurchaseEarnsPoints)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    const Uuid member = memberInSession();
    EXPECT_EQ(payment.categories().front(), u"general"_s);
    EXPECT_TRUE(payment.categories().contains(u"seafood"_s));
    QSignalSpy paid(&payment, &PaymentController::paid);
    payment.recordPurchase(u"200.00"_s, u"seafood"_s, u"cash"_s);
    ASSERT_EQ(paid.count(), 1) << payment.errorDetail().toStdString();
    EXPECT_GT(view(member).points, 0);
    EXPECT_EQ(session->receiptTitle(), u"Purchase ¥200.00"_s);

    const uint64_t before = height();
    payment.recordPurchase(u"200.00"_s, u"seafood"_s, u"cheque"_s);
    EXPECT_EQ(payment.errorTitle(), u"Please check your input"_s);
    EXPECT_EQ(height(), before);
}

// ---- Lookup ------------------------------------------------------------------------------------

TEST_F(StaffFlows, LookupFindsAndOpensAMemberWithoutCard)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    const Uuid li = memberInSession("Li Wei", "13800138000");
    memberInSession("Wang Fang", "13900139000");
    session->endMember(SessionService::EndReason::Finished);
    QAbstractItemModelTester tester(lookup.results());

    EXPECT_FALSE(lookup.search(u"  "_s));
    EXPECT_EQ(lookup.errorTitle(), u"Please check your input"_s);

    EXPECT_TRUE(lookup.search(u"li"_s));
    ASSERT_EQ(lookup.results()->rowCount(), 1);
    EXPECT_EQ(lookup.results()->index(0).data(MemberSearchModel::NameRole).toString(), u"Li Wei"_s);
    EXPECT_TRUE(lookup.search(u"139 0013"_s));
    ASSERT_EQ(lookup.results()->rowCount(), 1);
    EXPECT_EQ(lookup.results()->index(0).data(MemberSearchModel::NameRole).toString(), u"Wang Fang"_s);
    EXPECT_TRUE(lookup.search(QString::fromStdString(li.toString())));
    ASSERT_EQ(lookup.results()->rowCount(), 1);

    EXPECT_FALSE(lookup.open(5));
    EXPECT_FALSE(session->hasMember());
    QSignalSpy opened(&lookup, &LookupController::opened);
    EXPECT_TRUE(lookup.open(0));
    EXPECT_EQ(opened.count(), 1);
    ASSERT_TRUE(session->hasMember());
    EXPECT_EQ(session->member(), li);
    EXPECT_TRUE(session->memberCard().isNil());
    EXPECT_EQ(session->memberName(), u"Li Wei"_s);

    login.logout();
    EXPECT_EQ(lookup.results()->rowCount(), 0) << "no member data outlives the staff session";
}

// ---- Adjust ------------------------------------------------------------------------------------

TEST_F(StaffFlows, AdjustRulesByRoleAndReason)
{
    struct Case
    {
        const char *why;
        Uuid staff;
        const char *pin;
        qint64 points;
        QString reason;
        QString title; ///< "" = succeeds
    };
    const std::vector<Case> cases = {
        {"no reason", kCashier, kCashierPin, 10, u"   "_s, u"Please check your input"_s},
        {"zero points", kCashier, kCashierPin, 0, u"goodwill"_s, u"Please check your input"_s},
        {"cashier within threshold", kCashier, kCashierPin, 500, u"goodwill"_s, {}},
        {"cashier above threshold", kCashier, kCashierPin, 501, u"goodwill"_s, u"Supervisor required"_s},
        {"supervisor above threshold", kSupervisor, kSupervisorPin, 600, u"complaint"_s, {}},
        {"below zero", kSupervisor, kSupervisorPin, -5000, u"correction"_s, u"Not enough points"_s},
        {"take back", kSupervisor, kSupervisorPin, -100, u"correction"_s, {}},
    };
    const Uuid member = memberInSession();
    int64_t expected = 0;
    for (const Case &c : cases) {
        SCOPED_TRACE(c.why);
        ASSERT_TRUE(loginAs(c.staff, c.pin));
        EXPECT_EQ(adjust.canAdjust(c.points, c.reason), c.points != 0 && !c.reason.trimmed().isEmpty());
        const uint64_t before = height();
        QSignalSpy adjusted(&adjust, &AdjustController::adjusted);
        adjust.adjust(c.points, c.reason);
        EXPECT_EQ(adjust.errorTitle(), c.title) << adjust.errorDetail().toStdString();
        if (c.title.isEmpty()) {
            expected += c.points;
            EXPECT_EQ(adjusted.count(), 1);
            EXPECT_GT(height(), before);
        } else {
            EXPECT_EQ(height(), before);
        }
        EXPECT_EQ(view(member).points, expected);
        EXPECT_EQ(adjust.points(), expected);
    }
    EXPECT_EQ(adjust.supervisorThreshold(), 500);
}

// ---- Shift -------------------------------------------------------------------------------------

TEST_F(StaffFlows, ShiftOpenReportClose)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    EXPECT_FALSE(shift.isOpen());
    EXPECT_FALSE(shift.close());
    EXPECT_EQ(shift.errorTitle(), u"Not found"_s);

    QSignalSpy opened(&shift, &ShiftController::opened);
    ASSERT_TRUE(shift.open()) << shift.errorDetail().toStdString();
    EXPECT_EQ(opened.count(), 1);
    EXPECT_TRUE(shift.isOpen());
    EXPECT_EQ(shift.staffName(), u"Ann Cashier"_s);
    EXPECT_FALSE(shift.openedAt().isEmpty());
    EXPECT_FALSE(shift.open());
    EXPECT_EQ(shift.errorTitle(), u"Cannot do that now"_s);

    const Uuid member = memberInSession();
    topUp.topUp(u"3000"_s, u"cash"_s);
    topUp.topUp(u"200"_s, u"mobile"_s);
    payment.recordPurchase(u"100"_s, u"general"_s, u"cash"_s);
    ASSERT_EQ(view(member).deposit, 320000);
    shift.reload();
    EXPECT_TRUE(shift.errorTitle().isEmpty());

    const auto rowFor = [&](const QString &method) {
        for (const QVariant &r : shift.rows())
            if (r.toMap()[u"payMethod"_s].toString() == method)
                return r.toMap();
        return QVariantMap{};
    };
    EXPECT_EQ(rowFor(u"cash"_s)[u"topUps"_s].toString(), u"¥3,000.00"_s);
    EXPECT_EQ(rowFor(u"mobile"_s)[u"topUps"_s].toString(), u"¥200.00"_s);
    EXPECT_EQ(shift.totalTopUps(), u"¥3,200.00"_s);
    EXPECT_EQ(shift.bonusGranted(), u"¥900.00"_s);

    QSignalSpy closed(&shift, &ShiftController::shiftClosed);
    ASSERT_TRUE(shift.close()) << shift.errorDetail().toStdString();
    EXPECT_EQ(closed.count(), 1);
    EXPECT_TRUE(shift.closed());
    EXPECT_FALSE(shift.isOpen());
    EXPECT_TRUE(shift.hasReport());
    EXPECT_FALSE(shift.closedAt().isEmpty());
    EXPECT_EQ(shift.totalTopUps(), u"¥3,200.00"_s) << "the settlement stays on screen";
    EXPECT_FALSE(shift.close());

    login.logout();
    EXPECT_FALSE(shift.hasReport());
}

// ---- Device status -----------------------------------------------------------------------------

TEST_F(StaffFlows, DeviceStatusShowsLedgerSyncAndVerifies)
{
    StatusService status(*engineService, false);
    device.setStatus(&status);
    status.setReader(true, u"emulated"_s);
    EXPECT_TRUE(device.readerReady());
    EXPECT_EQ(device.readerDetail(), u"emulated"_s);
    EXPECT_EQ(device.ledgerHeight(), static_cast<qint64>(height()));
    EXPECT_EQ(device.headHash().size(), 64);
    EXPECT_EQ(device.lastSync(), u"never"_s);
    EXPECT_EQ(device.pendingUploads(), static_cast<qint64>(height()));
    EXPECT_EQ(device.denyListSize(), 0);
    EXPECT_EQ(device.kioskId(), u"test-kiosk"_s);
    EXPECT_FALSE(device.hqConfigured());

    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    EXPECT_TRUE(device.verifyLedger());
    EXPECT_TRUE(device.ledgerOk());
    EXPECT_TRUE(device.verifyResult().startsWith(u"Ledger intact"_s)) << device.verifyResult().toStdString();

    status.setSynced(test::kJan2026 + 9 * 3'600'000, static_cast<qint64>(height()));
    EXPECT_EQ(device.pendingUploads(), 0);
    EXPECT_EQ(device.lastSync(), u"2026-01-01 17:00"_s) << "venue zone Asia/Shanghai";
}

// ---- Card paths: emulated reader ---------------------------------------------------------------

/// The staff flows that need a card: KioskCardFixture (a CardService polling an
/// EmulatedCardReader, and the TapRouter).
using CardFlows = KioskCardFixture;

TEST_F(CardFlows, EnrolIssuesTheBlankCardAndItsTapOpensTheMember)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    ASSERT_TRUE(enrol.enrol(u"Li Wei"_s, u"13800138000"_s, {}, QString::fromLatin1(kMemberPin), false));
    const Uuid member = *Uuid::parse(enrol.memberId().toStdString());

    // No card in the field: nothing is registered.
    QSignalSpy failed(&enrol, &EnrolController::failed);
    enrol.issueCard();
    ASSERT_TRUE(failed.wait(5000));
    EXPECT_EQ(enrol.errorTitle(), u"Put a blank card on the reader"_s) << enrol.errorDetail().toStdString();
    EXPECT_EQ(enrol.state(), EnrolController::State::Enrolled);
    EXPECT_TRUE(view(member).cards.empty());

    auto card = blankCard(0x01);
    presentUntilSeen(card);
    QSignalSpy issued(&enrol, &EnrolController::issued);
    enrol.issueCard();
    EXPECT_TRUE(enrol.busy());
    ASSERT_TRUE(issued.wait(5000)) << enrol.errorDetail().toStdString();
    EXPECT_FALSE(enrol.busy());
    EXPECT_TRUE(enrol.cardIssued());
    const MemberView v = view(member);
    ASSERT_EQ(v.cards.size(), 1u);
    EXPECT_EQ(engine().memberForCard(v.cards[0]).value(), member);

    // The personalised card now taps as the member.
    removeCard();
    presentUntilSeen(card);
    ASSERT_TRUE(QTest::qWaitFor([&] { return session->hasMember(); }, 5000)) << session->notice().toStdString();
    EXPECT_EQ(session->member(), member);
    EXPECT_EQ(session->memberCard(), v.cards[0]);

    // A top-up with the card commits the new balances on the card first.
    QSignalSpy toppedUp(&topUp, &TopUpController::toppedUp);
    topUp.topUp(u"3000"_s, u"cash"_s);
    ASSERT_TRUE(toppedUp.count() == 1 || toppedUp.wait(5000)) << topUp.errorDetail().toStdString();
    EXPECT_EQ(view(member).deposit, 300000);
}

TEST_F(CardFlows, ReplaceMovesBalancesToTheNewCardAndDenyListsTheOld)
{
    ASSERT_TRUE(loginAs(kCashier, kCashierPin));
    ASSERT_TRUE(enrol.enrol(u"Li Wei"_s, u"13800138000"_s, {}, QString::fromLatin1(kMemberPin), false));
    const Uuid member = *Uuid::parse(enrol.memberId().toStdString());
    presentUntilSeen(blankCard(0x02));
    QSignalSpy issued(&enrol, &EnrolController::issued);
    enrol.issueCard();
    ASSERT_TRUE(issued.wait(5000)) << enrol.errorDetail().toStdString();
    removeCard();
    const Uuid oldCard = view(member).cards.at(0);

    // The card is lost: staff looks the member up, tops up without the card.
    ASSERT_TRUE(lookup.search(u"Li Wei"_s));
    ASSERT_TRUE(lookup.open(0));
    topUp.topUp(u"3000"_s, u"cash"_s);
    ASSERT_EQ(view(member).deposit, 300000);

    ASSERT_EQ(replace.oldCards().size(), 1);
    EXPECT_TRUE(replace.oldCards()[0].toMap()[u"active"_s].toBool());
    EXPECT_EQ(replace.oldCards()[0].toMap()[u"statusText"_s].toString(), u"Active"_s);

    replace.replace(3);
    EXPECT_EQ(replace.errorTitle(), u"Choose the lost card"_s);

    // A new blank card replaces the lost one.
    const uint64_t before = height();
    presentUntilSeen(blankCard(0x03));
    QSignalSpy replaced(&replace, &ReplaceCardController::replaced);
    replace.replace(0);
    ASSERT_TRUE(replaced.wait(5000)) << replace.errorDetail().toStdString();
    EXPECT_GT(height(), before);
    const MemberView v = view(member);
    ASSERT_EQ(v.cards.size(), 2u);
    EXPECT_EQ(v.deposit, 300000);
    EXPECT_EQ(v.bonus, 90000);
    EXPECT_EQ(engine().cardStatus(oldCard).value().status, "replaced");
    EXPECT_EQ(engine().memberForCard(oldCard).error().code, ErrorCode::Denied);
    const Uuid newCard = *Uuid::parse(replace.newCardId().toStdString());
    EXPECT_EQ(engine().memberForCard(newCard).value(), member);
    EXPECT_EQ(engine().denyList().value().size(), 1u);
    EXPECT_TRUE(session->hasReceipt());

    // The old card cannot be replaced twice (opening the member again from the lookup list).
    removeCard();
    presentUntilSeen(blankCard(0x04));
    ASSERT_TRUE(lookup.open(0));
    int row = -1;
    for (int i = 0; i < replace.oldCards().size(); ++i)
        if (replace.oldCards()[i].toMap()[u"cardId"_s].toString() == QString::fromStdString(oldCard.toString()))
            row = i;
    ASSERT_GE(row, 0);
    EXPECT_FALSE(replace.oldCards()[row].toMap()[u"active"_s].toBool());
    const uint64_t after = height();
    QSignalSpy failed(&replace, &ReplaceCardController::failed);
    replace.replace(row);
    ASSERT_TRUE(failed.count() == 1 || failed.wait(5000));
    EXPECT_EQ(replace.errorTitle(), u"Cannot do that now"_s) << replace.errorDetail().toStdString();
    EXPECT_EQ(height(), after);
}

} // namespace
