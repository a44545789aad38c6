// `tapledger-hq import purchases`, `analytics` and `members` through the real binary on the
// fixtures of tests/data/crm (docs/crm.md, "Command line contract").
#include "support/testsupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace tapledger::test {
namespace {

const std::string kHq = TAPLEDGER_HQ_PATH;

class CrmCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto init = hq({"init", "--data", dir().string()});
        ASSERT_EQ(init.exitCode, 0) << init.err;
        fs::copy_file(TAPLEDGER_EXAMPLE_POLICY, dir() / "policy.json");
    }
    fs::path dir() const { return m_tmp.path() / "hq"; }
    ProcessResult hq(std::vector<std::string> args)
    {
        args.insert(args.begin(), kHq);
        return runProcess(args);
    }
    ProcessResult importCsv(const std::string &fixture)
    {
        return hq({"import", "purchases", "--data", dir().string(), "--csv", dataPath("crm/" + fixture).string()});
    }
    std::vector<json> members(const std::string &asOf)
    {
        auto r = hq({"members", "--data", dir().string(), "--as-of", asOf, "--json"});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        std::vector<json> out;
        std::istringstream in(r.out);
        for (std::string line; std::getline(in, line);) {
            auto j = json::parse(line, nullptr, false);
            EXPECT_FALSE(j.is_discarded()) << line;
            out.push_back(j);
        }
        return out;
    }
    TempDir m_tmp;
};

TEST_F(CrmCli, ImportThenAnalyse)
{
    auto first = importCsv("valid/purchases.csv");
    ASSERT_EQ(first.exitCode, 0) << first.err;
    EXPECT_NE(first.out.find("imported 10 rows"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("10 new, 0 already stored, 4 new members"), std::string::npos) << first.out;
    auto again = importCsv("valid/purchases.csv");
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.out.find("0 new, 10 already stored, 0 new members"), std::string::npos) << again.out;

    auto a = hq({"analytics", "--data", dir().string(), "--as-of", "2026-06-30", "--json"});
    ASSERT_EQ(a.exitCode, 0) << a.err;
    const json summary = json::parse(a.out);
    EXPECT_EQ(summary["as_of"], "2026-06-30");
    EXPECT_EQ(summary["members"], 4);
    EXPECT_EQ(summary["pyramid"], (json{{"vip", 1}, {"major", 0}, {"ordinary", 0}, {"small", 3}}));
    EXPECT_EQ(summary["quadrants"], (json{{"A", 1}, {"B", 1}, {"C", 1}, {"D", 1}}));
    ASSERT_TRUE(summary["liveness"].is_object()) << a.out;
    EXPECT_EQ(summary["liveness"]["model"], "bg-nbd");
    for (const char *k : {"r", "alpha_days", "a", "b", "log_likelihood", "expected_alive"})
        EXPECT_TRUE(summary["liveness"][k].is_number()) << k;
    EXPECT_NEAR(summary["top_fifth_share"].get<double>(), 10000.0 / 23802.0, 1e-12); // carl's 100.00 of 238.02

    const auto lines = members("2026-06-30");
    ASSERT_EQ(lines.size(), 4u);
    std::map<std::string, json> byMember;
    for (const auto &l : lines)
        byMember[l["member"]] = l;
    const json &ann = byMember.at("guest-ann");
    EXPECT_EQ(ann["visits"], 4); // 0.00 counts, two receipt lines on one day are one visit
    EXPECT_EQ(ann["spend"], "74.02");
    EXPECT_EQ(ann["first"], "2026-01-03");
    EXPECT_EQ(ann["last"], "2026-04-20");
    EXPECT_EQ(ann["quadrant"], "D");
    EXPECT_EQ(ann["pyramid"], "small");
    EXPECT_EQ(ann["rfm"].get<std::string>().size(), 3u);
    const json &bob = byMember.at("guest-bob");
    EXPECT_EQ(bob["visits"], 2);
    EXPECT_EQ(bob["spend"], "59.00");
    EXPECT_EQ(bob["last"], "2026-05-31"); // 23:30Z is 07:30 next morning in Shanghai
    EXPECT_EQ(bob["quadrant"], "B");
    EXPECT_EQ(byMember.at("guest \"carl\"")["pyramid"], "vip");
    EXPECT_EQ(byMember.at("guest \"carl\"")["quadrant"], "A");
    EXPECT_EQ(byMember.at("guest \"carl\"")["p_alive"], 1.0); // no repeat visit
    EXPECT_EQ(byMember.at("guest-dora")["quadrant"], "C");
    double sum = 0;
    for (const auto &l : lines) {
        ASSERT_TRUE(l["p_alive"].is_number()) << l.dump();
        sum += l["p_alive"].get<double>();
        EXPECT_TRUE(l["expected_90d"].is_number()) << l.dump();
    }
    EXPECT_NEAR(summary["liveness"]["expected_alive"].get<double>(), sum, 1e-9);

    // As of an earlier day, later purchases are ignored.
    const auto early = members("2026-01-31");
    ASSERT_EQ(early.size(), 2u); // ann and bob
    for (const auto &l : early)
        EXPECT_NE(l["member"], "guest-dora");
}

