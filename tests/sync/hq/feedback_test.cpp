// Feedback and complaints at HQ end to end (docs/crm.md, "Feedback and complaints"): real kiosks
// record feedback entries, sync them to a real HQ store over mutual TLS, HQ scores them, follows
// complaints up in its store and grants make-good points through its own ledger.
#include "hqtestsupport.h"

#include "core/engine/venuecalendar.h"
#include "sync/hq/crm/complaintbook.h"
#include "sync/hq/crm/feedbackscores.h"
#include "sync/hq/crm/mergedfeedback.h"
#include "sync/hq/makegood.h"
#include "sync/protocol/protocol.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace tapledger::test {
namespace {

constexpr int64_t kDayMs = 86400000;

class FeedbackTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        policy = syncTestPolicy();
        hq = std::make_unique<TestHq>(tmp.path() / "hq");
        a = std::make_unique<TestKiosk>(tmp.path() / "kiosks", "lobby-1", policy, *hq);
        b = std::make_unique<TestKiosk>(tmp.path() / "kiosks", "bar-2", policy, *hq);
        hq->start();
    }

    /// Records feedback at @p kiosk; the feedback's complaint id "<kiosk>:<seq>".
    static std::string feedback(TestKiosk &kiosk, const Uuid &member, int rating, const std::string &category,
                                const std::string &text)
    {
        auto r = kiosk.engine().recordFeedback(FeedbackRequest{member, rating, category, text});
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r ? kiosk.id() + ":" + std::to_string(r->mainSeq) : std::string();
    }

    std::vector<sync::MergedFeedback> merged()
    {
        std::vector<sync::MergedFeedback> out;
        EXPECT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            TL_ASSIGN(out, sync::MergedFeedback::load(tx));
            return {};
        }));
        return out;
    }

    std::vector<sync::Complaint> complaints(std::optional<std::string> status = std::nullopt)
    {
        std::vector<sync::Complaint> out;
        EXPECT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            TL_ASSIGN(out, sync::ComplaintBook::list(tx, status));
            return {};
        }));
        return out;
    }

    std::string statusOf(const std::string &id)
    {
        for (const auto &c : complaints())
            if (c.feedback.id() == id)
                return c.status;
        return "(none)";
    }

    /// answer (points < 0) or close a complaint in one write transaction.
    Result<sync::ComplaintStep> step(const std::string &id, const std::string &staff, const std::string &note,
                                     int64_t points, bool close)
    {
        const sync::ComplaintAction action{id, staff, note, points, kHqTestStartMs + 200 * kDayMs};
        sync::ComplaintStep out;
        auto r = hq->dir().store().write([&](sync::HqWriteTx &tx) -> Result<void> {
            TL_ASSIGN(out, close ? sync::ComplaintBook::close(tx, action, *hq->dir().key())
                                 : sync::ComplaintBook::answer(tx, action));
            return {};
        });
        if (!r)
            return std::move(r).error();
        return out;
    }

    int64_t hqPoints(const Uuid &member)
    {
        int64_t points = 0;
        EXPECT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
            auto balance = tx.masterBalance(member);
            if (!balance)
                return std::move(balance).error();
            points = *balance ? (*balance)->points : 0;
            return {};
        }));
        return points;
    }

    static int64_t kioskPoints(TestKiosk &kiosk, const Uuid &member)
    {
        auto view = kiosk.engine().member(member);
        EXPECT_TRUE(view.ok()) << view.error().message;
        return view ? view->points : -1;
    }

    TempDir tmp;
    Policy policy;
    std::unique_ptr<TestHq> hq;
    std::unique_ptr<TestKiosk> a, b;
};

TEST_F(FeedbackTest, ARatingGivenAtKioskAIsSeenAtHqAfterOneSync)
{
    auto [ann, card] = enrolWithCard(a->engine(), "ann");
    (void)card;
    const std::string id = feedback(*a, ann, 2, "food", "cold soup");
    EXPECT_TRUE(merged().empty());
    ASSERT_TRUE(a->round().ok());

    const auto seen = merged();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].id(), id);
    EXPECT_EQ(seen[0].kioskId, "lobby-1");
    EXPECT_EQ(seen[0].member, ann);
    EXPECT_EQ(seen[0].feedback.rating, 2);
    EXPECT_EQ(seen[0].feedback.category, "food");
    EXPECT_EQ(seen[0].feedback.text, "cold soup");
    const auto open = complaints("open");
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].feedback.id(), id);
    EXPECT_TRUE(open[0].steps.empty());
    EXPECT_EQ(hq->verify(), "");
}

