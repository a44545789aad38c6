// `tapledger-hq report NAME --data DIR --out DIR` through the real binary over an HQ that two real
// kiosks synced to (docs/crm.md, "Reports").
#include "core/money.h"
#include "sync/hq/hqtestsupport.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace fs = std::filesystem;

namespace tapledger::test {
namespace {

const std::string kHq = TAPLEDGER_HQ_PATH;

/// The cells of the last line of CSV text without quoted fields (the liability report's).
std::vector<std::string> lastRow(const std::string &csv)
{
    std::istringstream in(csv);
    std::string line, last;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!line.empty())
            last = line;
    }
    std::vector<std::string> cells;
    std::istringstream row(last);
    for (std::string cell; std::getline(row, cell, ',');)
        cells.push_back(cell);
    return cells;
}

class ReportCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        TestHq hq(m_tmp.path() / "hq");
        hq.start();
        {
            TestKiosk kiosk(m_tmp.path() / "k1", "lobby-1", syncTestPolicy(), hq);
            auto [ann, annCard] = enrolWithCard(kiosk.engine(), "ann");
            auto [bob, bobCard] = enrolWithCard(kiosk.engine(), "bob");
            ASSERT_TRUE(kiosk.engine().topUp({ann, 15'000, "cash", Uuid(), annCard}).ok());
            ASSERT_TRUE(kiosk.engine().topUp({bob, 32'000, "card", Uuid(), bobCard}).ok());
            ASSERT_TRUE(kiosk.engine().purchase(purchaseOf(ann, annCard, "fish", "stored_value")).ok());
            kiosk.clock().advance(40 * 86400000LL);
            ASSERT_TRUE(kiosk.engine().purchase(purchaseOf(bob, bobCard, "menu", "cash")).ok());
            ASSERT_TRUE(kiosk.round());
        }
        hq.close();
        fs::copy_file(dataPath("engine/policies/base.policy.json"), dir() / "policy.json");
    }
    fs::path dir() const { return m_tmp.path() / "hq"; }
    fs::path out() const { return m_tmp.path() / "out"; }
    ProcessResult hq(std::vector<std::string> args)
    {
        args.insert(args.begin(), kHq);
        return runProcess(args);
    }
    TempDir m_tmp;
};

TEST_F(ReportCli, AllWritesEveryReportAndSaysSoInOneLineEach)
{
    auto r =
        hq({"report", "all", "--data", dir().string(), "--out", out().string(), "--as-of", "2026-04-30"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.err, "") << "no progress bar when stderr is not a terminal";
    std::istringstream lines(r.out);
    std::string line;
    for (const char *name : {"settlement", "liability", "segments", "cards"}) {
        ASSERT_TRUE(std::getline(lines, line)) << r.out;
        const std::string csv = (out() / (std::string(name) + ".csv")).string();
        const std::string html = (out() / (std::string(name) + ".html")).string();
        EXPECT_EQ(line.rfind("ok: wrote " + csv + " and " + html + " (", 0), 0u) << line;
        EXPECT_FALSE(readFile(csv).empty());
        const std::string page = readFile(html);
        EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u) << name;
        EXPECT_NE(page.find("<svg"), std::string::npos) << name;
        EXPECT_EQ(page.find("<script"), std::string::npos) << name;
    }
    EXPECT_FALSE(std::getline(lines, line)) << line;
    // Four month-ends from January; the kiosk's first day is 1 March.
    const std::string cards = readFile(out() / "cards.csv");
    EXPECT_NE(cards.find("\r\n2026-03-31,2,2,"), std::string::npos) << cards;
}

TEST_F(ReportCli, LiabilityAsOfTodayEqualsTheBalancesSummed)
{
    auto balances = hq({"balances", "--data", dir().string()});
    ASSERT_EQ(balances.exitCode, 0) << balances.err;
    int64_t deposit = 0, bonus = 0, points = 0, debt = 0;
    std::istringstream in(balances.out);
    for (std::string line; std::getline(in, line);) {
        const auto j = nlohmann::json::parse(line);
        deposit += j["deposit"].get<int64_t>();
        bonus += j["bonus"].get<int64_t>();
        points += j["points"].get<int64_t>();
        debt += j["debt"].get<int64_t>();
    }
    // 150.00 + 320.00 deposited; the fish (60.00) took Ann's 10.00 bonus first, then 50.00 deposit;
    // Bob's bonus for 320.00 is 50.00.
    EXPECT_EQ(deposit, 15'000 + 32'000 - 5'000);
    EXPECT_EQ(bonus, 5'000);
    struct Case
    {
        std::vector<std::string> extra;
    };
    for (const Case &c : std::vector<Case>{{{}}, {{"--by", "day"}}, {{"--months", "1"}}}) {
        std::vector<std::string> args{"report",       "liability", "--data",
                                      dir().string(), "--out",     out().string()};
        args.insert(args.end(), c.extra.begin(), c.extra.end());
        auto r = hq(args);
        ASSERT_EQ(r.exitCode, 0) << r.err;
        const auto row = lastRow(readFile(out() / "liability.csv"));
        ASSERT_EQ(row.size(), 7u);
        EXPECT_EQ(row[1], formatMinorUnits(deposit, 2));
        EXPECT_EQ(row[2], formatMinorUnits(bonus, 2));
        EXPECT_EQ(row[3], formatMinorUnits(deposit + bonus, 2));
        EXPECT_EQ(row[4], std::to_string(points));
        EXPECT_EQ(row[5], formatMinorUnits(debt, 2));
    }
    // On the first day: the same stored value (the later menu was paid in cash), fewer points.
    auto early = hq({"report", "liability", "--data", dir().string(), "--out", out().string(), "--as-of",
                     "2026-03-01", "--months", "1"});
    ASSERT_EQ(early.exitCode, 0) << early.err;
    const auto row = lastRow(readFile(out() / "liability.csv"));
    ASSERT_EQ(row.size(), 7u);
    EXPECT_EQ(row[0], "2026-03-01");
    EXPECT_EQ(row[1], formatMinorUnits(deposit, 2));
    EXPECT_EQ(row[2], formatMinorUnits(bonus, 2));
    EXPECT_LT(std::stoll(row[4]), points) << "the menu earned points";
}

TEST_F(ReportCli, FailuresExitOneWithAReasonUsageExitsTwo)
{
    fs::create_directories(m_tmp.path());
    std::ofstream(m_tmp.path() / "a-file") << "x";
    struct Case
    {
        std::vector<std::string> args;
        int exitCode;
        std::string says;
    };
    const std::string d = dir().string(), o = out().string();
    const std::vector<Case> cases{
        {{"report", "sales", "--data", d, "--out", o},
         1,
         "unknown report 'sales' (known: settlement, liability, segments, cards, all)"},
        {{"report", "cards", "--data", d, "--out", o, "--as-of", "2026-02-30"},
         1,
         "--as-of must be a date YYYY-MM-DD"},
        {{"report", "settlement", "--data", d, "--out", o, "--date", "yesterday"},
         1,
         "--date must be a date"},
        {{"report", "settlement", "--data", d, "--out", o, "--from", "2026-05-02", "--to", "2026-05-01"},
         1,
         "is after the as-of day"},
        {{"report", "cards", "--data", d, "--out", (m_tmp.path() / "a-file").string()},
         1,
         "is not a writable directory"},
        {{"report", "cards", "--data", (m_tmp.path() / "nowhere").string(), "--out", o}, 1, ""},
        {{"report", "cards", "--data", d}, 2, "--out"},
        {{"report", "--data", d, "--out", o}, 2, "name"},
        {{"report", "liability", "--data", d, "--out", o, "--by", "week"}, 2, "--by"},
        {{"report", "segments", "--data", d, "--out", o, "--months", "0"}, 2, "--months"},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.args[1]);
        auto r = hq(c.args);
        EXPECT_EQ(r.exitCode, c.exitCode) << r.err;
        EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "");
        if (c.exitCode == 1) {
            EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
        }
    }
    EXPECT_FALSE(fs::exists(out() / "cards.csv")) << "a failed report writes nothing";
    auto help = hq({"report", "--help"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("--window-days"), std::string::npos);
}

TEST_F(ReportCli, ProgressBarOnATerminalOnly)
{
    // script(1) runs the command on a pseudo-terminal: stderr is a terminal there.
    const std::string cmd = kHq + " report segments --data " + dir().string() + " --out " + out().string() +
                            " --as-of 2026-04-30 --months 3";
    auto r = runProcess({"script", "-qec", cmd, "/dev/null"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("] 3/3 segments"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("ok: wrote"), std::string::npos) << r.out;
}

} // namespace
} // namespace tapledger::test
