// The `tapledger` CLI end to end: init, append, verify, export + `openssl pkeyutl -verify`,
// show, head, and every bad input giving a clear message, a non-zero exit and no change.
#include "support/testsupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <fstream>

using namespace tapledger::test;
namespace fs = std::filesystem;

namespace {
const std::string kMember = "6b2acad5-a0c2-40b0-b570-554632cf9e4f";

ProcessResult cli(std::vector<std::string> args)
{
    args.insert(args.begin(), cliPath());
    return runProcess(args);
}

class CliTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        data = (tmp.path() / "kiosk").string();
        auto r = cli({"init", "--data", data, "--kiosk-id", "lobby-1"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        ASSERT_NE(r.out.find("initialised kiosk lobby-1"), std::string::npos);
        append({"--kind", "topup", "--member", kMember, "--value", "100.00", "EUR"});
        append({"--kind", "earn", "--member", kMember, "--points", "120", "--ref", "rule:earn-std@3", "--extra",
                R"({"spend": 12000})"});
    }
    void append(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"ledger", "append", "--data", data});
        auto r = cli(args);
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    std::string ledgerBytes() { return readFile(fs::path(data) / "ledger.db"); }
    TempDir tmp;
    std::string data;
};
} // namespace

TEST_F(CliTest, VerifyPrintsTheOneLineSummary)
{
    auto r = cli({"ledger", "verify", "--data", data});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.out.rfind("ok: 2 entries, head ", 0) == 0) << r.out;
    EXPECT_EQ(r.out.size(), std::string("ok: 2 entries, head ").size() + 64 + 1);
}