TEST_F(FeedbackTest, ScoresPerVenueKioskAndCategoryAreTheWorkedExample)
{
    // docs/crm.md worked example, half-life 90 days, as of day S + 180.
    auto [ann, annCard] = enrolWithCard(a->engine(), "ann");
    auto [bo, boCard] = enrolWithCard(a->engine(), "bo");
    (void)annCard;
    (void)boCard;
    feedback(*a, bo, 2, "service", "");                  // day S
    a->clock().advance(90 * kDayMs);
    feedback(*a, ann, 1, "food", "cold soup");           // day S + 90
    ASSERT_TRUE(a->round().ok());
    ASSERT_TRUE(b->round().ok());                        // bar-2 learns Ann
    b->clock().advance(180 * kDayMs);
    feedback(*b, ann, 5, "food", "");                    // day S + 180
    feedback(*b, Uuid(), 4, "", "");                     // anonymous
    feedback(*b, Uuid(), 0, "other", "lovely terrace");  // a comment without a rating
    ASSERT_TRUE(b->round().ok());

    auto calendar = VenueCalendar::create(policy.timezone);
    ASSERT_TRUE(calendar);
    const int64_t dayS = calendar->localDay(kHqTestStartMs);
    const auto fb = merged();
    ASSERT_EQ(fb.size(), 5u);

    struct Expect
    {
        size_t feedback, comments, complaints, ratings, raters;
        std::optional<double> score, mean;
    };
    const auto check = [](const sync::FeedbackGroup &g, const Expect &e) {
        SCOPED_TRACE("group '" + g.key + "'");
        EXPECT_EQ(g.feedback, e.feedback);
        EXPECT_EQ(g.comments, e.comments);
        EXPECT_EQ(g.complaints, e.complaints);
        EXPECT_EQ(g.satisfaction.ratings, e.ratings);
        EXPECT_EQ(g.satisfaction.raters, e.raters);
        ASSERT_EQ(g.satisfaction.score.has_value(), e.score.has_value());
        if (e.score) {
            EXPECT_NEAR(*g.satisfaction.score, *e.score, 1e-9);
            EXPECT_NEAR(*g.satisfaction.mean, *e.mean, 1e-9);
        }
    };
    auto late = sync::FeedbackScores::compute(fb, *calendar, crm::SatisfactionOptions{dayS + 180, 90});
    ASSERT_TRUE(late) << late.error().message;
    // Ann: 0 (weight 0.5) and 100 (1) → 66.67, weight 1; Bo: 25, weight 0.25; anonymous: 75, weight 1.
    check(late->venue, {5, 2, 2, 4, 3, (100.0 / 1.5 + 0.25 * 25 + 75) / 2.25, 50.0});
    ASSERT_EQ(late->kiosks.size(), 2u);
    EXPECT_EQ(late->kiosks[0].key, "bar-2");
    check(late->kiosks[0], {3, 1, 0, 2, 2, 87.5, 87.5});
    EXPECT_EQ(late->kiosks[1].key, "lobby-1");
    check(late->kiosks[1], {2, 1, 2, 2, 2, (0.25 * 25) / 0.75, 12.5});
    ASSERT_EQ(late->categories.size(), 3u);
    EXPECT_EQ(late->categories[0].key, "food");
    check(late->categories[0], {2, 1, 1, 2, 1, 100.0 / 1.5, 50.0});
    EXPECT_EQ(late->categories[1].key, "other");
    check(late->categories[1], {1, 1, 0, 0, 0, std::nullopt, std::nullopt});
    EXPECT_EQ(late->categories[2].key, "service");
    check(late->categories[2], {1, 0, 1, 1, 1, 25.0, 25.0});

    // As of day S + 90 the bar's feedback has not happened yet: Bo 25 (weight 0.5), Ann 0 (1).
    auto early = sync::FeedbackScores::compute(fb, *calendar, crm::SatisfactionOptions{dayS + 90, 90});
    ASSERT_TRUE(early) << early.error().message;
    check(early->venue, {2, 1, 2, 2, 2, (0.5 * 25) / 1.5, 12.5});
    EXPECT_EQ(early->kiosks.size(), 1u);
}

