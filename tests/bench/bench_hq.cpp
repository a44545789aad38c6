// HQ benchmarks (issue 11): ingest in entries/s with full verification (ChainVerifier, tree
// head, merge) beside this machine's Ed25519 verify rate in the same run, and many kiosks syncing
// concurrently with HQ over mutual TLS on loopback (p50/p95 round latency, process RSS).
// Default sizes are short (2,000 top-ups, 50 kiosks); the ctest smoke run is tinier and the big
// run is `--ingest-topups 20000 --kiosks 1000 --threads 64 --hq-threads 16` (README "Benchmarks").
#include "core/crypto/ed25519.h"
#include "sync/hq/reconciler.h"
#include "core/device/datadir.h"
#include "core/fileio.h"
#include "sync/client/syncledger.h"
#include "sync/support/hqprocess.h"
#include "sync/hq/hqtestsupport.h"
#include <csignal>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <span>
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

/// A simulated kiosk for the fleet run: the signed entries and tree heads of a real kiosk's
/// ledger (made by an Engine at setup, then closed), served to a real SyncClient over mutual TLS.
/// Applying the feed keeps only the cursor: adopting 1,000 members is the kiosk's own cost
/// (bench_ledger), not HQ's, and 1,000 engines in this process would measure the kiosks, not HQ.
class LeanKiosk final : public sync::SyncLedger
{
public:
    std::string id;
    std::filesystem::path dataDir;
    std::vector<StoredEntry> all;            ///< the kiosk's ledger at the end of setup
    std::vector<uint64_t> stageSize;         ///< ledger size at the end of each stage
    std::vector<SignedTreeHead> stageHead;   ///< the tree head at that size
    size_t stage = 0;
    uint64_t cursor = 0;

    std::string kioskId() override { return id; }
    uint64_t size() override { return stageSize[stage]; }
    Result<std::vector<StoredEntry>> entries(uint64_t fromSeq, uint64_t limit) override
    {
        std::vector<StoredEntry> out;
        for (uint64_t seq = fromSeq; seq <= size() && out.size() < limit; ++seq)
            out.push_back(all[seq - 1]);
        return out;
    }
    Result<SignedTreeHead> treeHead(int64_t) override { return stageHead[stage]; }
    uint64_t feedCursor() override { return cursor; }
    Result<HqSyncOutcome> applyFeed(std::span<const HqFeedItem> items, uint64_t next) override
    {
        cursor = next;
        return HqSyncOutcome{next, 0, items.size(), {}, {}};
    }
    Result<void> markCardsReconciled(std::span<const Uuid>) override { return {}; }
};

