// `tapledger-hq duplicates` and `merge-members` through the real binary on an HQ that two real
// kiosks synced the same person to (docs/crm.md, "Duplicates and merge").
#include "../hq/hqtestsupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

using nlohmann::json;

namespace tapledger::test {
namespace {

const std::string kHq = TAPLEDGER_HQ_PATH;

class MergeCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        hq = std::make_unique<TestHq>(tmp.path() / "hq");
        a = std::make_unique<TestKiosk>(tmp.path() / "kiosks", "lobby-1", syncTestPolicy(), *hq);
        b = std::make_unique<TestKiosk>(tmp.path() / "kiosks", "bar-2", syncTestPolicy(), *hq);
        auto latin = a->engine().enrol(EnrolRequest{Uuid(), "li", "Li Wei", "", "1234", Uuid(), "+86 138 0013 8000"});
        auto han = b->engine().enrol(EnrolRequest{Uuid(), "liwei", "李伟", "", "1234", Uuid(), "13800138000"});
        ASSERT_TRUE(latin.ok() && han.ok());
        from = latin->member;
        into = han->member;
        ASSERT_TRUE(a->engine().topUp({from, 15'000, "cash", Uuid(), Uuid()}).ok());
        ASSERT_TRUE(b->engine().topUp({into, 2'000, "cash", Uuid(), Uuid()}).ok());
        hq->start();
        ASSERT_TRUE(a->round().ok());
        ASSERT_TRUE(b->round().ok());
        hq->close(); // the binary below opens the directory
    }

    ProcessResult run(std::vector<std::string> args)
    {
        args.insert(args.end(), {"--data", hq->path().string()});
        args.insert(args.begin(), kHq);
        return runProcess(args);
    }

    std::vector<json> jsonLines(std::vector<std::string> args)
    {
        auto r = run(std::move(args));
        EXPECT_EQ(r.exitCode, 0) << r.err;
        std::vector<json> out;
        std::istringstream in(r.out);
        for (std::string line; std::getline(in, line);)
            out.push_back(json::parse(line, nullptr, false));
        return out;
    }

    /// deposit + bonus of every member at HQ (`balances`).
    int64_t totalValue()
    {
        int64_t sum = 0;
        for (const json &l : jsonLines({"balances"}))
            sum += l["deposit"].get<int64_t>() + l["bonus"].get<int64_t>();
        return sum;
    }

    TempDir tmp;
    std::unique_ptr<TestHq> hq;
    std::unique_ptr<TestKiosk> a, b;
    Uuid from, into;
};

TEST_F(MergeCli, DuplicatesThenMergeThenTheOldIdAnswersWithTheSurvivor)
{
    const auto pairs = jsonLines({"duplicates", "--json"});
    ASSERT_EQ(pairs.size(), 1u);
    EXPECT_EQ(pairs[0]["reasons"], json({"same_phone", "same_pinyin"}));
    const json &latin = pairs[0]["a"]["member"] == from.toString() ? pairs[0]["a"] : pairs[0]["b"];
    EXPECT_EQ(latin["enrolled_at"], "lobby-1");
    EXPECT_EQ(latin["deposit"], 15'000);

    const int64_t total = totalValue();
    const std::string fromId = from.toString(), intoId = into.toString();
    auto dry = run({"merge-members", "--from", fromId, "--into", intoId, "--dry-run"});
    ASSERT_EQ(dry.exitCode, 0) << dry.err;
    EXPECT_NE(dry.out.find("dry run: would move 15000 deposit"), std::string::npos) << dry.out;
    EXPECT_EQ(jsonLines({"balances", "--member", fromId})[0]["member"], fromId) << "a dry run stores nothing";

    auto merged = run({"merge-members", "--from", fromId, "--into", intoId, "--staff", "ops"});
    ASSERT_EQ(merged.exitCode, 0) << merged.err;
    EXPECT_NE(merged.out.find("ok: moved 15000 deposit"), std::string::npos) << merged.out;
    EXPECT_EQ(totalValue(), total);
    const auto old = jsonLines({"balances", "--member", fromId});
    ASSERT_EQ(old.size(), 1u);
    EXPECT_EQ(old[0]["member"], intoId);
    EXPECT_EQ(old[0]["deposit"], 17'000);
    EXPECT_TRUE(jsonLines({"duplicates", "--json"}).empty()) << "a merged-away member is no candidate";
    auto verify = run({"verify"});
    EXPECT_EQ(verify.exitCode, 0) << verify.err;

    auto again = run({"merge-members", "--from", fromId, "--into", intoId});
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.out.find("nothing to do"), std::string::npos) << again.out;

    const struct
    {
        std::vector<std::string> args;
        int exitCode;
        std::string message;
    } bad[] = {
        {{"merge-members", "--from", "not-a-uuid", "--into", intoId}, 2, "--from must be a member id"},
        {{"merge-members", "--from", intoId, "--into", intoId}, 1, "into itself"},
        {{"merge-members", "--from", intoId, "--into", fromId}, 1, "merge into " + intoId + " instead"},
        {{"merge-members", "--from", intoId}, 2, "--into"},
    };
    for (const auto &c : bad) {
        auto r = run(c.args);
        EXPECT_EQ(r.exitCode, c.exitCode) << c.message << ": " << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    }
    EXPECT_EQ(totalValue(), total);
}

} // namespace
} // namespace tapledger::test