struct Transition
{
    const char *what;
    const char *complaint; ///< "C" Bo's complaint, "F" a 5-star feedback, "A" an anonymous complaint, else literal
    bool close;
    const char *staff, *note;
    int64_t points;
    std::optional<ErrorCode> code; ///< nullopt when the step is taken
    const char *message;   ///< part of the error message, or the status after the step
};

TEST_F(FeedbackTest, ComplaintsMoveOpenAnsweredClosedAndBadStepsChangeNothing)
{
    auto [bo, card] = enrolWithCard(a->engine(), "bo");
    (void)card;
    const std::string c = feedback(*a, bo, 2, "service", "");
    const std::string f = feedback(*a, bo, 5, "food", "great");
    const std::string anon = feedback(*a, Uuid(), 1, "", "");
    ASSERT_TRUE(a->round().ok());
    ASSERT_EQ(complaints().size(), 2u);
    EXPECT_EQ(statusOf(c), "open");

    const Transition table[] = {
        {"unknown id", "lobby-1:999", false, "Mia", "hello", 0, ErrorCode::NotFound, "no complaint lobby-1:999"},
        {"malformed id", "lobby-1", false, "Mia", "hello", 0, ErrorCode::InvalidArgument, "a complaint id is"},
        {"seq zero", "lobby-1:0", false, "Mia", "hello", 0, ErrorCode::InvalidArgument, "a complaint id is"},
        {"praise is no complaint", "F", false, "Mia", "thanks", 0, ErrorCode::NotFound, "is no complaint"},
        {"no staff", "C", false, "", "hello", 0, ErrorCode::InvalidArgument, "staff name"},
        {"control char in staff", "C", false, "Mia\n", "hello", 0, ErrorCode::InvalidArgument, "staff name"},
        {"answer without note", "C", false, "Mia", "  ", 0, ErrorCode::InvalidArgument, "needs a note"},
        {"negative points", "C", true, "Mia", "", -5, ErrorCode::InvalidArgument, "make-good points are 0 to"},
        {"too many points", "C", true, "Mia", "", 1000001, ErrorCode::InvalidArgument, "make-good points are 0 to"},
        {"answer", "C", false, "Mia", "Called Bo, apologised", 0, std::nullopt, "answered"},
        {"answer twice", "C", false, "Mia", "again", 0, ErrorCode::Conflict, "is answered"},
        {"close", "C", true, "Leo", "", 0, std::nullopt, "closed"},
        {"close twice", "C", true, "Leo", "", 0, ErrorCode::Conflict, "already closed"},
        {"answer a closed one", "C", false, "Mia", "late", 0, ErrorCode::Conflict, "is closed"},
        {"points for anonymous", "A", true, "Leo", "", 50, ErrorCode::InvalidArgument, "anonymous"},
        {"close an open one", "A", true, "Leo", "could not reach them", 0, std::nullopt, "closed"},
    };
    for (const Transition &t : table) {
        SCOPED_TRACE(t.what);
        const std::string which = t.complaint;
        const std::string id = which == "C" ? c : which == "F" ? f : which == "A" ? anon : which;
        const std::string before = hq->masterState();
        const auto stepsBefore = complaints();
        auto r = step(id, t.staff, t.note, t.points, t.close);
        if (!t.code) {
            ASSERT_TRUE(r) << r.error().message;
            EXPECT_EQ(r->status, t.message);
            EXPECT_EQ(statusOf(id), t.message);
            EXPECT_EQ(r->staff, t.staff);
            EXPECT_EQ(r->note, t.note);
            EXPECT_EQ(r->timeMs, kHqTestStartMs + 200 * kDayMs);
            continue;
        }
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, *t.code) << r.error().message;
        EXPECT_NE(r.error().message.find(t.message), std::string::npos) << r.error().message;
        EXPECT_EQ(hq->masterState(), before);
        const auto stepsAfter = complaints();
        ASSERT_EQ(stepsAfter.size(), stepsBefore.size());
        for (size_t i = 0; i < stepsAfter.size(); ++i)
            EXPECT_EQ(stepsAfter[i].steps.size(), stepsBefore[i].steps.size());
    }
    const auto closed = complaints("closed");
    ASSERT_EQ(closed.size(), 2u);
    const auto &bos = closed[0].feedback.id() == c ? closed[0] : closed[1];
    ASSERT_EQ(bos.steps.size(), 2u);
    EXPECT_EQ(bos.steps[0].status, "answered");
    EXPECT_EQ(bos.steps[0].staff, "Mia");
    EXPECT_EQ(bos.steps[0].note, "Called Bo, apologised");
    EXPECT_EQ(bos.steps[1].status, "closed");
    EXPECT_EQ(bos.steps[1].staff, "Leo");
    EXPECT_TRUE(complaints("open").empty());
    EXPECT_EQ(hq->verify(), "");
}

