// The weighted satisfaction score and the complaint rule (docs/crm.md, "Feedback and complaints"):
// pure functions, figures worked out by hand in the doc.
#include "core/crm/satisfaction.h"
#include "core/engine/feedbackeffect.h"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace tapledger::crm {
namespace {

constexpr int64_t kAsOf = 20000; // a local day

struct ScoreCase
{
    const char *name;
    std::vector<Rating> ratings;
    double halfLifeDays;
    size_t ratingsCounted, raters;
    std::optional<double> score, mean;
};

void PrintTo(const ScoreCase &c, std::ostream *os)
{
    *os << c.name;
}

std::vector<Rating> repeated(const std::string &rater, int stars, int times)
{
    return std::vector<Rating>(static_cast<size_t>(times), Rating{rater, kAsOf, stars});
}

std::vector<Rating> tenMembersRatingOne()
{
    std::vector<Rating> out = repeated("eager", 5, 10);
    for (int i = 0; i < 10; ++i)
        out.push_back({"m" + std::to_string(i), kAsOf, 1});
    return out;
}

class SatisfactionTable : public ::testing::TestWithParam<ScoreCase>
{
};

TEST_P(SatisfactionTable, KnownFigures)
{
    const ScoreCase &c = GetParam();
    auto s = satisfaction(c.ratings, SatisfactionOptions{kAsOf, c.halfLifeDays});
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->ratings, c.ratingsCounted);
    EXPECT_EQ(s->raters, c.raters);
    ASSERT_EQ(s->score.has_value(), c.score.has_value());
    ASSERT_EQ(s->mean.has_value(), c.mean.has_value());
    if (c.score) {
        EXPECT_NEAR(*s->score, *c.score, 1e-9);
    }
    if (c.mean) {
        EXPECT_NEAR(*s->mean, *c.mean, 1e-9);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SatisfactionTable,
    ::testing::Values(
        ScoreCase{"none", {}, 90, 0, 0, std::nullopt, std::nullopt},
        ScoreCase{"one_five_today", {{"ann", kAsOf, 5}}, 90, 1, 1, 100.0, 100.0},
        ScoreCase{"one_three_long_ago", {{"ann", kAsOf - 900, 3}}, 90, 1, 1, 50.0, 50.0},
        // docs/crm.md worked example: Ann 1 star 90 days ago and 5 today (mean 66.67, weight 1),
        // Bo 2 stars 180 days ago (25, weight 0.25): (66.67 + 6.25) / 1.25.
        ScoreCase{"worked_example",
                  {{"ann", kAsOf - 90, 1}, {"ann", kAsOf, 5}, {"bo", kAsOf - 180, 2}},
                  90, 3, 2, (100.0 / 1.5 + 0.25 * 25.0) / 1.25, 125.0 / 3.0},
        // One member's ten 5-star ratings weigh like one member: (100 + 10 × 0) / 11.
        ScoreCase{"one_member_does_not_outweigh_ten", tenMembersRatingOne(), 90, 20, 11, 100.0 / 11.0, 50.0},
        // Within one rater, recency: 0 today (weight 1) and 100 90 days ago (0.5).
        ScoreCase{"recency_within_a_rater", {{"ann", kAsOf, 1}, {"ann", kAsOf - 90, 5}}, 90, 2, 1, 50.0 / 1.5, 50.0},
        // Half-life 30: a 5 thirty days old weighs 0.5 beside a 1 today.
        ScoreCase{"half_life_30", {{"ann", kAsOf - 30, 5}, {"bo", kAsOf, 1}}, 30, 2, 2, 50.0 / 1.5, 50.0},
        // A rating after the as-of day is left out.
        ScoreCase{"future_ignored", {{"ann", kAsOf, 2}, {"bo", kAsOf + 1, 5}}, 90, 1, 1, 25.0, 25.0}),
    [](const ::testing::TestParamInfo<ScoreCase> &p) { return std::string(p.param.name); });

TEST(Satisfaction, RatingValuesAndWeights)
{
    const std::vector<std::pair<int, double>> values = {{1, 0.0}, {2, 25.0}, {3, 50.0}, {4, 75.0}, {5, 100.0}};
    for (const auto &[stars, value] : values)
        EXPECT_EQ(ratingValue(stars), value) << stars;
    EXPECT_EQ(recencyWeight(0, 90), 1.0);
    EXPECT_DOUBLE_EQ(recencyWeight(90, 90), 0.5);
    EXPECT_DOUBLE_EQ(recencyWeight(270, 90), 0.125);
}

TEST(Satisfaction, BadInputIsAnError)
{
    const struct
    {
        std::vector<Rating> ratings;
        double halfLife;
        const char *message;
    } cases[] = {
        {{{"ann", kAsOf, 0}}, 90, "1 to 5 stars, not 0"},
        {{{"ann", kAsOf, 6}}, 90, "1 to 5 stars, not 6"},
        {{{"ann", kAsOf, 4}}, 0, "half-life"},
        {{{"ann", kAsOf, 4}}, -3, "half-life"},
    };
    for (const auto &c : cases) {
        auto s = satisfaction(c.ratings, SatisfactionOptions{kAsOf, c.halfLife});
        ASSERT_FALSE(s) << c.message;
        EXPECT_EQ(s.error().code, ErrorCode::InvalidArgument);
        EXPECT_NE(s.error().message.find(c.message), std::string::npos) << s.error().message;
    }
}

struct FeedbackCase
{
    const char *extra;
    int rating;
    const char *category;
    bool comment, complaint;
};

TEST(FeedbackEffect, ReadsFeedbackAndAppliesTheComplaintRule)
{
    const FeedbackCase cases[] = {
        {R"({"rating":1,"category":"food","text":""})", 1, "food", false, true},
        {R"({"rating":2,"category":"","text":"cold soup"})", 2, "", true, true},
        {R"({"rating":3,"category":"service","text":"slow"})", 3, "service", true, true},
        {R"({"rating":3,"category":"service","text":"  "})", 3, "service", false, false},
        {R"({"rating":4,"category":"food","text":"too salty"})", 4, "food", true, false},
        {R"({"rating":5,"category":"","text":""})", 5, "", false, false},
        {R"({"rating":0,"category":"other","text":"dreadful"})", 0, "other", true, false},
        {R"({})", 0, "", false, false},
    };
    for (const auto &c : cases) {
        LedgerEntry e;
        e.kind = EntryKind::Feedback;
        e.extra = c.extra;
        auto f = feedbackEffect(e);
        ASSERT_TRUE(f && *f) << c.extra;
        EXPECT_EQ((*f)->rating, c.rating) << c.extra;
        EXPECT_EQ((*f)->category, c.category) << c.extra;
        EXPECT_EQ((*f)->hasComment(), c.comment) << c.extra;
        EXPECT_EQ((*f)->isComplaint(), c.complaint) << c.extra;
    }
}

TEST(FeedbackEffect, OtherKindsAreNoneAndBadExtrasCorrupt)
{
    LedgerEntry e;
    e.kind = EntryKind::Purchase;
    e.extra = R"({"rating":1})";
    auto f = feedbackEffect(e);
    ASSERT_TRUE(f);
    EXPECT_FALSE(*f);
    e.kind = EntryKind::Feedback;
    for (const char *bad : {R"({"rating":7})", R"({"rating":-1})", "[1]", "not json"}) {
        e.extra = bad;
        f = feedbackEffect(e);
        ASSERT_FALSE(f) << bad;
        EXPECT_EQ(f.error().code, ErrorCode::Corrupt) << bad;
    }
}

} // namespace
} // namespace tapledger::crm
