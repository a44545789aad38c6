// The real `tapledger` binary on engine ledgers: `sim` on the worked example and on scripts with a
// bad line (the error names the line, exit 1, nothing of the bad event written), and
// `ledger verify` rebuilding and comparing the engine's projections, catching a tampered row.
#include "support/testsupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <fstream>
#include <sstream>

using namespace tapledger::test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
const fs::path kExamples = fs::path(TAPLEDGER_TEST_DATA_DIR).parent_path().parent_path() / "docs" / "examples";
const std::string kPolicy = (kExamples / "hotel-restaurant.policy.json").string();
const std::string kScript = (kExamples / "hotel-restaurant.sim.jsonl").string();

ProcessResult cli(std::vector<std::string> args)
{
    args.insert(args.begin(), cliPath());
    return runProcess(args);
}

ProcessResult sim(const std::string &script, const std::string &data = "")
{
    std::vector<std::string> args = {"sim", "--policy", kPolicy, "--script", script, "--no-history"};
    if (!data.empty())
        args.insert(args.end(), {"--data", data});
    return cli(args);
}

/// The first @p n lines of the worked example script.
std::vector<std::string> exampleLines(size_t n)
{
    std::ifstream in(kScript);
    std::vector<std::string> lines;
    for (std::string line; lines.size() < n && std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

std::string writeScript(const fs::path &path, const std::vector<std::string> &lines)
{
    std::ofstream out(path);
    for (const auto &l : lines)
        out << l << "\n";
    return path.string();
}

/// Every ledger entry as JSON lines (`tapledger ledger show`).
std::string ledgerShow(const std::string &data)
{
    auto r = cli({"ledger", "show", "--data", data});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return r.out;
}

void execSql(const fs::path &db, const std::string &sql)
{
    sqlite3 *raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    char *msg = nullptr;
    const int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &msg);
    EXPECT_EQ(rc, SQLITE_OK) << (msg ? msg : "") << " in " << sql;
    EXPECT_EQ(sqlite3_changes(raw), 1) << sql << " should change exactly one row";
    sqlite3_free(msg);
    sqlite3_close(raw);
}
} // namespace

TEST(CliSim, WorkedExampleRunsThroughTheBinary)
{
    auto r = sim(kScript);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const json state = json::parse(r.out);
    EXPECT_FALSE(state.contains("error")) << state.dump();
    EXPECT_EQ(state["events"], 13);
    EXPECT_EQ(state["ledger"]["verify"], "ok");
    ASSERT_TRUE(state["members"].contains("li-wei")) << r.out;
    EXPECT_GT(state["ledger"]["entries"].get<int>(), 13);
}

TEST(CliSim, BadLineIsNamedAndNothingOfItIsWritten)
{
    // Line 6 fails; the five lines before it run (enrol, card, top-up 3000.00, a purchase).
    struct Case
    {
        const char *name;
        std::string line;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"unknown sku", R"({"event": "purchase", "card": "card-001", "items": [{"sku": "caviar"}], "pay": "cash"})",
         "unknown item 'caviar'"},
        {"insufficient stored value",
         R"({"event": "purchase", "card": "card-001", "items": [{"sku": "lobster", "qty": 20}], "pay": "stored_value", "pin": "2468"})",
         "insufficient stored value"},
        {"wrong PIN", R"({"event": "purchase", "card": "card-001", "items": [{"sku": "tea-pot"}], "pay": "stored_value", "pin": "0000"})",
         "wrong PIN"},
        {"unknown member", R"({"event": "topup", "member": "nobody", "amount": "10.00", "pay": "cash"})", "unknown member"},
        {"not JSON", R"({"event": "purchase", )", ""},
        {"unknown event", R"({"event": "teleport"})", ""},
    };
    TempDir tmp;
    const std::string goodData = (tmp.path() / "good").string();
    auto good = sim(writeScript(tmp.path() / "good.jsonl", exampleLines(5)), goodData);
    ASSERT_EQ(good.exitCode, 0) << good.err;
    const std::string goodLedger = ledgerShow(goodData);
    ASSERT_FALSE(goodLedger.empty());

    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        auto lines = exampleLines(5);
        lines.push_back(c.line);
        lines.push_back(R"({"event": "topup", "card": "card-001", "amount": "100.00", "pay": "cash"})");
        const fs::path dir = tmp.path() / c.name;
        auto r = sim(writeScript(tmp.path() / (std::string(c.name) + ".jsonl"), lines), dir.string());
        EXPECT_EQ(r.exitCode, 1) << r.out;
        EXPECT_NE(r.err.find("line 6: "), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
        const json state = json::parse(r.out);
        ASSERT_TRUE(state.contains("error")) << r.out;
        EXPECT_EQ(state["error"].get<std::string>().rfind("line 6: ", 0), 0u) << state["error"];
        EXPECT_EQ(state["events"], 5);
        // Nothing of line 6 (and nothing after it) reached the ledger.
        EXPECT_EQ(ledgerShow(dir.string()).size(), goodLedger.size());
        auto verify = cli({"ledger", "verify", "--data", dir.string()});
        EXPECT_EQ(verify.exitCode, 0) << verify.err;
    }
}

TEST(CliLedgerVerify, RebuildsAndComparesTheEngineProjections)
{
    struct Case
    {
        const char *table;
        std::string tamper;
        std::string problem; ///< what verify must say after "<table>: row <key>"
    };
    const std::vector<Case> cases = {
        {"engine_point_batches",
         "UPDATE engine_point_batches SET remaining = remaining + 7 WHERE seq = (SELECT max(seq) FROM engine_point_batches)",
         ": remaining is "},
        {"engine_vouchers", "UPDATE engine_vouchers SET status = 'open' WHERE status = 'used'",
         ": status is 'open' but the ledger gives 'used'"},
        {"engine_members", "UPDATE engine_members SET tier = 'platinum'", ": tier is 'platinum' but the ledger gives ''"},
        {"engine_purchases",
         "UPDATE engine_purchases SET points_earned = points_earned + 1 WHERE seq = (SELECT min(seq) FROM engine_purchases)",
         ": points_earned is "},
        {"engine_counters",
         "UPDATE engine_counters SET value = value + 1 WHERE key = (SELECT min(key) FROM engine_counters WHERE key LIKE 'reward:%')",
         ": value is "},
        {"engine_cards", "DELETE FROM engine_cards", " is missing (rebuilt from the ledger: "},
    };
    TempDir tmp;
    for (const auto &c : cases) {
        SCOPED_TRACE(c.table);
        const fs::path dir = tmp.path() / c.table;
        auto r = sim(kScript, dir.string());
        ASSERT_EQ(r.exitCode, 0) << r.err;
        auto ok = cli({"ledger", "verify", "--data", dir.string()});
        ASSERT_EQ(ok.exitCode, 0) << ok.err;
        EXPECT_EQ(ok.out.rfind("ok: ", 0), 0u) << ok.out;

        execSql(dir / "ledger.db", c.tamper);
        auto bad = cli({"ledger", "verify", "--data", dir.string()});
        EXPECT_EQ(bad.exitCode, 1) << bad.out;
        const std::string prefix = "verify FAILED: derived state disagrees with the ledger: " + std::string(c.table) + ": row ";
        EXPECT_NE(bad.err.find(prefix), std::string::npos) << bad.err;
        EXPECT_NE(bad.err.find(c.problem, bad.err.find(prefix) + prefix.size()), std::string::npos) << bad.err;
    }
}
