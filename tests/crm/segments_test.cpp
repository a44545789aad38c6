// Segments, summaries and warnings (docs/crm.md): table-driven, with ties and empty windows.
#include "core/crm/cardliveness.h"
#include "core/crm/churn.h"
#include "core/crm/crmanalysis.h"
#include "core/crm/pyramid.h"
#include "core/crm/quadrants.h"
#include "core/crm/rfm.h"

#include <date/date.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace tapledger::crm {
namespace {

std::string levels(const Pyramid &p)
{
    std::string out;
    for (const auto l : p.levels)
        out += pyramidLevelName(l).substr(0, 1);
    return out;
}

struct PyramidCase
{
    const char *name;
    std::vector<int64_t> spend;
    std::string levels; // first letters: v, m, o, s
    std::optional<double> share;
};

TEST(Pyramid, Levels)
{
    const PyramidCase cases[] = {
        {"empty", {}, "", std::nullopt},
        {"one member is vip", {500}, "v", 1.0},
        {"worked example of docs/crm.md", {900, 50, 50, 40, 30, 20, 10, 0, 0, 0}, "voosssssss", 950.0 / 1100.0},
        {"all tied are vip", {7, 7, 7, 7}, "vvvv", 0.25},
        {"nothing spent: vip and no share", {0, 0, 0}, "vvv", std::nullopt},
        {"returns below zero: no share", {-10, 5}, "sv", std::nullopt},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        const Pyramid p = pyramid(c.spend);
        EXPECT_EQ(levels(p), c.levels);
        ASSERT_EQ(p.topFifthShare.has_value(), c.share.has_value());
        if (c.share) {
            EXPECT_NEAR(*p.topFifthShare, *c.share, 1e-12);
        }
    }
}

TEST(Pyramid, ThresholdsOnHundredMembers)
{
    // Spend 100, 99, …, 1: g = 0 is vip (< 1), g = 1..4 major (< 5), g = 5..19 ordinary, rest small.
    std::vector<int64_t> spend;
    for (int64_t i = 100; i >= 1; --i)
        spend.push_back(i);
    const Pyramid p = pyramid(spend);
    EXPECT_EQ(p.counts[static_cast<size_t>(PyramidLevel::Vip)], 1u);
    EXPECT_EQ(p.counts[static_cast<size_t>(PyramidLevel::Major)], 4u);
    EXPECT_EQ(p.counts[static_cast<size_t>(PyramidLevel::Ordinary)], 15u);
    EXPECT_EQ(p.counts[static_cast<size_t>(PyramidLevel::Small)], 80u);
    // Configurable: 10 % vip.
    const Pyramid wide = pyramid(spend, {1000, 2000, 5000});
    EXPECT_EQ(wide.counts[static_cast<size_t>(PyramidLevel::Vip)], 10u);
    // The top fifth (20 members, 100..81) spent 1810 of 5050.
    EXPECT_NEAR(*p.topFifthShare, 1810.0 / 5050.0, 1e-12);
}

std::string letters(const std::vector<std::optional<Quadrant>> &q)
{
    std::string out;
    for (const auto &x : q)
        out += x ? std::string(quadrantName(*x)) : std::string("-");
    return out;
}

struct QuadrantCase
{
    const char *name;
    std::vector<VisitSpend> members;
    std::string quadrants;
};

TEST(Quadrants, Rules)
{
    const QuadrantCase cases[] = {
        {"empty", {}, ""},
        {"worked example of docs/crm.md", {{1, 10}, {2, 80}, {3, 60}, {4, 120}}, "CADB"},
        {"a member alone is low/low", {{3, 30}}, "C"},
        {"no visit, no quadrant; not in the medians", {{0, 0}, {1, 10}, {3, 90}}, "-CB"},
        {"ties at the median are low", {{2, 20}, {2, 20}, {2, 20}}, "CCC"},
        // visits 1, 2, 2, 5: median 2, only 5 is high; averages 10, 10, 10, 10: none high.
        {"even count, equal middles", {{1, 10}, {2, 20}, {2, 20}, {5, 50}}, "CCCD"},
        // averages 1/3 and 2/3 around a median of 1/2 — exact, not rounded.
        {"fractional averages", {{3, 1}, {3, 2}}, "CA"},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        EXPECT_EQ(letters(quadrants(c.members)), c.quadrants);
    }
}

struct RfmCase
{
    const char *name;
    std::vector<RfmInput> members;
    std::vector<std::string> scores;
};

TEST(Rfm, Quintiles)
{
    const RfmCase cases[] = {
        {"empty", {}, {}},
        {"one member", {{3, 1, 10}}, {"111"}},
        {"worked example of docs/crm.md (F)", {{0, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 3, 0}, {0, 8, 0}}, {"111", "121", "121", "141", "151"}},
        {"recency: fewer days is better",
         {{100, 1, 1}, {50, 1, 1}, {10, 1, 1}, {5, 1, 1}, {0, 1, 1}},
         {"111", "211", "311", "411", "511"}},
        {"ten members: two per quintile",
         {{0, 1, 1}, {0, 2, 2}, {0, 3, 3}, {0, 4, 4}, {0, 5, 5}, {0, 6, 6}, {0, 7, 7}, {0, 8, 8}, {0, 9, 9}, {0, 10, 10}},
         {"111", "111", "122", "122", "133", "133", "144", "144", "155", "155"}},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        const auto scores = rfmScores(c.members);
        std::vector<std::string> texts;
        for (const auto &s : scores)
            texts.push_back(s.text());
        EXPECT_EQ(texts, c.scores);
    }
}

TEST(Summary, WindowReturnsAndAsOf)
{
    MemberActivity a{"m", {{100, 500}, {100, 300}, {150, 0}, {160, 200, true}, {170, 1000}, {300, 999}}, ""};
    // As of day 170 with a 20-day window (151..170): visits 170 only (the return is no visit).
    auto s = summarise(a, 170, 20);
    ASSERT_TRUE(s && *s);
    EXPECT_EQ((*s)->windowVisits, 1);
    EXPECT_EQ((*s)->windowSpend, 800); // 1000 − 200
    EXPECT_EQ((*s)->totalVisits, 3);   // days 100, 150 (0.00 counts), 170; 300 is after as-of
    EXPECT_EQ((*s)->firstDay, 100);
    EXPECT_EQ((*s)->lastDay, 170);
    // Nothing up to the as-of day: not a member of the analysis.
    auto none = summarise(a, 99, 365);
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
    // Only a return: no purchase, no member.
    auto onlyReturn = summarise({"r", {{10, 5, true}}, ""}, 20, 365);
    ASSERT_TRUE(onlyReturn);
    EXPECT_FALSE(onlyReturn->has_value());
    // Overflow is an error, not a wrap.
    auto big = summarise({"b", {{1, INT64_MAX}, {2, 1}}, ""}, 5, 365);
    EXPECT_EQ(big.error().code, ErrorCode::Overflow);
}

struct ChurnCase
{
    const char *name;
    MemberSummary summary;
    std::optional<double> pAlive;
    int64_t asOf;
    ChurnFlags flags;
};

TEST(Churn, Flags)
{
    // summary: windowVisits, windowSpend, totalVisits, firstDay, lastDay
    const ChurnCase cases[] = {
        {"steady: gap 10 of rhythm 10", {5, 0, 5, 0, 40}, 0.9, 50, {false, false, false}},
        {"gap exactly twice the rhythm is not beyond", {5, 0, 5, 0, 40}, 0.9, 60, {false, false, false}},
        {"gap beyond twice the rhythm", {5, 0, 5, 0, 40}, 0.9, 61, {false, true, false}},
        {"one visit: no rhythm", {1, 0, 1, 40, 40}, 1.0, 100, {false, false, false}},
        {"low P(alive)", {2, 0, 2, 0, 10}, 0.49, 12, {true, false, false}},
        {"P(alive) at the threshold is not low", {2, 0, 2, 0, 10}, 0.5, 12, {false, false, false}},
        {"no model: never low", {2, 0, 2, 0, 10}, std::nullopt, 12, {false, false, false}},
        {"lapsed after 180 days", {1, 0, 1, 0, 0}, 1.0, 181, {false, false, true}},
        {"180 days is not lapsed", {1, 0, 1, 0, 0}, 1.0, 180, {false, false, false}},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        EXPECT_EQ(churnFlags(c.summary, c.pAlive, c.asOf), c.flags);
    }
}

int64_t dayOf(int y, unsigned m, unsigned d)
{
    return date::sys_days{date::year_month_day{date::year{y}, date::month{m}, date::day{d}}}.time_since_epoch().count();
}

TEST(Birthdays, ComingWeek)
{
    struct Case
    {
        const char *birthday;
        int64_t asOf;
        bool expected;
    } cases[] = {
        {"1990-06-15", dayOf(2026, 6, 14), true},  // tomorrow
        {"1990-06-15", dayOf(2026, 6, 8), true},   // in 7 days
        {"1990-06-15", dayOf(2026, 6, 7), false},  // in 8 days
        {"1990-06-15", dayOf(2026, 6, 15), false}, // today is not "coming"
        {"1990-01-02", dayOf(2026, 12, 30), true}, // across the new year
        {"1992-02-29", dayOf(2027, 2, 27), true},  // 1 March in a common year
        {"1992-02-29", dayOf(2028, 2, 27), true},  // 29 February in a leap year
        {"1992-02-29", dayOf(2028, 3, 1), false},
        {"", dayOf(2026, 6, 14), false},
        {"1990-13-01", dayOf(2026, 6, 14), false},
        {"1990-6-15", dayOf(2026, 6, 14), false},
    };
    for (const auto &c : cases)
        EXPECT_EQ(birthdayInComingWeek(c.birthday, c.asOf), c.expected) << c.birthday << " as of " << c.asOf;
}

TEST(CardLiveness, Counts)
{
    const std::vector<CardUseDay> cards{{100, 0.9}, {11, 0.5}, {10, 0.2}, {0, 0.0}};
    const auto l = cardLiveness(cards, 100, 90); // alive: days 11..100
    EXPECT_EQ(l.issued, 4u);
    EXPECT_EQ(l.alive, 2u);
    EXPECT_NEAR(l.expectedAlive, 1.6, 1e-12);
    const auto none = cardLiveness({}, 100, 90);
    EXPECT_EQ(none.issued, 0u);
    EXPECT_EQ(none.alive, 0u);
}

TEST(Analysis, EveryMemberWithAPurchaseAndTheModel)
{
    std::vector<MemberActivity> members{
        {"a", {{0, 1000}, {10, 2000}, {20, 500}, {30, 1500}}, "1990-01-05"},
        {"b", {{5, 100}, {50, 100}}, ""},
        {"c", {{40, 0}}, ""},
        {"d", {{200, 999}}, ""}, // after the as-of day: not a member
        {"e", {{1, 300}, {2, 300}, {3, 300}}, ""},
    };
    AnalysisOptions o;
    o.asOfDay = 60;
    o.windowDays = 365;
    auto r = analyse(members, o);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->members.size(), 4u);
    EXPECT_EQ(r->fleet.members, 4u);
    EXPECT_EQ(r->members[2].member, "c");
    EXPECT_EQ(r->members[2].observation, (BgNbdObservation{0, 0, 20.5}));
    EXPECT_EQ(r->members[0].observation, (BgNbdObservation{3, 30, 60.5}));
    ASSERT_TRUE(r->fleet.fit.has_value()) << r->fleet.fitError;
    double sum = 0;
    for (const auto &m : r->members) {
        ASSERT_TRUE(m.pAlive.has_value());
        EXPECT_NEAR(*m.pAlive, BgNbd::pAlive(r->fleet.fit->params, m.observation), 0);
        sum += *m.pAlive;
    }
    EXPECT_NEAR(r->fleet.expectedAlive, sum, 1e-12);
    EXPECT_EQ(*r->members[2].pAlive, 1.0); // no repeat visit
    // a: spend 5000, the most → vip.
    EXPECT_EQ(r->members[0].pyramid, PyramidLevel::Vip);
    EXPECT_TRUE(r->members[0].birthdayNextWeek == false);

