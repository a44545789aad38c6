// Power loss at every write (issue 14, point 2): a script of enrolments, card issues, top-ups,
// stored-value purchases, redemptions and a card replacement runs on the real Engine over the
// CrashVfs shim, with a power cut at write/sync N for N = 1, 2, ... until a run completes
// untouched, once losing everything unsynced and once tearing it at random. After each cut the
// "rebooted" kiosk opens the data dir (no cut) and must find: a ledger that verifies; every
// acknowledged action present exactly once; the action in flight either wholly present or wholly
// absent; the same balances as a run that stopped there; and a kiosk that goes on with the script.
#include "crash/crashvfs.h"

#include "core/engine/engine.h"
#include "core/engine/manualclock.h"
#include "core/engine/policyparser.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace tapledger;
using namespace tapledger::test;

namespace {

constexpr int64_t kStartMs = 1767261600000; // 2026-01-01T10:00:00Z

/// Cut at every write/sync (1, the default), or only at events 1, 1 + N, 1 + 2N, ... with
/// TAPLEDGER_CRASH_CUT_EVERY=N: the asan preset uses it to fit CI's time (the ci preset cuts at all).
uint64_t cutEvery()
{
    const char *text = std::getenv("TAPLEDGER_CRASH_CUT_EVERY");
    const uint64_t n = text ? std::strtoull(text, nullptr, 10) : 1;
    return n == 0 ? 1 : n;
}

Uuid id(const char *text)
{
    auto u = Uuid::parse(text);
    EXPECT_TRUE(u.ok()) << text;
    return u ? *u : Uuid();
}

const Uuid kAnn = id("a0000000-0000-4000-8000-000000000001");
const Uuid kBob = id("a0000000-0000-4000-8000-000000000002");
const Uuid kAnnCard = id("c0000000-0000-4000-8000-000000000001");
const Uuid kBobCard = id("c0000000-0000-4000-8000-000000000002");
const Uuid kAnnNewCard = id("c0000000-0000-4000-8000-000000000003");
const Uuid kCashier = id("5a000000-0000-4000-8000-000000000001");

/// One scripted action; ok means acknowledged to the member.
struct Step
{
    const char *what;
    std::function<Result<void>(Engine &)> run;
};

template<typename T>
Result<void> done(Result<T> r)
{
    if (!r)
        return std::move(r).error();
    return {};
}

std::vector<Step> script()
{
    auto buy = [](const Uuid &member, const Uuid &card, const char *sku, const char *pay, int64_t quantity = 1) {
        return [=](Engine &e) {
            PurchaseRequest p{member, {{sku, quantity, "", 0}}, pay, "1234", 0, kCashier, card, 0};
            return done(e.purchase(p));
        };
    };
    return {
        {"register cashier", [](Engine &e) { return done(e.registerStaff({kCashier, "Carl", Card::Role::Cashier, "4321"})); }},
        {"enrol ann", [](Engine &e) { return done(e.enrol({kAnn, "ann", "Ann", "", "1234", kCashier})); }},
        {"issue ann's card", [](Engine &e) { return done(e.issueCard(kAnn, kAnnCard, kCashier)); }},
        {"enrol bob", [](Engine &e) { return done(e.enrol({kBob, "bob", "Bob", "", "1234", kCashier})); }},
        {"issue bob's card", [](Engine &e) { return done(e.issueCard(kBob, kBobCard, kCashier)); }},
        {"top up ann 1,000.00", [](Engine &e) { return done(e.topUp({kAnn, 100000, "cash", kCashier, kAnnCard, 0})); }},
        {"top up bob 100.00", [](Engine &e) { return done(e.topUp({kBob, 10000, "card", kCashier, kBobCard, 0})); }},
        {"ann buys 10 wine from stored value", buy(kAnn, kAnnCard, "wine", "stored_value", 10)},
        {"bob buys fish from stored value", buy(kBob, kBobCard, "fish", "stored_value")},
        {"ann buys menu in cash", buy(kAnn, kAnnCard, "menu", "cash")},
        {"ann redeems 100 points of credit",
         [](Engine &e) { return done(e.redeem({kAnn, "credit", 100, "1234", "", kAnnCard, 0, Uuid()})); }},
        {"replace ann's card", [](Engine &e) { return done(e.replaceCard(kAnnCard, kAnnNewCard, kCashier)); }},
        {"ann buys cake on the new card", buy(kAnn, kAnnNewCard, "cake", "stored_value")},
        {"top up ann 100.00 on the new card",
         [](Engine &e) { return done(e.topUp({kAnn, 10000, "cash", kCashier, kAnnNewCard, 0})); }},
        {"bob buys cake in cash", buy(kBob, kBobCard, "cake", "cash")},
    };
}

/// What identifies an entry across runs (random idempotency keys and signing keys aside).
std::string fingerprint(const LedgerEntry &e)
{
    std::ostringstream s;
    s << e.seq << ' ' << static_cast<int>(e.kind) << ' ' << e.timeMs << ' ' << e.card.toString() << ' '
      << e.cardCounter << ' ' << e.member.toString() << ' ' << e.currency << ' ' << e.depositDelta << ' '
      << e.bonusDelta << ' ' << e.pointsDelta << ' ' << e.staff.toString();
    for (const auto &r : e.refs)
        s << ' ' << r;
    return s.str();
}

std::string balancesOf(Engine &e)
{
    std::ostringstream s;
    for (const Uuid &m : {kAnn, kBob}) {
        auto v = e.member(m);
        if (v)
            s << m.toString() << ' ' << v->deposit << ' ' << v->bonus << ' ' << v->points << ' ' << v->cards.size()
              << ';';
    }
    return s.str();
}

/// The state after each number of acknowledged steps in a run without a cut.
struct Reference
{
    std::vector<uint64_t> height;       ///< ledger size after k steps (k = 0..steps)
    std::vector<std::string> balances;  ///< balancesOf after k steps
    std::vector<std::string> entries;   ///< fingerprints of the final ledger, by seq - 1
};

class LedgerCrash : public ::testing::TestWithParam<CrashVfs::Mode>
{
protected:
    void SetUp() override
    {
        auto p = PolicyParser::load(dataPath("engine/policies/base.policy.json"));
        ASSERT_TRUE(p.ok()) << p.error().message;
        policy = std::move(*p);
    }

