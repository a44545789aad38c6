#pragma once
// `tapledger-hq serve` as a child process, for tests and benchmarks that need HQ in its own
// process (killed mid-batch, or measured apart from the kiosks).
#include <filesystem>
#include <string>
#include <sys/types.h>

namespace tapledger::test {

/// `tapledger-hq serve` on a directory, started by the constructor and stopped (SIGTERM) by the
/// destructor.
class HqProcess
{
public:
    /// Starts @p binary serving @p dir on 127.0.0.1:@p port (0 = ephemeral) with @p threads worker
    /// threads; port() is set once it prints that it listens, else stays 0.
    HqProcess(const std::filesystem::path &binary, const std::filesystem::path &dir, int port, int threads = 8);
    ~HqProcess();
    HqProcess(const HqProcess &) = delete;
    HqProcess &operator=(const HqProcess &) = delete;

    /// The port it listens on, 0 when it did not start.
    int port() const noexcept { return m_port; }
    /// Sends @p sig and reaps the child; its exit status (128 + signal when killed), -1 when none.
    int signal(int sig);
    /// User + system CPU seconds the child used so far (/proc/PID/stat), -1 when unreadable.
    double cpuSeconds() const;
    /// A /proc/PID/status figure in kB (@p field e.g. "VmRSS:" or "VmHWM:"), -1 when unreadable.
    long statusKb(const std::string &field) const;

private:
    pid_t m_pid = 0;
    int m_port = 0;
};

} // namespace tapledger::test
