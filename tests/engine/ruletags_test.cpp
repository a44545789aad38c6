// Every value line names the rule that produced it (docs/engine.md, "Rule tags"): over every golden
// case script, each entry of a kind that comes from a rule carries "rule" and "version" in its
// extra and the matching "rule:<id>@<v>" ref (redemptions name their reward, offer vouchers their
// offer).
#include "core/engine/simulator.h"
#include "enginetestsupport.h"
#include "support/testsupport.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

namespace tapledger::test {
namespace {

std::string trimmed(std::string s)
{
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

bool hasRef(const LedgerEntry &e, const std::string &ref)
{
    return std::find(e.refs.begin(), e.refs.end(), ref) != e.refs.end();
}

TEST(RuleTags, EveryValueLineOfEveryGoldenCaseNamesItsRule)
{
    // Kinds whose entries always come from a rule. (A top-up names its tier only when a bonus
    // tier was reached; adjustments, transfers and HQ adoptions are decisions, not rules.)
    const std::set<EntryKind> ruled = {EntryKind::Pay,         EntryKind::Earn,       EntryKind::TierChange,
                                       EntryKind::VoucherIssue, EntryKind::VoucherUse, EntryKind::VoucherExpire,
                                       EntryKind::Return,      EntryKind::Refund,     EntryKind::PointsExpire,
                                       EntryKind::Membership,  EntryKind::Redeem};
    std::set<EntryKind> seen;
    for (const auto &dirEntry : std::filesystem::directory_iterator(dataPath("engine/cases"))) {
        if (!dirEntry.is_directory())
            continue;
        const std::string name = dirEntry.path().filename().string();
        SCOPED_TRACE(name);
        const std::string dir = "engine/cases/" + name;
        const Policy policy = loadTestPolicy(trimmed(readFile(dataPath(dir + "/policy.txt"))));
        TempDir tmp;
        TestEngine t = makeTestEngine(tmp.path(), policy, kJan2026);
        ASSERT_TRUE(t.engine);
        Simulator sim(*t.engine, *t.clock, {});
        std::ifstream script(dataPath(dir + "/script.jsonl"));
        (void)sim.run(script); // error cases stop part-way: what was written still counts
        const Ledger &ledger = t.engine->ledger();
        for (uint64_t seq = 1; seq <= ledger.size(); ++seq) {
            auto stored = ledger.entry(seq);
            ASSERT_TRUE(stored.ok());
            const LedgerEntry &e = stored->entry;
            if (!ruled.count(e.kind) || (e.kind == EntryKind::Earn && e.pointsDelta == 0))
                continue;
            seen.insert(e.kind);
            const auto x = nlohmann::json::parse(e.extra.empty() ? std::string("{}") : e.extra);
            SCOPED_TRACE("seq " + std::to_string(seq) + " " + std::string(entryKindName(e.kind)) + " " + e.extra);
            if (e.kind == EntryKind::Redeem) {
                EXPECT_TRUE(x.contains("reward") && x.contains("version"));
                continue;
            }
            const bool byOffer = x.contains("offer");
            if (byOffer) {
                EXPECT_TRUE(x.contains("offer_version"));
                if (e.kind == EntryKind::VoucherIssue || e.kind == EntryKind::Earn)
                    continue; // named by their offer (ref offer:<source>:<id>@<v>)
            }
            ASSERT_TRUE(x.contains("rule") && x["rule"].is_string()) << "no rule id";
            ASSERT_TRUE(x.contains("version") && x["version"].is_number_integer()) << "no rule version";
            const std::string rule = x["rule"].get<std::string>();
            EXPECT_FALSE(rule.empty());
            EXPECT_TRUE(hasRef(e, "rule:" + rule + "@" + std::to_string(x["version"].get<int64_t>())))
                << "no rule ref";
        }
    }
    // The golden cases exercise every kind the issue named.
    for (EntryKind k : {EntryKind::Pay, EntryKind::TierChange, EntryKind::VoucherUse, EntryKind::VoucherExpire,
                        EntryKind::Return, EntryKind::Refund, EntryKind::PointsExpire})
        EXPECT_TRUE(seen.count(k)) << entryKindName(k) << " never occurs in the golden cases";
}

} // namespace
} // namespace tapledger::test
