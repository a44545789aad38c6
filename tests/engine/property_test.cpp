// Property: over thousands of random event sequences, each member's balances equal the sums of
// their ledger entries' deltas, points batches minus debt equal the points balance, and
// Ledger::verify() (which rebuilds every projection from the ledger) passes.
#include "core/engine/engine.h"
#include "core/engine/simulator.h"
#include "enginetestsupport.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace tapledger::test {
namespace {

struct Sums
{
    int64_t deposit = 0, bonus = 0, points = 0;
};

std::string randomEvent(std::mt19937_64 &rng, const std::vector<std::string> &handles)
{
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
    const std::string m = handles[static_cast<size_t>(pick(static_cast<int>(handles.size())))];
    const std::string pin = pick(10) == 0 ? "0000" : "1234";
    const std::string amount = std::to_string(pick(60000)) + "." + std::to_string(10 + pick(90));
    const char *skus[] = {"menu", "fish", "cake", "wine", "caviar"};
    switch (pick(12)) {
    case 0:
        return R"({"event":"topup","member":")" + m + R"(","amount":")" + amount + R"(","pay":"cash"})";
    case 1:
    case 2:
        return R"({"event":"purchase","member":")" + m + R"(","items":[{"sku":")" + skus[pick(5)] +
               R"(","qty":)" + std::to_string(1 + pick(3)) + R"(}],"pay":")" + (pick(2) ? "stored_value" : "card") +
               R"(","pin":")" + pin + R"("})";
    case 3:
        return R"({"event":"purchase","member":")" + m + R"(","items":[{"category":"food","amount":")" + amount +
               R"("}],"pay":"cash","voucher":)" + std::to_string(1 + pick(40)) + "}";
    case 4: // half of them return some lines (partial returns; unknown skus and too many fail)
        return R"({"event":"return","member":")" + m + R"(","purchase":)" + std::to_string(1 + pick(60)) +
               (pick(2) ? R"(,"items":[{"sku":")" + std::string(skus[pick(4)]) + R"(","qty":)" + std::to_string(1 + pick(2)) + "}]"
                        : std::string()) +
               "}";
    case 5:
        return R"({"event":"redeem","member":")" + m + R"(","reward":")" + (pick(2) ? "cake-r" : "credit") +
               R"(","points":)" + std::to_string(pick(3) == 0 ? 0 : 50 * (2 + pick(10))) + R"(,"pin":")" + pin + R"("})";
    case 6:
        return R"({"event":"advance","days":)" + std::to_string(pick(40)) + R"(,"hours":)" + std::to_string(pick(24)) + "}";
    case 7:
        return R"({"event":"expire"})";
    case 8:
        return R"({"event":"tier_review"})";
    case 9:
        return R"({"event":"membership","member":")" + m + R"(","pay":"cash"})";
    case 10:
        return R"({"event":"accept_offer","member":")" + m + R"(","offer":")" +
               (pick(2) ? "welcome" : "winback") + R"("})";
    default:
        return pick(4) == 0 ? R"({"event":"refund","member":")" + m + R"("})"
                            : R"({"event":"purchase","member":")" + m +
                                  R"(","items":[{"category":"seafood","amount":")" + amount + R"("}],"pay":"card"})";
    }
}

TEST(EngineProperty, BalancesEqualSumOfEntriesAndVerifyPasses)
{
    const Policy policy = loadTestPolicy("base.policy.json");
    const int scripts = 40, eventsPerScript = 60; // 2,400 random events; a few seconds
    std::mt19937_64 rng(20260501);
    size_t failures = 0, events = 0;
    for (int s = 0; s < scripts; ++s) {
        TempDir tmp;
        TestEngine t = makeTestEngine(tmp.path(), policy, kJan2026);
        ASSERT_TRUE(t.engine);
        Simulator sim(*t.engine, *t.clock, {static_cast<size_t>(1 + s % 7), false});
        const std::vector<std::string> handles = {"a", "b", "c"};
        for (const auto &h : handles)
            ASSERT_TRUE(sim.runLine(R"({"event":"enrol","member":")" + h + R"(","name":"X","pin":"1234"})", 0).ok());
        for (int i = 0; i < eventsPerScript; ++i) {
            auto r = sim.runLine(randomEvent(rng, handles), static_cast<size_t>(i + 1));
            failures += r.ok() ? 0u : 1u;
            ++events;
        }
        ASSERT_TRUE(sim.flush().ok());
        Engine &e = *t.engine;
        ASSERT_TRUE(e.expireDue().ok()); // so that every unspent batch is a future one
        std::map<Uuid, Sums> sums;
        auto all = e.ledger().entries(1, UINT64_MAX);
        ASSERT_TRUE(all.ok());
        for (const auto &st : *all) {
            auto &x = sums[st.entry.member];
            x.deposit += st.entry.depositDelta;
            x.bonus += st.entry.bonusDelta;
            x.points += st.entry.pointsDelta;
        }
        for (const auto &h : handles) {
            const Uuid id = *e.memberByHandle(h);
            const MemberBalance b = e.ledger().balance(id);
            EXPECT_EQ(b.deposit, sums[id].deposit) << "script " << s;
            EXPECT_EQ(b.bonus, sums[id].bonus) << "script " << s;
            EXPECT_EQ(b.points, sums[id].points) << "script " << s;
            auto view = e.member(id);
            ASSERT_TRUE(view.ok());
            int64_t batches = 0;
            for (const auto &x : view->expiries)
                batches += x.points;
            EXPECT_EQ(batches - view->pointsDebt, b.points) << "script " << s; // every batch expires here
            EXPECT_GE(b.bonus, 0);
            EXPECT_GE(b.deposit, 0);
            EXPECT_GE(b.points + view->pointsDebt, 0);
        }
        const VerifyReport report = e.ledger().verify();
        ASSERT_TRUE(report.ok) << "script " << s << ": " << report.problem;
    }
    // The generator must exercise both paths, or the property proves little.
    EXPECT_GT(failures, events / 10);
    EXPECT_LT(failures, events * 9 / 10);
}

} // namespace
} // namespace tapledger::test
