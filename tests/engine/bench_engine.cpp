// Engine benchmark (not a ctest): events/s through the Simulator + Engine for a generated script,
// durable commits per event and batched, and the latency of one durable redemption.
//   bench_engine [--events N] [--batch N] [--members N] [--redemptions N] [--million]
// --million runs the 1,000,000-event script (several minutes on 2 cores).
#include "core/engine/engine.h"
#include "core/engine/simulator.h"
#include "enginetestsupport.h"
#include "support/testsupport.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
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

double runScript(const Policy &policy, const Options &o, size_t events, size_t batch)
{
    TempDir tmp;
    TestEngine t = makeTestEngine(tmp.path(), policy, kJan2026);
    Simulator sim(*t.engine, *t.clock, {batch, false});
    for (size_t i = 0; i < o.members; ++i)
        (void)sim.runLine(R"({"event":"enrol","member":"m)" + std::to_string(i) + R"(","name":"M","pin":"1234"})", i + 1);
    (void)sim.flush();
    std::mt19937_64 rng(42);
    std::vector<std::string> lines;
    lines.reserve(events);
    for (size_t i = 0; i < events; ++i)
        lines.push_back(eventLine(rng, o.members));
    size_t failed = 0;
    const auto start = Steady::now();
    for (size_t i = 0; i < events; ++i)
        failed += sim.runLine(lines[i], i + 1).ok() ? 0u : 1u;
    (void)sim.flush();
    const double secs = std::chrono::duration<double>(Steady::now() - start).count();
    std::printf("  %zu events, batch %zu: %.2f s, %.0f events/s, %zu ledger entries, %zu refused\n", events, batch, secs,
                static_cast<double>(events) / secs, static_cast<size_t>(t.engine->ledger().size()), failed);
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
    (void)e.purchase({m, {{"", 1, "food", 100'000'000}}, "cash", "", 0, Uuid()}); // 10,000,000 points
    std::vector<double> us;
    us.reserve(o.redemptions);
    for (size_t i = 0; i < o.redemptions; ++i) {
        const auto start = Steady::now();
        auto r = e.redeem({m, "credit", 100, "1234", ""});
        us.push_back(std::chrono::duration<double, std::micro>(Steady::now() - start).count());
        if (!r) {
            std::printf("  redemption failed: %s\n", r.error().message.c_str());
            return;
        }
    }
    std::sort(us.begin(), us.end());
    std::printf("  %zu durable redemptions (PIN scrypt 2^%u, sign, WAL FULL commit): median %.0f us, p99 %.0f us, max %.0f us\n",
                us.size(), unsigned{policy.pin.scryptLog2N}, us[us.size() / 2], us[us.size() * 99 / 100], us.back());
}
} // namespace

int main(int argc, char **argv)
{
    Options o;
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
        else if (!std::strcmp(argv[i], "--million"))
            o.events = 1'000'000;
        else {
            std::fprintf(stderr, "usage: bench_engine [--events N] [--batch N] [--members N] [--redemptions N] [--million]\n");
            return 2;
        }
    }
    const Policy policy = loadTestPolicy("base.policy.json");
    std::printf("engine throughput (script through Simulator + Engine, Ed25519-signed entries):\n");
    runScript(policy, o, std::min(o.perEventEvents, o.events), 1);
    runScript(policy, o, o.events, o.batch);
    std::printf("redemption latency:\n");
    redemptionLatency(policy, o);
    return 0;
}
