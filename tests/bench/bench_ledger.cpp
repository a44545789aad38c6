// Ledger benchmark: durable append latency and verify throughput beside the raw Ed25519 rate.
// Usage: bench_ledger [--appends N] [--verify-entries M]
#include "core/crypto/ed25519secretkey.h"
#include "core/device/datadir.h"
#include "support/testsupport.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using namespace tapledger;
using Clock = std::chrono::steady_clock;

namespace {
double micros(Clock::duration d)
{
    return std::chrono::duration<double, std::micro>(d).count();
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const auto i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

LedgerEntry sampleDraft(const Uuid &member, int64_t i)
{
    LedgerEntry e;
    e.kind = EntryKind::Earn;
    e.member = member;
    e.pointsDelta = 12;
    e.refs = {"rule:earn-std@3"};
    e.extra = R"({"multiplier":"1/1","rate":"1/1000","spend":12000})";
    e.timeMs = 1795456676308 + i;
    e.idempotencyKey = Uuid::generate();
    return e;
}
} // namespace

int main(int argc, char **argv)
{
    long appends = 2000;
    long verifyEntries = 20000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--appends"))
            appends = std::atol(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--verify-entries"))
            verifyEntries = std::atol(argv[i + 1]);
    }
    if (appends < 1 || verifyEntries < 1) {
        std::fprintf(stderr, "usage: bench_ledger [--appends N] [--verify-entries M]\n");
        return 2;
    }

    test::TempDir tmp;
    const Uuid member = Uuid::generate();

    // 1. One entry per durable commit: encode + sign + INSERT + projections + fsync'd WAL commit.
    auto dir = DataDir::init(tmp.path() / "append", "bench-append");
    if (!dir) {
        std::fprintf(stderr, "%s\n", dir.error().message.c_str());
        return 1;
    }
    std::vector<double> latencies;
    latencies.reserve(static_cast<size_t>(appends));
    for (long i = 0; i < appends; ++i) {
        const auto d = sampleDraft(member, i);
        const auto t0 = Clock::now();
        auto r = (*dir)->ledger().append(d);
        latencies.push_back(micros(Clock::now() - t0));
        if (!r) {
            std::fprintf(stderr, "append: %s\n", r.error().message.c_str());
            return 1;
        }
    }
    std::printf("append (encode + sign + durable commit, synchronous=FULL), %ld entries:\n", appends);
    std::printf("  median %.1f us   p99 %.1f us   max %.1f us\n", percentile(latencies, 0.5),
                percentile(latencies, 0.99), percentile(latencies, 1.0));

    // 2. Verify throughput on a larger ledger built in batches.
    auto big = DataDir::init(tmp.path() / "verify", "bench-verify");
    if (!big)
        return 1;
    for (long done = 0; done < verifyEntries;) {
        std::vector<LedgerEntry> batch;
        for (long k = 0; k < 1000 && done < verifyEntries; ++k, ++done)
            batch.push_back(sampleDraft(member, done));
        if (auto r = (*big)->ledger().append(batch); !r) {
            std::fprintf(stderr, "batch append: %s\n", r.error().message.c_str());
            return 1;
        }
    }
    const auto v0 = Clock::now();
    const VerifyReport report = (*big)->ledger().verify();
    const double verifySeconds = std::chrono::duration<double>(Clock::now() - v0).count();
    if (!report.ok) {
        std::fprintf(stderr, "verify failed: %s\n", report.problem.c_str());
        return 1;
    }
    const double entriesPerSecond = static_cast<double>(report.entries) / verifySeconds;

    // 3. The raw Ed25519 verify rate on this machine, same run, same message size.
    const auto key = Ed25519SecretKey::generate();
    const auto stored = (*big)->ledger().entry(1);
    const auto sig = key.sign(stored->canonical);
    const long rawCount = std::min(verifyEntries, 20000L);
    const auto r0 = Clock::now();
    long good = 0;
    for (long i = 0; i < rawCount; ++i)
        good += ed25519Verify(key.publicKey(), stored->canonical, sig);
    const double rawPerSecond = static_cast<double>(rawCount) / std::chrono::duration<double>(Clock::now() - r0).count();
    if (good != rawCount)
        return 1;

    std::printf("verify (decode + SHA-256 + chain + Ed25519 + rebuild balances), %llu entries:\n",
                static_cast<unsigned long long>(report.entries));
    std::printf("  %.0f entries/s   (%.2f s)\n", entriesPerSecond, verifySeconds);
    std::printf("raw Ed25519 verify (OpenSSL, %zu-byte messages): %.0f /s\n", stored->canonical.size(), rawPerSecond);
    std::printf("ratio verify/raw: %.2f\n", entriesPerSecond / rawPerSecond);
    return 0;
}
