// Staff flows: registration and login (PIN lock-out shared with members), shifts and their
// settlement, points adjustments with the supervisor threshold, member PIN check and change.
#include "core/engine/engine.h"
#include "enginetestsupport.h"

#include <gtest/gtest.h>

namespace tapledger::test {
namespace {

using StaffTest = EngineFixture;

TEST_F(StaffTest, RegisterStaffErrorsWriteNothing)
{
    const Uuid ghost = Uuid::generate();
    expectRefusedAndNothingWritten(
        engine(),
        {
            {"empty name", ErrorCode::InvalidArgument,
             [&] { return outcome(engine().registerStaff({Uuid(), "", Card::Role::Cashier, "4321"})); }},
            {"role none", ErrorCode::InvalidArgument,
             [&] { return outcome(engine().registerStaff({Uuid(), "Nina", Card::Role::None, "4321"})); }},
            {"bad PIN", ErrorCode::InvalidArgument,
             [&] { return outcome(engine().registerStaff({Uuid(), "Nina", Card::Role::Cashier, "12"})); }},
            {"staff id taken", ErrorCode::AlreadyExists,
             [&] { return outcome(engine().registerStaff({cashier, "Carl", Card::Role::Cashier, "4321"})); }},
            {"member id", ErrorCode::AlreadyExists,
             [&] { return outcome(engine().registerStaff({ann, "Ann", Card::Role::Cashier, "4321"})); }},
            {"login unknown staff", ErrorCode::NotFound, [&] { return outcome(engine().staffLogin(ghost, "4321")); }},
            {"login wrong PIN", ErrorCode::Denied, [&] { return outcome(engine().staffLogin(cashier, "0000")); }},
            {"login empty PIN", ErrorCode::InvalidArgument, [&] { return outcome(engine().staffLogin(cashier, "")); }},
        });
}

TEST_F(StaffTest, StaffAreListedButNeverMembers)
{
    auto staff = engine().staff();
    ASSERT_TRUE(staff.ok());
    ASSERT_EQ(staff->size(), 2u);
    EXPECT_EQ((*staff)[0].name, "Carl");
    EXPECT_EQ((*staff)[0].role, Card::Role::Cashier);
    EXPECT_EQ((*staff)[1].role, Card::Role::Supervisor);
    EXPECT_EQ(engine().members()->size(), 1u);
    EXPECT_TRUE(engine().findMembers("Carl")->empty());
    EXPECT_FALSE(engine().member(cashier).ok());
    auto login = engine().staffLogin(supervisor, "4321");
    ASSERT_TRUE(login.ok()) << login.error().message;
    EXPECT_EQ(login->name, "Sue");
    EXPECT_EQ(login->role, Card::Role::Supervisor);
}

TEST_F(StaffTest, StaffLoginLocksAfterFiveFailuresForThirtyMinutes)
{
    for (int i = 0; i < 5; ++i) {
        auto r = engine().staffLogin(cashier, "0000");
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::Denied);
    }
    auto locked = engine().staffLogin(cashier, "4321");
    ASSERT_FALSE(locked.ok());
    EXPECT_NE(locked.error().message.find("PIN locked"), std::string::npos) << locked.error().message;
    EXPECT_TRUE(engine().staffLogin(supervisor, "4321").ok()); // per person
    t.clock->advance(30 * 60'000);
    EXPECT_TRUE(engine().staffLogin(cashier, "4321").ok());
}

TEST_F(StaffTest, ShiftErrorsWriteNothing)
{
    ASSERT_TRUE(engine().openShift(cashier).ok());
    const Uuid ghost = Uuid::generate();
    expectRefusedAndNothingWritten(
        engine(), {
                      {"open unknown staff", ErrorCode::NotFound, [&] { return outcome(engine().openShift(ghost)); }},
                      {"open twice", ErrorCode::Conflict, [&] { return outcome(engine().openShift(cashier)); }},
                      {"report without shift", ErrorCode::NotFound, [&] { return outcome(engine().shiftReport(supervisor)); }},
                      {"report unknown staff", ErrorCode::NotFound, [&] { return outcome(engine().shiftReport(ghost)); }},
                      {"close without shift", ErrorCode::NotFound, [&] { return outcome(engine().closeShift(supervisor)); }},
                  });
}

TEST_F(StaffTest, ShiftSettlementCountsTheStaffMembersEntriesByPayMethod)
{
    auto open = engine().openShift(cashier);
    ASSERT_TRUE(open.ok()) << open.error().message;
    TopUpRequest topUp{ann, 30000, "cash", cashier};
    ASSERT_TRUE(engine().topUp(topUp).ok());
    ASSERT_TRUE(engine().topUp({ann, 10000, "card", supervisor}).ok()); // someone else's
    auto pay = engine().purchase({ann, {{"menu", 1, "", 0}}, "stored_value", "1234", 0, cashier});
    ASSERT_TRUE(pay.ok()) << pay.error().message;
    auto cash = engine().purchase({ann, {{"cake", 2, "", 0}}, "cash", "", 0, cashier});
    ASSERT_TRUE(cash.ok());
    ASSERT_TRUE(engine().returnPurchase({ann, cash->mainSeq, cashier}).ok());
    ASSERT_TRUE(engine().adjustPoints({ann, 7, "goodwill", cashier, Card::Role::Cashier}).ok());

    auto report = engine().shiftReport(cashier);
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->closedMs, 0);
    EXPECT_EQ(report->firstSeq, open->mainSeq);
    ASSERT_EQ(report->byPayMethod.size(), 2u);
    EXPECT_EQ(report->byPayMethod[0].payMethod, "cash");
    EXPECT_EQ(report->byPayMethod[0].topUps, 30000);
    EXPECT_EQ(report->byPayMethod[0].purchases, 2000);
    EXPECT_EQ(report->byPayMethod[0].refunds, 2000);
    EXPECT_EQ(report->byPayMethod[0].count, 3);
    EXPECT_EQ(report->byPayMethod[1].payMethod, "stored_value");
    EXPECT_EQ(report->byPayMethod[1].purchases, 3000);
    EXPECT_EQ(report->bonusGranted, 5000);
    EXPECT_EQ(report->pointsIssued, 3 + 5 + 2); // menu 30.00 → 3, visit 5, cakes 20.00 → 2
    EXPECT_EQ(report->pointsAdjusted, 7);