/// Makes one lean kiosk: enrols it at @p hq, and records two stages of its ledger (enrolment,
/// card and a top-up; then one more top-up), so the second round has something new to upload.
std::unique_ptr<LeanKiosk> makeLeanKiosk(const std::filesystem::path &dir, int i, const Policy &policy, TestHq &hq)
{
    auto lean = std::make_unique<LeanKiosk>();
    TestKiosk kiosk(dir, "k-" + std::to_string(i), policy, hq);
    Engine &engine = kiosk.engine();
    auto [member, card] = enrolWithCard(engine, "m-" + std::to_string(i));
    for (int stage = 0; stage < 2; ++stage) {
        kiosk.clock().advance(60'000);
        if (!engine.topUp({member, 2'000, "cash", Uuid(), card}).ok())
            return nullptr;
        auto head = engine.ledger().treeHead(kiosk.clock().nowMs());
        if (!head)
            return nullptr;
        lean->stageSize.push_back(engine.ledger().size());
        lean->stageHead.push_back(*head);
    }
    auto entries = engine.ledger().entries(1, engine.ledger().size());
    if (!entries)
        return nullptr;
    lean->all = std::move(*entries);
    lean->id = kiosk.id();
    lean->dataDir = kiosk.dataDir();
    return lean;
}

/// Figures of one round of every kiosk.
struct Stage
{
    std::vector<double> latencyMs; ///< first attempt to success, retries included
    size_t retries = 0, failures = 0;
    uint64_t feedItems = 0, uploaded = 0;
    double wallS = 0, hqCpuS = 0, clientCpuS = 0;
};

/// One round of @p k against HQ on @p port at @p nowMs, as a kiosk runs it (a fresh SyncClient).
Result<sync::SyncSummary> syncOnce(LeanKiosk &k, int port, int64_t nowMs)
{
    sync::KioskSyncConfig config;
    TL_ASSIGN(config, sync::KioskSyncConfig::load(k.dataDir));
    config.port = port;
    std::string pem;
    TL_ASSIGN(pem, readSmallFile(k.dataDir / DataDir::kPrivateKeyFile, "device key"));
    auto key = Ed25519SecretKey::fromPem(pem);
    if (!key)
        return std::move(key).error();
    std::unique_ptr<sync::SyncClient> client;
    TL_ASSIGN(client, sync::SyncClient::create(k.dataDir, std::move(config), *key));
    return client->round(k, nowMs);
}

/// Every kiosk of @p fleet syncs once, @p threads at a time; a refused or timed-out round is
/// retried after 0.5 s, 1 s, 2 s … (as a kiosk's backoff would), at most 8 attempts.
Stage runStage(std::vector<std::unique_ptr<LeanKiosk>> &fleet, HqProcess &hq, int threads, int64_t nowMs)
{
    constexpr int kAttempts = 8;
    Stage st;
    st.latencyMs.assign(fleet.size(), 0.0);
    std::atomic<size_t> next{0}, failures{0}, retries{0};
    std::atomic<uint64_t> feedItems{0}, uploaded{0};
    std::mutex errMutex;
    std::string firstError;
    const double hqCpu0 = hq.cpuSeconds(), cpu0 = cpuSeconds();
    const auto t0 = SteadyClock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (size_t i; (i = next++) < fleet.size();) {
                const auto start = SteadyClock::now();
                Result<sync::SyncSummary> r = Error{ErrorCode::Io, "not run"};
                for (int attempt = 0; attempt < kAttempts; ++attempt) {
                    if (attempt > 0) {
                        ++retries;
                        std::this_thread::sleep_for(std::chrono::milliseconds(500) * (1 << (attempt - 1)));
                    }
                    if ((r = syncOnce(*fleet[i], hq.port(), nowMs)))
                        break;
                    std::lock_guard lock(errMutex);
                    if (firstError.empty())
                        firstError = fleet[i]->id + ": " + r.error().message;
                }
                st.latencyMs[i] = secondsSince(start) * 1000.0;
                if (!r) {
                    ++failures;
                    continue;
                }
                feedItems += r->feedItems;
                uploaded += r->uploaded;
            }
        });
    for (auto &t : pool)
        t.join();
    st.wallS = secondsSince(t0);
    st.hqCpuS = hq.cpuSeconds() - hqCpu0;
    st.clientCpuS = cpuSeconds() - cpu0;
    st.failures = failures;
    st.retries = retries;
    st.feedItems = feedItems;
    st.uploaded = uploaded;
    if (!firstError.empty())
        std::printf("  first refused attempt: %s\n", firstError.c_str());
    std::sort(st.latencyMs.begin(), st.latencyMs.end());
    return st;
}

void printStage(const char *name, const Stage &st, int threads, int hqThreads)
{
    const auto n = st.latencyMs.size();
    const auto pct = [&](double p) { return st.latencyMs[std::min(n - 1, static_cast<size_t>(p * static_cast<double>(n)))]; };
    std::printf("fleet %s: %zu kiosks, %d at a time, HQ %d worker threads: %.2f s (%.1f rounds/s); round latency "
                "p50 %.1f ms, p95 %.1f ms, max %.1f ms (retries included); %zu retries, %zu failed; %lu entries "
                "uploaded, %lu feed items read\n",
                name, n, threads, hqThreads, st.wallS, static_cast<double>(n) / st.wallS, pct(0.50), pct(0.95),
                st.latencyMs.back(), st.retries, st.failures, static_cast<unsigned long>(st.uploaded),
                static_cast<unsigned long>(st.feedItems));
    std::printf("fleet %s: CPU: HQ %.2f s (%.2f ms per round), the simulated kiosks %.2f s (TLS, feed signature "
                "checks) on the same 2 cores\n",
                name, st.hqCpuS, 1000.0 * st.hqCpuS / static_cast<double>(n), st.clientCpuS);
}

int fleet(const std::filesystem::path &tmp, int kiosks, int threads, int hqThreads)
{
    TestHq hq(tmp / "hq-fleet");
    std::vector<std::unique_ptr<LeanKiosk>> fleet;
    const Policy policy = syncTestPolicy();
    auto t0 = SteadyClock::now();
    for (int i = 0; i < kiosks; ++i) {
        fleet.push_back(makeLeanKiosk(tmp / "fleet", i, policy, hq));
        if (!fleet.back())
            return std::fprintf(stderr, "kiosk %d: setup failed\n", i), 1;
    }
    std::printf("fleet: %d kiosks set up in %.1f s\n", kiosks, secondsSince(t0));
    hq.close();
    Stage first, steady;
    long rssStarted = 0, rssAfter = 0, peak = 0;
    {
        HqProcess server(TAPLEDGER_HQ_BINARY, hq.path(), tmp);
        if (const std::string why = server.start(0, hqThreads); !why.empty())
            return std::fprintf(stderr, "%s\n", why.c_str()), 1;
        rssStarted = server.statusKb("VmRSS:");
        // First sync of every kiosk: uploads its whole ledger, reads the feed of those before it.
        first = runStage(fleet, server, threads, kHqTestStartMs + 3'600'000);
        printStage("first sync", first, threads, hqThreads);
        for (auto &k : fleet)
            k->stage = 1;
        // Steady state: one new entry per kiosk, the feed since each kiosk's cursor.
        steady = runStage(fleet, server, threads, kHqTestStartMs + 7'200'000);
        printStage("next sync", steady, threads, hqThreads);
        rssAfter = server.statusKb("VmRSS:");
        peak = server.statusKb("VmHWM:");
        if (server.signal(SIGTERM) != 0)
            return std::fprintf(stderr, "tapledger-hq serve did not stop cleanly on SIGTERM\n"), 1;
    }
    std::printf("fleet: HQ process (tapledger-hq serve) RSS %ld kB after start, %ld kB after the rounds, peak %ld kB\n",
                rssStarted, rssAfter, peak);
    hq.reopen();
    const std::string problem = hq.verify();
    if (!problem.empty())
        std::fprintf(stderr, "verify: %s\n", problem.c_str());
    return first.failures == 0 && steady.failures == 0 && problem.empty() ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured, also into a file
    long topUps = 2'000;
    int kiosks = 50, threads = 8, hqThreads = 8;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--ingest-topups"))
            topUps = std::atol(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--kiosks"))
            kiosks = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--hq-threads"))
            hqThreads = std::atoi(argv[i + 1]);
        else
            return std::fprintf(stderr,
                                "usage: bench_hq [--ingest-topups N] [--kiosks N] [--threads N] [--hq-threads N]\n"),
                   2;
    }
    if (topUps < 1 || kiosks < 1 || threads < 1 || hqThreads < 1 || hqThreads > 1024)
        return std::fprintf(stderr, "sizes must be >= 1\n"), 2;
    TempDir tmp;
    if (int rc = ingest(tmp.path(), topUps))
        return rc;
    return fleet(tmp.path(), kiosks, threads, hqThreads);
}
