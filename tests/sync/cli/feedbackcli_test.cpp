// `tapledger-hq feedback`, `complaints` and `complaint answer|close` through the real binary on an
// HQ that real kiosks synced feedback to (docs/crm.md, "Feedback and complaints").
#include "../hq/hqtestsupport.h"

#include "core/fileio.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace tapledger::test {
namespace {

const std::string kHq = TAPLEDGER_HQ_PATH;

class FeedbackCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        hq = std::make_unique<TestHq>(tmp.path() / "hq");
        fs::copy_file(dataPath("engine/policies/base.policy.json"), hq->path() / "policy.json");
        kiosk = std::make_unique<TestKiosk>(tmp.path() / "kiosks", "lobby-1", syncTestPolicy(), *hq);
        auto [a, card] = enrolWithCard(kiosk->engine(), "ann");
        ann = a;
        ASSERT_TRUE(kiosk->engine().purchase(purchaseOf(ann, card, "wine", "cash")).ok());
        auto [bo, boCard] = enrolWithCard(kiosk->engine(), "bo");
        (void)boCard;
        auto complaint = kiosk->engine().recordFeedback(FeedbackRequest{ann, 1, "food", "cold soup"});
        ASSERT_TRUE(complaint.ok()) << complaint.error().message;
        complaintId = "lobby-1:" + std::to_string(complaint->mainSeq);
        ASSERT_TRUE(kiosk->engine().recordFeedback(FeedbackRequest{bo, 5, "service", ""}).ok());
        hq->start();
        ASSERT_TRUE(kiosk->round().ok());
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
        for (std::string line; std::getline(in, line);) {
            auto j = json::parse(line, nullptr, false);
            EXPECT_FALSE(j.is_discarded()) << line;
            out.push_back(j);
        }
        return out;
    }

    int64_t pointsAtHq()
    {
        for (const json &b : jsonLines({"balances"}))
            if (b["member"] == ann.toString())
                return b["points"].get<int64_t>();
        ADD_FAILURE() << "no balance for ann";
        return -1;
    }

    TempDir tmp;
    std::unique_ptr<TestHq> hq;
    std::unique_ptr<TestKiosk> kiosk;
    Uuid ann;
    std::string complaintId;
};

