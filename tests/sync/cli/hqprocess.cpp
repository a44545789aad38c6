#include "hqprocess.h"

#include "support/testsupport.h"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace tapledger::test {

HqProcess::HqProcess(std::string binary, std::filesystem::path dataDir, std::filesystem::path logDir)
    : m_binary(std::move(binary)), m_data(std::move(dataDir)), m_logDir(std::move(logDir))
{
}

HqProcess::~HqProcess()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
    }
}

std::string HqProcess::log() const
{
    std::ifstream in(m_logDir / "hq.err");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string HqProcess::start()
{
    const std::string out = (m_logDir / "hq.out").string(), err = (m_logDir / "hq.err").string();
    std::vector<std::string> args = {m_binary, "serve", "--data", m_data.string(), "--listen", "127.0.0.1:0"};
    m_pid = ::fork();
    if (m_pid < 0)
        return "fork failed";
    if (m_pid == 0) {
        const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (o < 0 || e < 0 || ::dup2(o, 1) < 0 || ::dup2(e, 2) < 0)
            ::_exit(127);
        std::vector<char *> argv;
        for (auto &a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    // The first line of stdout names the port. Bounded so a broken HQ fails the test, not hangs it.
    for (int i = 0; i < 3000; ++i) {
        std::ifstream in(out);
        std::string line;
        if (std::getline(in, line) && !in.eof()) {
            const std::string prefix = "listening on ";
            if (line.rfind(prefix, 0) != 0)
                return "unexpected first line: " + line;
            m_url = "https://" + line.substr(prefix.size());
            return "";
        }
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            return "tapledger-hq serve exited: " + log();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "tapledger-hq serve printed no port within 60 s";
}

int HqProcess::stop()
{
    if (m_pid <= 0)
        return -1;
    ::kill(m_pid, SIGTERM);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

} // namespace tapledger::test
