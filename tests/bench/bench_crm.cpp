// CRM benchmark (issue 12): the full segment + BG/NBD run of src/core/crm over generated members
// and the incremental daily run (docs/crm.md, "Benchmark"). Members are drawn from the BG/NBD
// story (gsl mt19937, seed printed) over --days local days; the purchase rate is calibrated on a
// pilot sample so the history holds about --purchases purchases (printed: the actual count).
// The last day is held back as "today's" purchases. Side by side in one run:
//   full run as of yesterday on 1 thread and on 2 threads (CrmAggregates built from scratch,
//   cold fit), the incremental day (today's purchases added in place, fit warm-started from
//   yesterday's parameters), and the full recomputation as of today it must equal.
// Figures: wall and CPU seconds, peak RSS (VmHWM, reset per phase), bytes per member, ratios.
// Default 100,000 members; the size is `--members 1000000` (20M purchases).
#include "core/crm/crmaggregates.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace tapledger;
using SteadyClock = std::chrono::steady_clock;

namespace {
double cpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }
double secondsSince(SteadyClock::time_point t) { return std::chrono::duration<double>(SteadyClock::now() - t).count(); }

long statusKb(const char *key)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0)
            return std::atol(line.c_str() + std::strlen(key));
    return -1;
}

/// Resets VmHWM to the current RSS (Linux clear_refs "5"), so each phase reports its own peak.
void resetPeak()
{
    std::ofstream("/proc/self/clear_refs") << "5";
}

/// A generated purchase; members' purchases are contiguous, in member order.
struct Purchase
{
    uint32_t member = 0;
    int32_t day = 0;
    int64_t amountMinor = 0;
};

/// Members drawn from the BG/NBD story with @p truth over days [0, days).
std::vector<Purchase> generate(gsl_rng *rng, size_t members, const crm::BgNbdParams &truth, int64_t days)
{
    std::vector<Purchase> out;
    for (size_t i = 0; i < members; ++i) {
        const auto member = static_cast<uint32_t>(i);
        const auto firstDay = static_cast<int64_t>(gsl_rng_uniform_int(rng, static_cast<unsigned long>(days)));
        const double lambda = gsl_ran_gamma(rng, truth.r, 1.0 / truth.alpha);
        const double dropout = gsl_ran_beta(rng, truth.a, truth.b);
        out.push_back({member, static_cast<int32_t>(firstDay), static_cast<int64_t>(gsl_rng_uniform_int(rng, 10000))});
        for (double t = 0;;) {
            t += gsl_ran_exponential(rng, 1.0 / lambda);
            const int64_t day = firstDay + static_cast<int64_t>(t);
            if (day >= days)
                break;
            out.push_back({member, static_cast<int32_t>(day), static_cast<int64_t>(gsl_rng_uniform_int(rng, 10000))});
            if (gsl_rng_uniform(rng) < dropout)
                break;
        }
    }
    return out;
}

struct Timed
{
    crm::Analysis analysis;
    double wall = 0, cpu = 0;
    long peakKb = 0;
    size_t bytes = 0;
};

void print(const char *what, const Timed &t, size_t members)
{
    std::printf("%-34s %8.2f s wall %8.2f s CPU  peak RSS %7ld MB  aggregates %5.1f B/member", what, t.wall, t.cpu,
                t.peakKb / 1024, static_cast<double>(t.bytes) / static_cast<double>(members));
    if (const auto &f = t.analysis.fleet.fit)
        std::printf("  fit r=%.4f alpha=%.3f a=%.4f b=%.4f (%zu iterations)\n", f->params.r, f->params.alpha, f->params.a,
                    f->params.b, f->iterations);
    else
        std::printf("  no fit: %s\n", t.analysis.fleet.fitError.c_str());
}