    /// A fresh data dir (initialised without the shim counting) in @p dir.
    std::filesystem::path freshKiosk(const TempDir &dir)
    {
        vfs.disarm();
        const auto path = dir.path() / "data";
        auto e = Engine::init(path, "crash-kiosk", policy, std::make_shared<ManualClock>(kStartMs));
        EXPECT_TRUE(e.ok()) << e.error().message;
        return path;
    }
    std::unique_ptr<Engine> open(const std::filesystem::path &path, std::shared_ptr<ManualClock> clock)
    {
        auto e = Engine::open(path, policy, std::move(clock));
        EXPECT_TRUE(e.ok()) << e.error().message;
        return e ? std::move(*e) : nullptr;
    }
    /// Runs steps [from, end) one minute apart; returns how many were acknowledged.
    size_t runSteps(Engine &e, ManualClock &clock, size_t from, Reference *ref)
    {
        const auto steps = script();
        size_t k = from;
        for (; k < steps.size(); ++k) {
            clock.set(kStartMs + static_cast<int64_t>(k + 1) * 60'000);
            if (auto r = steps[k].run(e); !r) {
                if (!ref)
                    break; // the cut
                ADD_FAILURE() << steps[k].what << ": " << r.error().message;
                return k;
            }
            if (ref) {
                ref->height.push_back(e.ledger().size());
                ref->balances.push_back(balancesOf(e));
            }
        }
        return k;
    }

    Reference reference()
    {
        TempDir dir;
        const auto path = freshKiosk(dir);
        auto clock = std::make_shared<ManualClock>(kStartMs);
        auto e = open(path, clock);
        Reference ref;
        ref.height.push_back(e->ledger().size());
        ref.balances.push_back(balancesOf(*e));
        runSteps(*e, *clock, 0, &ref);
        for (uint64_t seq = 1; seq <= e->ledger().size(); ++seq)
            ref.entries.push_back(fingerprint(e->ledger().entry(seq)->entry));
        return ref;
    }

    /// Checks the rebooted kiosk after a cut at @p event with @p acked steps acknowledged.
    void checkRecovered(const std::filesystem::path &path, const Reference &ref, size_t acked, uint64_t event,
                        CrashVfs::Mode mode)
    {
        SCOPED_TRACE("cut at event " + std::to_string(event) + (mode == CrashVfs::Mode::Torn ? " (torn)" : " (lost)") +
                     " after " + std::to_string(acked) + " acknowledged steps");
        auto clock = std::make_shared<ManualClock>(kStartMs);
        auto e = open(path, clock);
        ASSERT_TRUE(e);
        const VerifyReport report = e->ledger().verify();
        ASSERT_TRUE(report.ok) << report.problem;
        const uint64_t size = e->ledger().size();
        // Every acknowledged step present; the one in flight all or nothing.
        const bool inFlightLanded = acked + 1 < ref.height.size() && size == ref.height[acked + 1];
        ASSERT_TRUE(size == ref.height[acked] || inFlightLanded)
            << "ledger has " << size << " entries; " << ref.height[acked] << " acknowledged"
            << (acked + 1 < ref.height.size() ? ", " + std::to_string(ref.height[acked + 1]) + " with the step in flight" : "");
        for (uint64_t seq = 1; seq <= size; ++seq)
            ASSERT_EQ(fingerprint(e->ledger().entry(seq)->entry), ref.entries[seq - 1]) << "seq " << seq;
        const size_t done = inFlightLanded ? acked + 1 : acked;
        EXPECT_EQ(balancesOf(*e), ref.balances[done]);
        // The kiosk goes on: the rest of the script ends where the uncut run ended.
        const size_t end = runSteps(*e, *clock, done, nullptr);
        ASSERT_EQ(end, script().size()) << "step " << script()[end].what << " failed after the reboot";
        EXPECT_EQ(e->ledger().size(), ref.height.back());
        EXPECT_EQ(balancesOf(*e), ref.balances.back());
        EXPECT_TRUE(e->ledger().verify().ok);
    }

    Policy policy;
    CrashVfs vfs;
};

TEST_P(LedgerCrash, PowerCutAtEveryWriteAndSyncLosesNothingAcknowledged)
{
    const Reference ref = reference();
    ASSERT_EQ(ref.height.size(), script().size() + 1);
    {
        const CrashVfs::Mode mode = GetParam();
        const uint64_t every = cutEvery();
        uint64_t event = 1, cuts = 0;
        for (;; event += every) {
            TempDir dir;
            const auto path = freshKiosk(dir);
            auto clock = std::make_shared<ManualClock>(kStartMs);
            size_t acked = 0;
            {
                auto e = open(path, clock);
                ASSERT_TRUE(e);
                vfs.arm(event, mode, static_cast<uint32_t>(event));
                acked = runSteps(*e, *clock, 0, nullptr);
            } // the crashed connection closes: nothing more reaches the "disk"
            const bool cut = vfs.crashed();
            vfs.disarm();
            if (!cut) {
                ASSERT_EQ(acked, script().size());
                break;
            }
            // acked == steps: the cut came when the kiosk closed the ledger (its checkpoint).
            checkRecovered(path, ref, acked, event, mode);
            if (HasFatalFailure())
                return;
            ++cuts;
        }
        std::cout << "[ info ] " << (mode == CrashVfs::Mode::Torn ? "torn" : "lost") << ": " << cuts
                  << " power cuts (" << (every == 1 ? "every" : "every " + std::to_string(every) + "th")
                  << " write/truncate/sync of a " << script().size() << "-step script, " << ref.height.back()
                  << " entries), all recovered\n";
        EXPECT_GT(event, script().size()) << "each step writes and syncs at least once";
    }
}

INSTANTIATE_TEST_SUITE_P(Modes, LedgerCrash, ::testing::Values(CrashVfs::Mode::LoseUnsynced, CrashVfs::Mode::Torn),
                         [](const ::testing::TestParamInfo<CrashVfs::Mode> &p) { return p.param == CrashVfs::Mode::Torn ? "Torn" : "LoseUnsynced"; });

} // namespace