    // No member with a repeat visit: no model, everything else still there.
    std::vector<MemberActivity> single{{"x", {{0, 10}}, ""}, {"y", {{3, 20}}, ""}};
    auto s = analyse(single, o);
    ASSERT_TRUE(s);
    EXPECT_FALSE(s->fleet.fit.has_value());
    EXPECT_NE(s->fleet.fitError, "");
    EXPECT_FALSE(s->members[0].pAlive.has_value());
    EXPECT_EQ(s->fleet.expectedAlive, 0.0);

    // An empty window still analyses everyone (no visits in it, no quadrant).
    AnalysisOptions late = o;
    late.asOfDay = 1000;
    late.windowDays = 30;
    auto e = analyse(members, late);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->members.size(), 5u);
    for (const auto &m : e->members) {
        EXPECT_EQ(m.summary.windowVisits, 0);
        EXPECT_FALSE(m.quadrant.has_value());
        EXPECT_TRUE(m.churn.lapsed);
    }
    EXPECT_EQ(e->fleet.quadrants, (std::array<size_t, 4>{0, 0, 0, 0}));

    AnalysisOptions bad = o;
    bad.windowDays = 0;
    EXPECT_EQ(analyse(members, bad).error().code, ErrorCode::InvalidArgument);
}

} // namespace
} // namespace tapledger::crm
