// HQ benchmarks (issue 11): ingest in entries/s with full verification (ChainVerifier, tree
// head, merge) beside this machine's Ed25519 verify rate in the same run, and many kiosks syncing
// concurrently with HQ over mutual TLS on loopback (p50/p95 round latency, process RSS).
// Default sizes are short (2,000 top-ups, 50 kiosks); the ctest smoke run is tinier and the big
// run is `--ingest-topups 20000 --kiosks 1000 --threads 64` (README "Benchmarks").
#include "core/crypto/ed25519.h"
#include "sync/hq/reconciler.h"
#include "sync/hq/hqtestsupport.h"
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace tapledger;
using namespace tapledger::test;
using SteadyClock = std::chrono::steady_clock;

namespace {

/// CPU seconds of this process so far (on a shared machine the figure to compare).
double cpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

double secondsSince(SteadyClock::time_point t) { return std::chrono::duration<double>(SteadyClock::now() - t).count(); }

long rssKb()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::atol(line.c_str() + 6);
    return -1;
}

int ingest(const std::filesystem::path &tmp, long topUps)
{
    TestHq hq(tmp / "hq-ingest");
    TestKiosk kiosk(tmp / "ingest", "bench-1", syncTestPolicy(), hq);
    auto [member, card] = enrolWithCard(kiosk.engine(), "bench");
    if (kiosk.engine().beginBatch().ok()) {
        for (long i = 0; i < topUps; ++i)
            if (!kiosk.engine().topUp({member, 1'000, "cash", Uuid(), card}).ok())
                return std::fprintf(stderr, "top-up failed\n"), 1;
        if (!kiosk.engine().commitBatch().ok())
            return std::fprintf(stderr, "commit failed\n"), 1;
    }
    const uint64_t n = kiosk.engine().ledger().size();
    std::vector<sync::UploadBatch> batches;
    for (uint64_t from = 1; from <= n; from += 500)
        batches.push_back(kiosk.batch(from, std::min<uint64_t>(n, from + 499), from + 500 > n));

    sync::Reconciler reconciler(hq.dir().store(), hq.dir().key(), std::make_shared<ManualClock>(kHqTestStartMs));
    auto t0 = SteadyClock::now();
    double c0 = cpuSeconds();
    for (const auto &b : batches) {
        auto r = reconciler.ingest("bench-1", b);
        if (std::holds_alternative<sync::Refusal>(r))
            return std::fprintf(stderr, "refused: %s\n", std::get<sync::Refusal>(r).message.c_str()), 1;
    }
    const double ingestS = secondsSince(t0), ingestCpu = cpuSeconds() - c0;

    // The same signatures verified again and again for at least 0.5 s: a rate, not a warm-up.
    const auto &key = kiosk.engine().deviceKey().publicKey();
    t0 = SteadyClock::now();
    c0 = cpuSeconds();
    size_t verified = 0, bad = 0;
    do {
        for (const auto &b : batches)
            for (const auto &e : b.entries) {
                bad += !ed25519Verify(key, e.body, e.signature);
                ++verified;
            }
    } while (secondsSince(t0) < 0.5);
    const double verifyS = secondsSince(t0), verifyCpu = cpuSeconds() - c0;
    if (bad != 0)
        return std::fprintf(stderr, "%zu signatures do not verify\n", bad), 1;
    const double ingestRate = static_cast<double>(n) / ingestS, verifyRate = static_cast<double>(verified) / verifyS;
    const double ingestCpuRate = static_cast<double>(n) / ingestCpu;
    const double verifyCpuRate = static_cast<double>(verified) / verifyCpu;
    std::printf("ingest: %lu entries in %.3f s = %.0f entries/s wall, %.0f per CPU second (full verification, "
                "merge, one transaction per 500-entry batch)\n",
                static_cast<unsigned long>(n), ingestS, ingestRate, ingestCpuRate);
    std::printf("ed25519 verify (1 thread): %.0f /s wall, %.0f per CPU second; ingest / verify = %.3f wall, %.3f "
                "per CPU second\n",
                verifyRate, verifyCpuRate, ingestRate / verifyRate, ingestCpuRate / verifyCpuRate);
    return hq.verify().empty() ? 0 : (std::fprintf(stderr, "verify: %s\n", hq.verify().c_str()), 1);
}

int fleet(const std::filesystem::path &tmp, int kiosks, int threads)
{
    TestHq hq(tmp / "hq-fleet");
    std::vector<std::unique_ptr<TestKiosk>> fleet;
    const Policy policy = syncTestPolicy();
    auto t0 = SteadyClock::now();
    for (int i = 0; i < kiosks; ++i) {
        fleet.push_back(std::make_unique<TestKiosk>(tmp / "fleet", "k-" + std::to_string(i), policy, hq));
        auto [member, card] = enrolWithCard(fleet.back()->engine(), "m-" + std::to_string(i));
        if (!fleet.back()->engine().topUp({member, 2'000, "cash", Uuid(), card}).ok())
            return std::fprintf(stderr, "top-up failed\n"), 1;
    }
    std::printf("fleet: %d kiosks set up in %.1f s; RSS before HQ starts %ld kB\n", kiosks, secondsSince(t0), rssKb());
    hq.start();
    const long rssStarted = rssKb();
    std::vector<double> latencies(fleet.size());
    std::atomic<size_t> next{0}, failures{0};
    t0 = SteadyClock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (size_t i; (i = next++) < fleet.size();) {
                const auto start = SteadyClock::now();
                auto r = fleet[i]->round();
                latencies[i] = secondsSince(start) * 1000.0;
                if (!r) {
                    ++failures;
                    std::fprintf(stderr, "%s: %s\n", fleet[i]->id().c_str(), r.error().message.c_str());
                }
            }
        });
    for (auto &t : pool)
        t.join();
    const double wall = secondsSince(t0);
    const long rssAfter = rssKb();
    std::sort(latencies.begin(), latencies.end());
    const auto pct = [&](double p) { return latencies[std::min(latencies.size() - 1, static_cast<size_t>(p * static_cast<double>(latencies.size())))]; };
    std::printf("fleet: %d rounds on %d client threads in %.2f s (%.1f rounds/s); round latency p50 %.1f ms, p95 %.1f "
                "ms, max %.1f ms; %zu failed\n",
                kiosks, threads, wall, kiosks / wall, pct(0.50), pct(0.95), latencies.back(), failures.load());
    std::printf("fleet: process RSS %ld kB after HQ started, %ld kB after the rounds (HQ and the %d kiosk engines "
                "share this process)\n",
                rssStarted, rssAfter, kiosks);
    hq.stop();
    return failures == 0 && hq.verify().empty() ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    long topUps = 2'000;
    int kiosks = 50, threads = 8;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--ingest-topups"))
            topUps = std::atol(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--kiosks"))
            kiosks = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
        else
            return std::fprintf(stderr, "usage: bench_hq [--ingest-topups N] [--kiosks N] [--threads N]\n"), 2;
    }
    if (topUps < 1 || kiosks < 1 || threads < 1)
        return std::fprintf(stderr, "sizes must be >= 1\n"), 2;
    TempDir tmp;
    if (int rc = ingest(tmp.path(), topUps))
        return rc;
    return fleet(tmp.path(), kiosks, threads);
}