/// Builds aggregates from every purchase before day @p until and analyses them, timed.
Timed fullRun(const std::vector<Purchase> &purchases, size_t members, int64_t until, crm::AnalysisOptions options,
              std::unique_ptr<crm::CrmAggregates> &keep)
{
    resetPeak();
    const double cpu0 = cpuSeconds();
    const auto t0 = SteadyClock::now();
    auto aggregates = std::make_unique<crm::CrmAggregates>();
    for (size_t i = 0; i < members; ++i)
        aggregates->addMember("m" + std::to_string(i));
    std::vector<crm::DayAmount> batch;
    for (size_t i = 0; i < purchases.size();) {
        const uint32_t member = purchases[i].member;
        batch.clear();
        for (; i < purchases.size() && purchases[i].member == member; ++i)
            if (purchases[i].day < until)
                batch.push_back({purchases[i].day, purchases[i].amountMinor, false});
        if (!aggregates->add(member, batch)) {
            std::fprintf(stderr, "add failed\n");
            std::exit(1);
        }
    }
    auto result = aggregates->analyse(options);
    if (!result) {
        std::fprintf(stderr, "analysis failed: %s\n", result.error().message.c_str());
        std::exit(1);
    }
    Timed t{std::move(*result), secondsSince(t0), cpuSeconds() - cpu0, statusKb("VmHWM:"), aggregates->bytes()};
    keep = std::move(aggregates);
    return t;
}

/// Members whose integer aggregates or segments differ, and the largest relative parameter gap.
struct Diff
{
    size_t members = 0;
    double params = 0;
};

Diff compare(const crm::Analysis &x, const crm::Analysis &y)
{
    Diff d;
    if (x.members.size() != y.members.size())
        return {std::max(x.members.size(), y.members.size()), INFINITY};
    for (size_t i = 0; i < x.members.size(); ++i) {
        const auto &a = x.members[i], &b = y.members[i];
        const bool same = a.member == b.member && a.summary.windowVisits == b.summary.windowVisits &&
                          a.summary.windowSpend == b.summary.windowSpend && a.observation == b.observation &&
                          a.pyramid == b.pyramid && a.quadrant == b.quadrant && a.rfm == b.rfm;
        d.members += same ? 0 : 1;
    }
    if (x.fleet.fit && y.fleet.fit) {
        const auto &p = x.fleet.fit->params, &q = y.fleet.fit->params;
        for (const auto &[u, v] : {std::pair{p.r, q.r}, {p.alpha, q.alpha}, {p.a, q.a}, {p.b, q.b}})
            d.params = std::max(d.params, std::abs(u - v) / std::abs(v));
    } else if (x.fleet.fit.has_value() != y.fleet.fit.has_value()) {
        d.params = INFINITY;
    }
    return d;
}
} // namespace

