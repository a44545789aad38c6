// A writer killed with SIGKILL at random moments never loses an acknowledged entry and never
// leaves a half-written one.
#include "core/bytes.h"
#include "core/device/datadir.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <sstream>

extern char **environ;

using namespace tapledger;
using namespace tapledger::test;

namespace {
/// Runs the child for about @p runMs, SIGKILLs it, and returns the acks it printed (seq → hash).
std::map<uint64_t, std::string> runAndKill(const std::string &dataDir, int runMs)
{
    int fds[2];
    EXPECT_EQ(pipe2(fds, O_CLOEXEC), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    std::string child = DURABILITY_CHILD;
    char *argv[] = {child.data(), const_cast<char *>(dataDir.c_str()), nullptr};
    pid_t pid = 0;
    EXPECT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv, environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);

    std::string out;
    char buf[4096];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(runMs);
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            break;
        pollfd p{fds[0], POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0)
            continue;
        const ssize_t n = read(fds[0], buf, sizeof buf);
        if (n <= 0)
            break;
        out.append(buf, static_cast<size_t>(n));
    }
    kill(pid, SIGKILL);
    // Whatever was acknowledged before the kill is still in the pipe.
    ssize_t n = 0;
    while ((n = read(fds[0], buf, sizeof buf)) > 0)
        out.append(buf, static_cast<size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status)) << "the child ended by itself: " << out;

    // Only complete lines count: a line cut by the kill was never fully acknowledged.
    std::map<uint64_t, std::string> acks;
    size_t start = 0;
    for (size_t nl = out.find('\n'); nl != std::string::npos; start = nl + 1, nl = out.find('\n', start)) {
        std::istringstream line(out.substr(start, nl - start));
        std::string word, hash;
        uint64_t seq = 0;
        if (line >> word >> seq >> hash && word == "ack" && hash.size() == 64)
            acks[seq] = hash;
    }
    return acks;
}
} // namespace

TEST(Durability, SigkillNeverLosesAnAcknowledgedEntry)
{
    TempDir tmp;
    const auto dataDir = tmp.path() / "kiosk";
    ASSERT_TRUE(DataDir::init(dataDir, "durability").ok());
    std::mt19937 rng(20261123);
    std::uniform_int_distribution<int> runMs(5, 60);
    std::map<uint64_t, std::string> allAcks;
    constexpr int kRounds = 60;
    for (int round = 0; round < kRounds; ++round) {
        const auto acks = runAndKill(dataDir.string(), runMs(rng));
        allAcks.insert(acks.begin(), acks.end());

        auto dir = DataDir::open(dataDir);
        ASSERT_TRUE(dir.ok()) << "round " << round << ": " << dir.error().message;
        Ledger &ledger = (*dir)->ledger();
        for (const auto &[seq, hash] : allAcks) {
            auto e = ledger.entry(seq);
            ASSERT_TRUE(e.ok()) << "round " << round << ": acknowledged seq " << seq << " is lost";
            ASSERT_EQ(toHex(e->hash), hash) << "round " << round << ": seq " << seq << " changed";
        }
        const VerifyReport r = ledger.verify();
        ASSERT_TRUE(r.ok) << "round " << round << ": " << r.problem;
    }
    EXPECT_GT(allAcks.size(), static_cast<size_t>(kRounds)) << "the child should append several entries per round";
    std::cout << "[ info ] " << kRounds << " SIGKILL rounds, " << allAcks.size() << " acknowledged entries, all present\n";
}