TEST_F(FeedbackCli, ScoresAsJsonAndText)
{
    const auto lines = jsonLines({"feedback", "--as-of", "2026-03-01", "--json"});
    ASSERT_EQ(lines.size(), 1u);
    const json &r = lines[0];
    EXPECT_EQ(r["as_of"], "2026-03-01");
    EXPECT_EQ(r["half_life_days"], 90.0);
    // Ann's 1 star (0) and Bo's 5 (100), both today: weight 1 each.
    EXPECT_EQ(r["venue"]["ratings"], 2);
    EXPECT_EQ(r["venue"]["raters"], 2);
    EXPECT_DOUBLE_EQ(r["venue"]["score"].get<double>(), 50.0);
    EXPECT_DOUBLE_EQ(r["venue"]["mean"].get<double>(), 50.0);
    EXPECT_EQ(r["venue"]["complaints"], 1);
    EXPECT_EQ(r["venue"]["comments"], 1);
    ASSERT_EQ(r["kiosks"].size(), 1u);
    EXPECT_EQ(r["kiosks"][0]["kiosk"], "lobby-1");
    ASSERT_EQ(r["categories"].size(), 2u);
    EXPECT_EQ(r["categories"][0]["category"], "food");
    EXPECT_DOUBLE_EQ(r["categories"][0]["score"].get<double>(), 0.0);
    EXPECT_EQ(r["categories"][1]["category"], "service");
    EXPECT_DOUBLE_EQ(r["categories"][1]["score"].get<double>(), 100.0);

    // The day before, nothing was rated yet.
    const auto before = jsonLines({"feedback", "--as-of", "2026-02-28", "--json"});
    ASSERT_EQ(before.size(), 1u);
    EXPECT_EQ(before[0]["venue"]["ratings"], 0);
    EXPECT_TRUE(before[0]["venue"]["score"].is_null());

    auto text = run({"feedback", "--as-of", "2026-03-01"});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(text.out.find("venue: score 50.0 (mean 50.0) from 2 ratings by 2 raters; 2 feedback, 1 comments, 1 complaints"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("category food: score 0.0"), std::string::npos) << text.out;

    const struct
    {
        std::vector<std::string> args;
        int exitCode;
        const char *message;
    } bad[] = {
        {{"feedback", "--as-of", "yesterday"}, 2, "--as-of must be a date"},
        {{"feedback", "--half-life-days", "0"}, 2, "half-life-days"},
    };
    for (const auto &c : bad) {
        auto r2 = run(c.args);
        EXPECT_EQ(r2.exitCode, c.exitCode) << c.message;
        EXPECT_NE(r2.err.find(c.message), std::string::npos) << r2.err;
    }
}

TEST_F(FeedbackCli, FollowUpAComplaintWithMakeGoodPoints)
{
    auto list = jsonLines({"complaints", "--json"});
    ASSERT_EQ(list.size(), 1u); // Bo's 5 stars are no complaint
    EXPECT_EQ(list[0]["id"], complaintId);
    EXPECT_EQ(list[0]["kiosk"], "lobby-1");
    EXPECT_EQ(list[0]["member"], ann.toString());
    EXPECT_EQ(list[0]["rating"], 1);
    EXPECT_EQ(list[0]["category"], "food");
    EXPECT_EQ(list[0]["text"], "cold soup");
    EXPECT_EQ(list[0]["status"], "open");
    EXPECT_EQ(list[0]["steps"], json::array());
    const int64_t points = pointsAtHq();

    auto answered = run({"complaint", "answer", "--id", complaintId, "--staff", "Mia", "--note", "Called Ann, apologised"});
    ASSERT_EQ(answered.exitCode, 0) << answered.err;
    EXPECT_NE(answered.out.find("ok: complaint " + complaintId + " answered by Mia"), std::string::npos) << answered.out;
    EXPECT_TRUE(jsonLines({"complaints", "--status", "open", "--json"}).empty());
    ASSERT_EQ(jsonLines({"complaints", "--status", "answered", "--json"}).size(), 1u);

    auto closed = run({"complaint", "close", "--id", complaintId, "--staff", "Leo", "--note", "50 points on us",
                       "--make-good-points", "50"});
    ASSERT_EQ(closed.exitCode, 0) << closed.err;
    EXPECT_NE(closed.out.find("closed by Leo; 50 make-good points"), std::string::npos) << closed.out;
    EXPECT_EQ(pointsAtHq(), points + 50);
    auto verify = run({"verify"});
    EXPECT_EQ(verify.exitCode, 0) << verify.err;

    list = jsonLines({"complaints", "--status", "closed", "--json"});
    ASSERT_EQ(list.size(), 1u);
    ASSERT_EQ(list[0]["steps"].size(), 2u);
    EXPECT_EQ(list[0]["steps"][0]["status"], "answered");
    EXPECT_EQ(list[0]["steps"][0]["staff"], "Mia");
    EXPECT_EQ(list[0]["steps"][0]["note"], "Called Ann, apologised");
    EXPECT_EQ(list[0]["steps"][1]["status"], "closed");
    EXPECT_EQ(list[0]["steps"][1]["make_good_points"], 50);

    const struct
    {
        std::vector<std::string> args;
        int exitCode;
        const char *message;
    } bad[] = {
        {{"complaint", "close", "--id", complaintId, "--staff", "Leo"}, 1, "already closed"},
        {{"complaint", "answer", "--id", complaintId, "--staff", "Mia", "--note", "x"}, 1, "is closed"},
        {{"complaint", "answer", "--id", "lobby-1:999", "--staff", "Mia", "--note", "x"}, 1, "no complaint lobby-1:999"},
        {{"complaint", "close", "--id", complaintId, "--staff", "Leo", "--make-good-points", "0"}, 2, "make-good-points"},
        {{"complaint", "answer", "--id", complaintId, "--staff", "Mia"}, 2, "--note"},
        {{"complaints", "--status", "pending"}, 2, "--status"},
    };
    for (const auto &c : bad) {
        auto r = run(c.args);
        EXPECT_EQ(r.exitCode, c.exitCode) << c.message << ": " << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    }
    EXPECT_EQ(pointsAtHq(), points + 50);

    // The kiosk gets the points with its next sync.
    hq->reopen();
    hq->start();
    ASSERT_TRUE(kiosk->round().ok());
    auto view = kiosk->engine().member(ann);
    ASSERT_TRUE(view.ok()) << view.error().message;
    EXPECT_EQ(view->points, points + 50);
}

} // namespace
} // namespace tapledger::test
