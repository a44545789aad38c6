#pragma once
// `tapledger-hq serve` as a child process, for the tests and benchmarks that need HQ in its own
// process: the fleet CLI scenarios, HQ killed mid-batch, HQ measured apart from the kiosks.
#include <csignal>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace tapledger::test {

/// `tapledger-hq serve` as a child process: start() waits for its first stdout line ("listening
/// on 127.0.0.1:PORT"), stop() sends SIGTERM and reaps it; the destructor kills a running child.
class HqProcess
{
public:
    /// @p binary: the tapledger-hq path; @p dataDir initialised; stdout/stderr go to hq.out and
    /// hq.err in @p logDir.
    HqProcess(std::string binary, std::filesystem::path dataDir, std::filesystem::path logDir);
    ~HqProcess();
    HqProcess(const HqProcess &) = delete;
    HqProcess &operator=(const HqProcess &) = delete;

    /// Starts `serve --data DIR --listen 127.0.0.1:@p port --threads @p threads` (port 0: any);
    /// "" on success, else why not (the child is reaped).
    std::string start(int port = 0, int threads = 8);
    /// Starts `serve` with exactly @p args after it (e.g. {"--config", FILE}); as start().
    std::string startWith(std::vector<std::string> args);
    /// SIGTERM and wait: the exit status (128 + signal when killed), -1 when not running.
    int stop() { return signal(SIGTERM); }
    /// Sends @p sig and reaps the child; as stop().
    int signal(int sig);
    /// The port HQ listens on once started, else 0.
    int port() const noexcept { return m_port; }
    /// https://127.0.0.1:PORT once started.
    const std::string &url() const noexcept { return m_url; }
    /// What HQ wrote on stderr so far (for failure messages).
    std::string log() const;
    /// User + system CPU seconds the child used so far (proc(5) stat), -1 when unreadable.
    double cpuSeconds() const;
    /// A /proc/PID/status figure in kB (@p field e.g. "VmRSS:" or "VmHWM:"), -1 when unreadable.
    long statusKb(const std::string &field) const;

private:
    std::string m_binary;
    std::filesystem::path m_data, m_logDir;
    pid_t m_pid = -1;
    int m_port = 0;
    std::string m_url;
};

} // namespace tapledger::test