TEST_F(CliTest, ExportedEntryVerifiesWithTheOpensslCli)
{
    const fs::path out = tmp.path() / "export";
    auto r = cli({"ledger", "export", "--data", data, "--seq", "2", "--out", out.string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(fs::file_size(out / "entry.sig"), 64u);
    const std::vector<std::string> verify = {OPENSSL_EXECUTABLE, "pkeyutl", "-verify", "-pubin", "-inkey",
                                             (out / "device.pub.pem").string(), "-rawin", "-in",
                                             (out / "entry.bin").string(), "-sigfile", (out / "entry.sig").string()};
    auto ok = runProcess(verify);
    EXPECT_EQ(ok.exitCode, 0) << ok.err;
    EXPECT_NE(ok.out.find("Signature Verified Successfully"), std::string::npos) << ok.out;

    // The same check fails on a changed entry: the signature covers every byte.
    std::string bin = readFile(out / "entry.bin");
    bin[bin.size() / 2] ^= 1;
    std::ofstream(out / "entry.bin", std::ios::binary | std::ios::trunc) << bin;
    auto bad = runProcess(verify);
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_NE(bad.out.find("Signature Verification Failure"), std::string::npos) << bad.out;
}

TEST_F(CliTest, ShowAndHeadPrintJson)
{
    auto show = cli({"ledger", "show", "--data", data});
    ASSERT_EQ(show.exitCode, 0);
    std::istringstream lines(show.out);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
        auto j = nlohmann::json::parse(line);
        EXPECT_EQ(j["seq"], ++n);
        EXPECT_EQ(j["kiosk_id"], "lobby-1");
    }
    EXPECT_EQ(n, 2);
    auto from2 = cli({"ledger", "show", "--data", data, "--from", "2"});
    auto j = nlohmann::json::parse(from2.out);
    EXPECT_EQ(j["points_delta"], 120);
    EXPECT_EQ(j["refs"][0], "rule:earn-std@3");
    EXPECT_EQ(j["extra"]["spend"], 12000);

    auto head = cli({"ledger", "head", "--data", data});
    ASSERT_EQ(head.exitCode, 0) << head.err;
    auto h = nlohmann::json::parse(head.out);
    EXPECT_EQ(h["tree_size"], 2);
    EXPECT_EQ(h["signature"].get<std::string>().size(), 128u);
}

TEST_F(CliTest, EveryBadInputFailsClearlyAndWritesNothing)
{
    struct Case
    {
        const char *name;
        std::vector<std::string> args;
        int exitCode;
        const char *message;
    };
    const std::string d = data;
    const Case cases[] = {
        {"negative points", {"ledger", "append", "--data", d, "--kind", "earn", "--member", kMember, "--points", "-5"}, 2, "whole number"},
        {"overflowing points", {"ledger", "append", "--data", d, "--kind", "earn", "--member", kMember, "--points", "99999999999999999999"}, 2, "whole number"},
        {"sum overflows", {"ledger", "append", "--data", d, "--kind", "earn", "--member", kMember, "--points", "9223372036854775807"}, 1, "overflows"},
        {"unknown kind", {"ledger", "append", "--data", d, "--kind", "bogus", "--member", kMember}, 1, "unknown entry kind"},
        {"bad member id", {"ledger", "append", "--data", d, "--kind", "earn", "--member", "alice", "--points", "1"}, 2, "invalid id"},
        {"unknown currency", {"ledger", "append", "--data", d, "--kind", "topup", "--member", kMember, "--value", "5", "XYZ"}, 1, "unknown currency"},
        {"too many decimals", {"ledger", "append", "--data", d, "--kind", "topup", "--member", kMember, "--value", "5.001", "EUR"}, 1, "decimal places"},
        {"other currency", {"ledger", "append", "--data", d, "--kind", "topup", "--member", kMember, "--value", "5", "USD"}, 1, "holds stored value in EUR"},
        {"insufficient points", {"ledger", "append", "--data", d, "--kind", "redeem", "--member", kMember, "--points", "500"}, 1, "insufficient points"},
        {"amount on a no-amount kind", {"ledger", "append", "--data", d, "--kind", "feedback", "--member", kMember, "--points", "5"}, 2, "carries no amounts"},
        {"float in extra", {"ledger", "append", "--data", d, "--kind", "earn", "--member", kMember, "--points", "1", "--extra", R"({"r":0.5})"}, 1, "floating-point"},
        {"missing data dir", {"ledger", "verify", "--data", d + "-nope"}, 1, "no data directory"},
        {"init over existing", {"init", "--data", d}, 1, "refusing to overwrite"},
        {"unknown seq", {"ledger", "export", "--data", d, "--seq", "9", "--out", d + "-x"}, 1, "no entry with seq 9"},
        {"missing required option", {"ledger", "append", "--data", d}, 2, "--kind is required"},
    };
    const std::string before = ledgerBytes();
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        auto r = cli(c.args);
        EXPECT_EQ(r.exitCode, c.exitCode) << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    }
    EXPECT_EQ(ledgerBytes(), before) << "a failed command changed the ledger";
    auto verify = cli({"ledger", "verify", "--data", data});
    EXPECT_EQ(verify.exitCode, 0) << verify.err;
}

TEST_F(CliTest, HelpOnEverySubcommand)
{
    for (const auto &args : std::vector<std::vector<std::string>>{{"--help"}, {"init", "--help"}, {"ledger", "--help"},
                                                                    {"ledger", "append", "--help"}, {"ledger", "verify", "--help"},
                                                                    {"ledger", "export", "--help"}, {"ledger", "show", "--help"},
                                                                    {"ledger", "head", "--help"}}) {
        auto r = cli(args);
        EXPECT_EQ(r.exitCode, 0);
        EXPECT_NE(r.out.find("Usage"), std::string::npos) << args.front();
    }
}

TEST_F(CliTest, VerifyNamesTheTamperedSeq)
{
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open((fs::path(data) / "ledger.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "DROP TRIGGER entries_no_update;"
                           "UPDATE entries SET body = substr(body, 1, 60) || x'ff' || substr(body, 62) WHERE seq = 2",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    auto r = cli({"ledger", "verify", "--data", data});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("seq 2"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("verify FAILED"), std::string::npos) << r.err;
}