int main(int argc, char **argv)
{
    size_t members = 100000;
    double target = 0; // purchases; 0 = 20 per member
    unsigned long seed = 20261203;
    int64_t days = 730;
    double tolerance = 1e-6;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--members") == 0)
            members = std::strtoul(argv[i + 1], nullptr, 10);
        else if (std::strcmp(argv[i], "--purchases") == 0)
            target = std::strtod(argv[i + 1], nullptr);
        else if (std::strcmp(argv[i], "--seed") == 0)
            seed = std::strtoul(argv[i + 1], nullptr, 10);
        else if (std::strcmp(argv[i], "--days") == 0)
            days = std::strtol(argv[i + 1], nullptr, 10);
        else if (std::strcmp(argv[i], "--fit-tolerance") == 0)
            tolerance = std::strtod(argv[i + 1], nullptr);
        else {
            std::fprintf(stderr, "usage: bench_crm [--members N] [--purchases P] [--days D] [--seed S] [--fit-tolerance T]\n");
            return 2;
        }
    }
    if (members < 2 || days < 3 || !(tolerance > 0)) {
        std::fprintf(stderr, "bench_crm: need >= 2 members, >= 3 days, a positive tolerance\n");
        return 2;
    }
    if (target <= 0)
        target = 20.0 * static_cast<double>(members);
    std::unique_ptr<gsl_rng, decltype(&gsl_rng_free)> rng(gsl_rng_alloc(gsl_rng_mt19937), gsl_rng_free);

    // Calibrate the rate scale α on a 20,000-member pilot (own seed) to reach the target per member.
    crm::BgNbdParams truth{1.2, 40.0, 0.5, 9.5};
    const double perMember = target / static_cast<double>(members);
    for (int round = 0; round < 4; ++round) {
        gsl_rng_set(rng.get(), seed + 1);
        constexpr size_t kPilot = 20000;
        const double got = static_cast<double>(generate(rng.get(), kPilot, truth, days).size()) / kPilot;
        truth.alpha *= got / perMember; // rate r/α: more purchases per member needs a smaller α
    }
    gsl_rng_set(rng.get(), seed);
    std::printf("bench_crm: %zu members over %lld days, gsl mt19937 seed %lu, truth r=%.2f alpha=%.2f a=%.2f b=%.2f, "
                "fit tolerance %.0e, 2 cores\n",
                members, static_cast<long long>(days), seed, truth.r, truth.alpha, truth.a, truth.b, tolerance);

    resetPeak();
    auto t0 = SteadyClock::now();
    const std::vector<Purchase> purchases = generate(rng.get(), members, truth, days);
    const int64_t today = days - 1;
    const auto todays = static_cast<size_t>(
        std::count_if(purchases.begin(), purchases.end(), [&](const Purchase &p) { return p.day == today; }));
    std::printf("generated %zu purchases (%.1f per member; %zu of them today, day %lld) in %.2f s, %zu MB of input\n",
                purchases.size(), static_cast<double>(purchases.size()) / static_cast<double>(members), todays,
                static_cast<long long>(today), secondsSince(t0), purchases.size() * sizeof(Purchase) >> 20);

    crm::AnalysisOptions options;
    options.fitTolerance = tolerance;
    options.asOfDay = today - 1;
    std::unique_ptr<crm::CrmAggregates> aggregates;
    options.threads = 1;
    const Timed one = fullRun(purchases, members, today, options, aggregates);
    print("full run as of yesterday, 1 thread", one, members);
    aggregates.reset();
    options.threads = 2;
    const Timed two = fullRun(purchases, members, today, options, aggregates);
    print("full run as of yesterday, 2 threads", two, members);
    const Diff threadsDiff = compare(two.analysis, one.analysis);
    std::printf("  1 vs 2 threads: %zu members differ in aggregates or segments, parameters within %.1e (relative); "
                "speed-up %.2f x\n",
                threadsDiff.members, threadsDiff.params, one.wall / two.wall);

    // Today: the new day's purchases into the same aggregates, warm-started fit.
    resetPeak();
    const double cpu0 = cpuSeconds();
    t0 = SteadyClock::now();
    for (const Purchase &p : purchases) {
        if (p.day != today)
            continue;
        const crm::DayAmount d{p.day, p.amountMinor, false};
        if (!aggregates->add(p.member, std::span(&d, 1)))
            return 1;
    }
    options.asOfDay = today;
    auto incremental = aggregates->analyse(options, two.analysis.fleet.fit ? std::optional(two.analysis.fleet.fit->params)
                                                                           : std::nullopt);
    if (!incremental)
        return 1;
    Timed inc{std::move(*incremental), secondsSince(t0), cpuSeconds() - cpu0, statusKb("VmHWM:"), aggregates->bytes()};
    print("incremental day, 2 threads, warm", inc, members);
    aggregates.reset();

    const Timed full = fullRun(purchases, members, today + 1, options, aggregates);
    print("full run as of today, 2 threads", full, members);
    const Diff dayDiff = compare(inc.analysis, full.analysis);
    std::printf("  incremental vs full: %zu members differ in aggregates or segments, parameters within %.1e "
                "(relative); full / incremental %.1f x wall\n",
                dayDiff.members, dayDiff.params, full.wall / inc.wall);
    return threadsDiff.members == 0 && dayDiff.members == 0 ? 0 : 1;
}