TEST_F(CrmCli, BadRowExitsOneNamingTheLineAndImportsNothing)
{
    auto bad = importCsv("invalid/bad-time-after-multiline-field.csv");
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find("line 4: time 'yesterday'"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("nothing imported"), std::string::npos) << bad.err;
    auto a = hq({"analytics", "--data", dir().string(), "--as-of", "2026-06-30", "--json"});
    ASSERT_EQ(a.exitCode, 0) << a.err;
    const json summary = json::parse(a.out);
    EXPECT_EQ(summary["members"], 0);
    EXPECT_TRUE(summary["liveness"].is_null());
}

TEST_F(CrmCli, UsageAndHelp)
{
    auto help = hq({"import", "purchases", "--help"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("--csv"), std::string::npos);
    EXPECT_EQ(hq({"import", "purchases", "--data", dir().string()}).exitCode, 2); // no --csv
    EXPECT_EQ(hq({"analytics", "--data", dir().string(), "--as-of", "30/06/2026"}).exitCode, 2);
    EXPECT_EQ(hq({"analytics", "--data", dir().string(), "--window-days", "0"}).exitCode, 2);
    auto missing = hq({"import", "purchases", "--data", dir().string(), "--csv", (m_tmp.path() / "none.csv").string()});
    EXPECT_EQ(missing.exitCode, 1);
    fs::remove(dir() / "policy.json");
    auto noPolicy = importCsv("valid/purchases.csv");
    EXPECT_EQ(noPolicy.exitCode, 1);
    EXPECT_NE(noPolicy.err.find("HQ has no venue policy"), std::string::npos) << noPolicy.err;
}

// Once HQ has published the program policy, the CRM takes its venue from it: no policy file needed.
TEST_F(CrmCli, ImportUsesThePublishedPolicy)
{
    fs::remove(dir() / "policy.json");
    auto pub = hq({"publish-policy", "--data", dir().string(), "--policy", TAPLEDGER_EXAMPLE_POLICY, "--effective", "now"});
    ASSERT_EQ(pub.exitCode, 0) << pub.err;
    auto imported = importCsv("valid/purchases.csv");
    ASSERT_EQ(imported.exitCode, 0) << imported.err;
    EXPECT_NE(imported.out.find("imported 10 rows"), std::string::npos) << imported.out;
    EXPECT_FALSE(members("2026-06-30").empty());
}

// `offers`: the example policy's segment rules over the analysis. Imported members have no card at
// a kiosk yet, so they qualify but nothing is sent; a dry run and a real run say so.
TEST_F(CrmCli, OffersRankImportedMembersButSendNothingWithoutAKiosk)
{
    ASSERT_EQ(importCsv("valid/purchases.csv").exitCode, 0);
    auto dry = hq({"offers", "--data", dir().string(), "--as-of", "2026-06-30", "--dry-run", "--json"});
    ASSERT_EQ(dry.exitCode, 0) << dry.err;
    EXPECT_NE(dry.out.find("dry run: 4 members analysed as of 2026-06-30"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("vip-thanks: 1"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("known only from imports"), std::string::npos) << dry.out;
    std::istringstream lines(dry.out);
    size_t members = 0;
    for (std::string line; std::getline(lines, line) && line.front() == '{'; ++members) {
        const auto j = json::parse(line);
        EXPECT_FALSE(j.at("at_kiosks").get<bool>());
        EXPECT_FALSE(j.at("offers").empty());
    }
    EXPECT_GE(members, 1u);
    auto real = hq({"offers", "--data", dir().string(), "--as-of", "2026-06-30"});
    ASSERT_EQ(real.exitCode, 0) << real.err;
    EXPECT_NE(real.out.find("published 0, unchanged 0, withdrawn 0"), std::string::npos) << real.out;
    EXPECT_EQ(hq({"offers", "--data", dir().string(), "--valid-days", "0"}).exitCode, 2);
}

} // namespace
} // namespace tapledger::test