    t.clock->advance(8 * 3600'000);
    auto closed = engine().closeShift(cashier);
    ASSERT_TRUE(closed.ok()) << closed.error().message;
    EXPECT_EQ(closed->closedMs, t.clock->nowMs());
    EXPECT_EQ(closed->lastSeq, engine().ledger().size());
    EXPECT_EQ(closed->byPayMethod[0].topUps, 30000);
    auto entry = engine().ledger().entry(closed->lastSeq);
    ASSERT_TRUE(entry.ok());
    EXPECT_EQ(entry->entry.kind, EntryKind::ShiftClose);
    EXPECT_NE(entry->entry.extra.find("\"topups\":30000"), std::string::npos) << entry->entry.extra;
    EXPECT_NE(engine().explain(entry->entry).find("cash top-ups 300.00"), std::string::npos);
    EXPECT_EQ(engine().shiftReport(cashier).error().code, ErrorCode::NotFound);
    EXPECT_TRUE(engine().openShift(cashier).ok()); // a new shift after closing
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(StaffTest, AdjustErrorsWriteNothing)
{
    ASSERT_TRUE(engine().adjustPoints({ann, 40, "welcome back", cashier, Card::Role::Cashier}).ok());
    const auto adjust = [&](int64_t points, std::string reason, Uuid staff, Card::Role role, Uuid member = Uuid()) {
        return [=, this] {
            return outcome(engine().adjustPoints({member.isNil() ? ann : member, points, reason, staff, role}));
        };
    };
    expectRefusedAndNothingWritten(
        engine(),
        {
            {"zero points", ErrorCode::InvalidArgument, adjust(0, "x", cashier, Card::Role::Cashier)},
            {"empty reason", ErrorCode::InvalidArgument, adjust(5, "", cashier, Card::Role::Cashier)},
            {"blank reason", ErrorCode::InvalidArgument, adjust(5, "   ", cashier, Card::Role::Cashier)},
            {"reason of 201 characters", ErrorCode::InvalidArgument,
             adjust(5, std::string(201, 'x'), cashier, Card::Role::Cashier)},
            {"reason not UTF-8", ErrorCode::InvalidArgument, adjust(5, "\xff", cashier, Card::Role::Cashier)},
            {"huge", ErrorCode::InvalidArgument, adjust(INT64_MIN, "x", supervisor, Card::Role::Supervisor)},
            {"role none", ErrorCode::Denied, adjust(5, "x", cashier, Card::Role::None)},
            {"no staff", ErrorCode::Denied, adjust(5, "x", Uuid(), Card::Role::Cashier)},
            {"cashier above threshold", ErrorCode::Denied, adjust(501, "x", cashier, Card::Role::Cashier)},
            {"cashier below -threshold", ErrorCode::Denied, adjust(-501, "x", cashier, Card::Role::Cashier)},
            {"claimed role above registered", ErrorCode::Denied, adjust(600, "x", cashier, Card::Role::Supervisor)},
            {"unknown member", ErrorCode::NotFound, adjust(5, "x", cashier, Card::Role::Cashier, Uuid::generate())},
            {"more than the balance", ErrorCode::Insufficient, adjust(-41, "x", cashier, Card::Role::Cashier)},
        });
}

TEST_F(StaffTest, AdjustmentsFollowTheThresholdAndSpendBatchesFifo)
{
    // 200 characters of CJK text are 600 bytes but a valid reason.
    std::string reason;
    for (int i = 0; i < 200; ++i)
        reason += "\xe5\xa5\xbd";
    auto a = engine().adjustPoints({ann, 500, reason, cashier, Card::Role::Cashier}); // at the threshold
    ASSERT_TRUE(a.ok()) << a.error().message;
    t.clock->advance(40LL * 86'400'000);
    auto b = engine().adjustPoints({ann, 900, "lost receipt", supervisor, Card::Role::Supervisor});
    ASSERT_TRUE(b.ok()) << b.error().message;
    ASSERT_EQ(b->balances.size(), 3u);
    EXPECT_EQ(b->balances[2].before, 500);
    EXPECT_EQ(b->balances[2].after, 1400);
    EXPECT_NE(b->explanations[0].find("+900 pts: staff adjustment by a supervisor: lost receipt"), std::string::npos)
        << b->explanations[0];
    auto c = engine().adjustPoints({ann, -600, "typo", supervisor, Card::Role::Supervisor});
    ASSERT_TRUE(c.ok()) << c.error().message;
    auto view = engine().member(ann);
    ASSERT_TRUE(view.ok());
    EXPECT_EQ(view->points, 800);
    ASSERT_EQ(view->expiries.size(), 1u); // the older batch of 500 was spent first
    EXPECT_EQ(view->expiries[0].points, 800);
    EXPECT_EQ(view->expiries[0].batch, b->mainSeq);
    auto entry = engine().ledger().entry(c->mainSeq);
    EXPECT_EQ(entry->entry.staff, supervisor);
    EXPECT_NE(entry->entry.extra.find("\"reason\":\"typo\""), std::string::npos);
    EXPECT_TRUE(engine().ledger().verify().ok);
}

TEST_F(StaffTest, PinErrorsWriteNothing)
{
    const Uuid ghost = Uuid::generate();
    expectRefusedAndNothingWritten(
        engine(), {
                      {"check wrong", ErrorCode::Denied, [&] { return engine().checkPin(ann, "9999"); }},
                      {"check empty", ErrorCode::InvalidArgument, [&] { return engine().checkPin(ann, ""); }},
                      {"check unknown member", ErrorCode::NotFound, [&] { return engine().checkPin(ghost, "1234"); }},
                      {"change wrong old", ErrorCode::Denied, [&] { return engine().changePin(ann, "9999", "5678"); }},
                      {"change short new", ErrorCode::InvalidArgument, [&] { return engine().changePin(ann, "1234", "12"); }},
                      {"change letters", ErrorCode::InvalidArgument, [&] { return engine().changePin(ann, "1234", "abcd"); }},
                      {"change unknown member", ErrorCode::NotFound,
                       [&] { return engine().changePin(ghost, "1234", "5678"); }},
                  });
}

TEST_F(StaffTest, CheckAndChangePinShareTheLockOut)
{
    EXPECT_TRUE(engine().checkPin(ann, "1234").ok());
    for (int i = 0; i < 2; ++i)
        EXPECT_EQ(engine().checkPin(ann, "0000").error().code, ErrorCode::Denied);
    for (int i = 0; i < 2; ++i)
        EXPECT_EQ(engine().changePin(ann, "0000", "5678").error().code, ErrorCode::Denied);
    auto fifth = engine().purchase({ann, {{"cake", 1, "", 0}}, "stored_value", "0000", 0, Uuid()});
    ASSERT_FALSE(fifth.ok());
    EXPECT_NE(fifth.error().message.find("locked for 30 minutes"), std::string::npos) << fifth.error().message;
    EXPECT_EQ(engine().checkPin(ann, "1234").error().code, ErrorCode::Denied);
    t.clock->advance(30 * 60'000);
    const uint64_t size = engine().ledger().size();
    ASSERT_TRUE(engine().changePin(ann, "1234", "5678").ok());
    EXPECT_EQ(engine().ledger().size(), size + 1);
    EXPECT_EQ(engine().ledger().entry(size + 1)->entry.kind, EntryKind::PinChange);
    EXPECT_EQ(engine().checkPin(ann, "1234").error().code, ErrorCode::Denied);
    EXPECT_TRUE(engine().checkPin(ann, "5678").ok());
    auto history = engine().history(ann);
    EXPECT_EQ(history->back().text, "PIN changed");
    EXPECT_TRUE(engine().ledger().verify().ok);
}

} // namespace
} // namespace tapledger::test