TEST_F(FeedbackTest, MakeGoodPointsGoThroughHqsLedgerToTheMembersOtherKiosk)
{
    auto [ann, card] = enrolWithCard(a->engine(), "ann");
    ASSERT_TRUE(a->engine().purchase(purchaseOf(ann, card, "wine", "cash")).ok());
    const std::string id = feedback(*a, ann, 1, "food", "cold soup");
    ASSERT_TRUE(a->round().ok());
    ASSERT_TRUE(b->round().ok());
    const int64_t atHq = hqPoints(ann);
    const int64_t atBar = kioskPoints(*b, ann);
    EXPECT_EQ(atBar, atHq);

    ASSERT_TRUE(step(id, "Mia", "Sorry about the soup", 0, false));
    auto closed = step(id, "Leo", "50 points on us", 50, true);
    ASSERT_TRUE(closed) << closed.error().message;
    EXPECT_EQ(closed->makeGoodPoints, 50);
    EXPECT_EQ(hqPoints(ann), atHq + 50);
    EXPECT_EQ(hq->verify(), "");

    // The adjust entry on HQ's chain names the complaint and the reason.
    size_t makeGood = 0;
    ASSERT_TRUE(hq->dir().store().read([&](sync::HqReadTx &tx) -> Result<void> {
        std::vector<StoredEntry> hqChain;
        TL_ASSIGN(hqChain, tx.entries(sync::kHqChainId, 1, 1000));
        for (const StoredEntry &s : hqChain) {
            if (std::find(s.entry.refs.begin(), s.entry.refs.end(), "complaint:" + id) == s.entry.refs.end())
                continue;
            ++makeGood;
            EXPECT_EQ(s.entry.kind, EntryKind::Adjust);
            EXPECT_EQ(s.entry.member, ann);
            EXPECT_EQ(s.entry.pointsDelta, 50);
            EXPECT_EQ(nlohmann::json::parse(s.entry.extra).value("reason", ""), "make_good");
        }
        return {};
    }));
    EXPECT_EQ(makeGood, 1u);

    // Granting again for the same complaint is refused, and so is a second close.
    const std::string before = hq->masterState();
    auto again = hq->dir().store().write([&](sync::HqWriteTx &tx) {
        return sync::grantMakeGood(tx, *hq->dir().key(), kHqTestStartMs, ann, 50, id);
    });
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::Conflict);
    auto twice = step(id, "Leo", "", 50, true);
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::Conflict);
    EXPECT_EQ(hq->masterState(), before);

    // Both kiosks see the points at their next sync.
    ASSERT_TRUE(b->round().ok());
    EXPECT_EQ(kioskPoints(*b, ann), atBar + 50);
    ASSERT_TRUE(a->round().ok());
    EXPECT_EQ(kioskPoints(*a, ann), atHq + 50);
    EXPECT_EQ(hq->verify(), "");
}

} // namespace
} // namespace tapledger::test
