// CrmAggregates (docs/crm.md, "Incremental run"): the incremental analysis equals crm::analyse()
// over the same purchases, exactly for aggregates and segments, the fit within a tolerance.
#include "core/crm/crmaggregates.h"
#include "core/crm/crmanalysis.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace tapledger::crm {
namespace {

// Warm-started or multi-threaded fits stop within the simplex tolerance of the same optimum.
constexpr double kParamTolerance = 1e-4;   // relative, per parameter
constexpr double kLikelihoodTolerance = 1e-9; // relative
constexpr double kPredictionTolerance = 1e-4; // absolute, P(alive) and E[purchases]
constexpr double kFitTolerance = 1e-6;        // simplex size, as the benchmark (BgNbdFitOptions)

struct Generated
{
    std::vector<MemberActivity> members;
};

/// Seeded members over days [0, days), drawn from the BG/NBD story (so the fit has an interior
/// optimum): a first day, purchase rate λ ~ Gamma(1.2, 1/10 day), dropout after each repeat with
/// p ~ Beta(0.5, 4.5); a share of the purchases is followed by a return on the same day.
Generated generate(unsigned seed, size_t members, int64_t days, double returnShare)
{
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int64_t> dayOf(0, days - 1), amount(0, 5000);
    std::gamma_distribution<double> rate(1.2, 1.0 / 10.0), betaA(0.5, 1.0), betaB(4.5, 1.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::bernoulli_distribution isReturn(returnShare), hasBirthday(0.3);
    std::uniform_int_distribution<int> month(1, 12), dom(1, 28);
    Generated g;
    for (size_t i = 0; i < members; ++i) {
        MemberActivity m;
        m.member = "m" + std::to_string(i);
        if (hasBirthday(rng)) {
            const int mm = month(rng), dd = dom(rng);
            m.birthday = "1990-" + std::string(mm < 10 ? "0" : "") + std::to_string(mm) + (dd < 10 ? "-0" : "-") +
                         std::to_string(dd);
        }
        const int64_t first = dayOf(rng);
        const double lambda = rate(rng), ga = betaA(rng), dropout = ga / (ga + betaB(rng));
        std::exponential_distribution<double> gap(lambda);
        for (double t = 0;; t += gap(rng)) {
            const int64_t day = first + static_cast<int64_t>(t);
            if (day >= days)
                break;
            m.purchases.push_back({day, amount(rng), false});
            if (isReturn(rng))
                m.purchases.push_back({day, amount(rng) / 2, true});
            if (t > 0 && unit(rng) < dropout)
                break;
        }
        g.members.push_back(std::move(m));
    }
    return g;
}

void expectNear(double actual, double expected, double relative)
{
    EXPECT_LE(std::abs(actual - expected), relative * std::max(1.0, std::abs(expected)));
}

/// Integer aggregates and segments equal; the fit and what depends on it within the tolerances
/// (exactly when @p exactFit).
void expectSame(const Analysis &got, const Analysis &want, bool exactFit)
{
    ASSERT_EQ(got.members.size(), want.members.size());
    for (size_t i = 0; i < got.members.size(); ++i) {
        const MemberAnalysis &g = got.members[i], &w = want.members[i];
        SCOPED_TRACE(w.member);
        ASSERT_EQ(g.member, w.member);
        EXPECT_EQ(g.summary.windowVisits, w.summary.windowVisits);
        EXPECT_EQ(g.summary.windowSpend, w.summary.windowSpend);
        EXPECT_EQ(g.summary.totalVisits, w.summary.totalVisits);
        EXPECT_EQ(g.summary.firstDay, w.summary.firstDay);
        EXPECT_EQ(g.summary.lastDay, w.summary.lastDay);
        EXPECT_EQ(g.observation, w.observation);
        EXPECT_EQ(g.pyramid, w.pyramid);
        EXPECT_EQ(g.quadrant, w.quadrant);
        EXPECT_EQ(g.rfm, w.rfm);
        EXPECT_EQ(g.churn.gapBeyondRhythm, w.churn.gapBeyondRhythm);
        EXPECT_EQ(g.churn.lapsed, w.churn.lapsed);
        EXPECT_EQ(g.birthdayNextWeek, w.birthdayNextWeek);
        ASSERT_EQ(g.pAlive.has_value(), w.pAlive.has_value());
        ASSERT_EQ(g.expected.has_value(), w.expected.has_value());
        if (exactFit) {
            EXPECT_EQ(g.pAlive, w.pAlive);
            EXPECT_EQ(g.expected, w.expected);
            EXPECT_EQ(g.churn.pAliveLow, w.churn.pAliveLow);
        } else if (w.pAlive) {
            EXPECT_NEAR(*g.pAlive, *w.pAlive, kPredictionTolerance);
            if (w.expected) {
                EXPECT_NEAR(*g.expected, *w.expected, kPredictionTolerance);
            }
        }
    }
    const FleetAnalysis &g = got.fleet, &w = want.fleet;
    EXPECT_EQ(g.members, w.members);
    EXPECT_EQ(g.pyramid, w.pyramid);
    EXPECT_EQ(g.topFifthShare, w.topFifthShare);
    EXPECT_EQ(g.quadrants, w.quadrants);
    EXPECT_EQ(g.gapBeyondRhythm, w.gapBeyondRhythm);
    EXPECT_EQ(g.lapsed, w.lapsed);
    EXPECT_EQ(g.birthdaysNextWeek, w.birthdaysNextWeek);
    EXPECT_EQ(g.fitError, w.fitError);
    ASSERT_EQ(g.fit.has_value(), w.fit.has_value());
    if (!w.fit)
        return;
    if (exactFit) {
        EXPECT_EQ(g.fit->params.r, w.fit->params.r);
        EXPECT_EQ(g.fit->params.alpha, w.fit->params.alpha);
        EXPECT_EQ(g.fit->params.a, w.fit->params.a);
        EXPECT_EQ(g.fit->params.b, w.fit->params.b);
        EXPECT_EQ(g.fit->logLikelihood, w.fit->logLikelihood);
        EXPECT_EQ(g.expectedAlive, w.expectedAlive);
        EXPECT_EQ(g.aliveOverHalf, w.aliveOverHalf);
        EXPECT_EQ(g.pAliveLow, w.pAliveLow);
        return;
    }
    expectNear(g.fit->params.r, w.fit->params.r, kParamTolerance);
    expectNear(g.fit->params.alpha, w.fit->params.alpha, kParamTolerance);
    expectNear(g.fit->params.a, w.fit->params.a, kParamTolerance);
    expectNear(g.fit->params.b, w.fit->params.b, kParamTolerance);
    expectNear(g.fit->logLikelihood, w.fit->logLikelihood, kLikelihoodTolerance);
    expectNear(g.expectedAlive, w.expectedAlive, kPredictionTolerance);
}

/// The purchases of @p activity on day @p day, as (member index, purchase).
std::vector<std::pair<size_t, DayAmount>> purchasesOn(const Generated &g, int64_t day)
{
    std::vector<std::pair<size_t, DayAmount>> out;
    for (size_t i = 0; i < g.members.size(); ++i)
        for (const DayAmount &p : g.members[i].purchases)
            if (p.day == day)
                out.emplace_back(i, p);
    return out;
}

struct DailyCase
{
    const char *name;
    unsigned seed;
    size_t members;
    int64_t days;        // history [0, days)
    int64_t windowDays;
    double returnShare;
    unsigned threads;
    int64_t lateDays;    // a day's purchases arrive this many days late (0 = on time)
};

TEST(CrmAggregates, DailyIncrementalEqualsFullRecomputation)
{
    const DailyCase cases[] = {
        {"one thread, on time", 1, 400, 120, 60, 0.0, 1, 0},
        {"two threads, returns", 2, 500, 200, 90, 0.1, 2, 0},
        {"purchases synced two days late", 3, 300, 150, 30, 0.05, 2, 2},
        {"window longer than the history", 4, 200, 60, 365, 0.0, 1, 0},
    };
    constexpr int64_t kIncrementalDays = 4;
    for (const DailyCase &c : cases) {
        SCOPED_TRACE(c.name);
        const Generated g = generate(c.seed, c.members, c.days, c.returnShare);
        const int64_t firstIncremental = c.days - kIncrementalDays;
        CrmAggregates aggregates;
        for (const MemberActivity &m : g.members) {
            const size_t index = aggregates.addMember(m.member, m.birthday);
            std::vector<DayAmount> history;
            for (const DayAmount &p : m.purchases)
                if (p.day < firstIncremental - c.lateDays)
                    history.push_back(p);
            ASSERT_TRUE(aggregates.add(index, history));
        }
        AnalysisOptions options;
        options.fitTolerance = kFitTolerance;
        options.windowDays = c.windowDays;
        options.threads = c.threads;
        options.asOfDay = firstIncremental - 1;
        auto yesterday = aggregates.analyse(options);
        ASSERT_TRUE(yesterday);
        for (int64_t day = firstIncremental; day < c.days; ++day) {
            SCOPED_TRACE("day " + std::to_string(day));
            for (const auto &[index, p] : purchasesOn(g, day - c.lateDays))
                ASSERT_TRUE(aggregates.add(index, std::span(&p, 1)));
            options.asOfDay = day;
            ASSERT_TRUE(yesterday->fleet.fit);
            auto today = aggregates.analyse(options, yesterday->fleet.fit->params);
            ASSERT_TRUE(today);
            // The reference: all purchases known by now, from scratch, one thread, cold fit.
            Generated known = g;
            for (MemberActivity &m : known.members)
                std::erase_if(m.purchases, [&](const DayAmount &p) { return p.day > day - c.lateDays; });
            AnalysisOptions reference = options;
            reference.threads = 1;
            auto full = analyse(known.members, reference);
            ASSERT_TRUE(full);
            expectSame(*today, *full, false);
            yesterday = std::move(today);
        }
    }
}

struct AsOfCase
{
    const char *name;
    int64_t asOfDay;
    int64_t windowDays;
};

TEST(CrmAggregates, AnyAsOfDayAndWindowEqualsAnalyse)
{
    // One aggregate set moved forwards, back and across window sizes; cold fit, one thread: the
    // same code path as crm::analyse(), so everything is exactly equal.
    const AsOfCase cases[] = {
        {"middle", 100, 30},     {"later", 150, 30},        {"back before most first visits", 20, 30},
        {"wider window", 150, 120}, {"narrow window", 149, 1}, {"before every purchase", -5, 30},
        {"after the history", 260, 365},
    };
    const Generated g = generate(7, 300, 200, 0.1);
    CrmAggregates aggregates;
    for (const MemberActivity &m : g.members)
        ASSERT_TRUE(aggregates.add(aggregates.addMember(m.member, m.birthday), m.purchases));
    for (const AsOfCase &c : cases) {
        SCOPED_TRACE(c.name);
        AnalysisOptions options;
        options.fitTolerance = kFitTolerance;
        options.asOfDay = c.asOfDay;
        options.windowDays = c.windowDays;
        auto got = aggregates.analyse(options);
        auto want = analyse(g.members, options);
        ASSERT_TRUE(got);
        ASSERT_TRUE(want);
        expectSame(*got, *want, true);
    }
}

TEST(CrmAggregates, TwoThreadsMatchOneThread)
{
    const unsigned seeds[] = {11, 12};
    for (const unsigned seed : seeds) {
        SCOPED_TRACE(seed);
        // Enough distinct (x, tx, T) for the likelihood sum to be split (8192 per thread).
        const Generated g = generate(seed, 20000, 365, 0.05);
        AnalysisOptions options;
        options.fitTolerance = kFitTolerance;
        options.asOfDay = 364;
        auto one = analyse(g.members, options);
        options.threads = 2;
        auto two = analyse(g.members, options);
        ASSERT_TRUE(one);
        ASSERT_TRUE(two);
        ASSERT_TRUE(one->fleet.fit);
        std::vector<std::tuple<double, double, double>> distinct;
        for (const MemberAnalysis &m : one->members)
            distinct.emplace_back(m.observation.x, m.observation.tx, m.observation.T);
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        ASSERT_GE(distinct.size(), 2u * 8192u) << "too few for the split sum: the test would compare one thread with itself";
        expectSame(*two, *one, false);
    }
}

struct BadCase
{
    const char *name;
    std::vector<DayAmount> purchases;
    ErrorCode code;
};

TEST(CrmAggregates, BadPurchasesChangeNothing)
{
    constexpr int64_t kMax = INT64_MAX;
    const BadCase cases[] = {
        {"negative amount", {{10, 100, false}, {11, -1, false}}, ErrorCode::InvalidArgument},
        {"day out of range", {{10, 100, false}, {int64_t{1} << 40, 1, false}}, ErrorCode::InvalidArgument},
        {"a day's spend overflows", {{12, kMax, false}, {12, 1, false}}, ErrorCode::Overflow},
    };
    for (const BadCase &c : cases) {
        SCOPED_TRACE(c.name);
        CrmAggregates aggregates;
        const size_t ann = aggregates.addMember("ann");
        const std::vector<DayAmount> before{{5, 700, false}, {9, 300, false}};
        ASSERT_TRUE(aggregates.add(ann, before));
        aggregates.addMember("bo");
        ASSERT_TRUE(aggregates.add(1, std::vector<DayAmount>{{6, 10, false}}));
        AnalysisOptions options;
        options.asOfDay = 20;
        auto added = aggregates.add(ann, c.purchases);
        ASSERT_FALSE(added);
        EXPECT_EQ(added.error().code, c.code);
        auto got = aggregates.analyse(options);
        ASSERT_TRUE(got);
        ASSERT_EQ(got->members.size(), 2u);
        EXPECT_EQ(got->members[0].summary.windowSpend, 1000);
        EXPECT_EQ(got->members[0].summary.totalVisits, 2);
    }
}

} // namespace
} // namespace tapledger::crm
