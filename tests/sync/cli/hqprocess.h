#pragma once

#include <filesystem>
#include <string>
#include <sys/types.h>

namespace tapledger::test {

/// `tapledger-hq serve --data DIR --listen 127.0.0.1:0` as a child process: start() waits for its
/// first stdout line ("listening on 127.0.0.1:PORT"), stop() sends SIGTERM and reaps it.
class HqProcess
{
public:
    /// @p binary: the tapledger-hq path; @p dataDir initialised; stdout/stderr go to files in @p logDir.
    HqProcess(std::string binary, std::filesystem::path dataDir, std::filesystem::path logDir);
    ~HqProcess();
    HqProcess(const HqProcess &) = delete;
    HqProcess &operator=(const HqProcess &) = delete;

    /// Starts HQ; "" on success, else why not (the child is reaped).
    std::string start();
    /// SIGTERM and wait: the exit status (128 + signal when killed), -1 when not running.
    int stop();
    /// https://127.0.0.1:PORT once started.
    const std::string &url() const noexcept { return m_url; }
    /// What HQ wrote on stderr so far (for failure messages).
    std::string log() const;

private:
    std::string m_binary;
    std::filesystem::path m_data, m_logDir;
    pid_t m_pid = -1;
    std::string m_url;
};

} // namespace tapledger::test
