// Engine benchmark: events/s through the Simulator + Engine for a generated script, durable
// commits per event and batched, and the latency of one durable redemption. Figures, not a
// pass/fail test (ctest runs a tiny size, label bench, so the binary cannot rot).
//   bench_engine [--events N] [--batch N] [--per-event-events N] [--members N] [--redemptions N] [--million]
// --million runs the 1,000,000-event script batched (minutes on 2 cores); the durable-per-event
// mode runs --per-event-events (default 2,000; 20,000 with --million): at one fsync per event a
// million would take most of an hour. Pass --per-event-events 1000000 to run it anyway.
#include "core/engine/engine.h"
#include "core/engine/simulator.h"
#include "enginetestsupport.h"
#include "support/testsupport.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace tapledger;
using namespace tapledger::test;
using Steady = std::chrono::steady_clock;

namespace {
struct Options
{
    size_t events = 20000, batch = 1000, members = 200, redemptions = 2000, perEventEvents = 2000;
};

std::string eventLine(std::mt19937_64 &rng, size_t members)
{
    std::string m = "m";
    m += std::to_string(rng() % members);
    const auto amount = std::to_string(5 + rng() % 300) + ".00";
    switch (rng() % 20) {
    case 0:
        return R"({"event":"purchase","member":")" + m + R"(","items":[{"sku":"menu"}],"pay":"stored_value","pin":"1234"})";
    case 1:
    case 2:
    case 3:
        return R"({"event":"topup","member":")" + m + R"(","amount":")" + amount + R"(","pay":"card"})";
    case 4:
        return R"({"event":"advance","minutes":)" + std::to_string(1 + rng() % 30) + "}";
    default:
        return R"({"event":"purchase","member":")" + m + R"(","items":[{"category":"food","amount":")" + amount +
               R"("},{"sku":"cake"}],"pay":"cash"})";
    }
}

/// Process CPU time: with the machine shared, wall-clock figures mostly measure the neighbours.
double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double runScript(const Policy &policy, const Options &o, size_t events, size_t batch)
{
    TempDir tmp;
    TestEngine t = makeTestEngine(tmp.path(), policy, kJan2026);
    Simulator sim(*t.engine, *t.clock, {batch, false});
    for (size_t i = 0; i < o.members; ++i)
        (void)sim.runLine(R"({"event":"enrol","member":"m)" + std::to_string(i) + R"(","name":"M","pin":"1234"})", i + 1);
    (void)sim.flush();
    // Lines are made as they run (a million would not fit comfortably); making one costs ~1 us.
    std::mt19937_64 rng(42);
    size_t failed = 0;
    const auto start = Steady::now();
    const double cpuStart = cpuSeconds();
    for (size_t i = 0; i < events; ++i)
        failed += sim.runLine(eventLine(rng, o.members), i + 1).ok() ? 0u : 1u;
    (void)sim.flush();
    const double secs = std::chrono::duration<double>(Steady::now() - start).count();
    const double cpu = cpuSeconds() - cpuStart;
    std::printf("  %zu events, %s: %.2f s, %.0f events/s (CPU %.2f s, %.0f events per CPU second), %zu ledger "
                "entries, %zu refused\n",
                events, batch == 1 ? "durable commit per event" : ("durable commit per " + std::to_string(batch) + " events").c_str(),
                secs, static_cast<double>(events) / secs, cpu, static_cast<double>(events) / cpu,
                static_cast<size_t>(t.engine->ledger().size()), failed);
    std::fflush(stdout);
    return static_cast<double>(events) / secs;
}

void redemptionLatency(Policy policy, const Options &o)
{
    policy.points.capPerPurchase = 0;
    policy.points.capPerDay = 0;
    TempDir tmp;
    TestEngine t = makeTestEngine(tmp.path(), policy, kJan2026);
    Engine &e = *t.engine;
    const Uuid m = e.enrol({Uuid(), "r", "R", "", "1234", Uuid()})->member;
    // Enough points for every redemption (base policy: 1 pt per 10.00).
    const auto spend = static_cast<int64_t>(o.redemptions + 1) * 100 * 1000;
    if (auto p = e.purchase({m, {{"", 1, "food", spend}}, "cash", "", 0, Uuid()}); !p) {
        std::printf("  setup purchase failed: %s\n", p.error().message.c_str());
        return;
    }
    std::vector<double> us, cpuUs;
    us.reserve(o.redemptions);
    cpuUs.reserve(o.redemptions);
    for (size_t i = 0; i < o.redemptions; ++i) {
        const auto start = Steady::now();
        const double cpuStart = cpuSeconds();
        auto r = e.redeem({m, "credit", 100, "1234", ""});
        us.push_back(std::chrono::duration<double, std::micro>(Steady::now() - start).count());
        cpuUs.push_back((cpuSeconds() - cpuStart) * 1e6);
        if (!r) {
            std::printf("  redemption failed: %s\n", r.error().message.c_str());
            return;
        }
    }
    std::sort(us.begin(), us.end());
    std::sort(cpuUs.begin(), cpuUs.end());
    std::printf("  %zu durable redemptions (PIN scrypt 2^%u, sign, WAL FULL commit): median %.0f us, p99 %.0f us, max %.0f us"
                " (CPU median %.0f us, p99 %.0f us)\n",
                us.size(), unsigned{policy.pin.scryptLog2N}, us[us.size() / 2], us[us.size() * 99 / 100], us.back(),
                cpuUs[cpuUs.size() / 2], cpuUs[cpuUs.size() * 99 / 100]);
}
} // namespace

int main(int argc, char **argv)
{
    Options o;
    std::optional<size_t> perEvent;
    for (int i = 1; i < argc; ++i) {
        const auto next = [&] { return i + 1 < argc ? std::stoul(argv[++i]) : 0ul; };
        if (!std::strcmp(argv[i], "--events"))
            o.events = next();
        else if (!std::strcmp(argv[i], "--batch"))
            o.batch = next();
        else if (!std::strcmp(argv[i], "--members"))
            o.members = next();
        else if (!std::strcmp(argv[i], "--redemptions"))
            o.redemptions = next();
        else if (!std::strcmp(argv[i], "--per-event-events"))
            perEvent = next();
        else if (!std::strcmp(argv[i], "--million")) {
            o.events = 1'000'000;
            o.perEventEvents = 20'000;
        }
        else {
            std::fprintf(stderr, "usage: bench_engine [--events N] [--batch N] [--per-event-events N] [--members N] "
                                 "[--redemptions N] [--million]\n");
            return 2;
        }
    }
    if (perEvent)
        o.perEventEvents = *perEvent;
    const Policy policy = loadTestPolicy("base.policy.json");
    std::printf("engine throughput (script through Simulator + Engine, Ed25519-signed entries, %zu members):\n",
                o.members);
    if (o.perEventEvents < o.events)
        std::printf("  (durable-per-event mode on the first %zu of the %zu events: one fsync per event)\n",
                    o.perEventEvents, o.events);
    runScript(policy, o, std::min(o.perEventEvents, o.events), 1);
    runScript(policy, o, o.events, o.batch);
    std::printf("redemption latency:\n");
    redemptionLatency(policy, o);
    return 0;
}
