#include "sync/support/hqprocess.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

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

std::string HqProcess::start(int port, int threads)
{
    return startWith({"--data", m_data.string(), "--listen", "127.0.0.1:" + std::to_string(port), "--threads",
                      std::to_string(threads)});
}

std::string HqProcess::startWith(std::vector<std::string> serveArgs)
{
    if (m_pid > 0)
        return "already started";
    const std::string out = (m_logDir / "hq.out").string(), err = (m_logDir / "hq.err").string();
    std::vector<std::string> args = {m_binary, "serve"};
    args.insert(args.end(), serveArgs.begin(), serveArgs.end());
    // Not a previous child's "listening on" line: the file is read before this child writes it.
    std::error_code ignored;
    std::filesystem::remove(out, ignored);
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
            m_port = std::atoi(line.c_str() + line.rfind(':') + 1);
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

int HqProcess::signal(int sig)
{
    if (m_pid <= 0)
        return -1;
    ::kill(m_pid, sig);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

double HqProcess::cpuSeconds() const
{
    if (m_pid <= 0)
        return -1;
    std::ifstream in("/proc/" + std::to_string(m_pid) + "/stat");
    const std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // After the command name in parentheses (which may hold spaces) come field 3 (state) on;
    // utime and stime are fields 14 and 15, in clock ticks.
    const auto close = stat.rfind(')');
    if (close == std::string::npos)
        return -1;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i)
        if (i >= 14)
            ticks += std::atof(field.c_str());
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

long HqProcess::statusKb(const std::string &field) const
{
    std::ifstream in("/proc/" + std::to_string(m_pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(field, 0) == 0)
            return std::atol(line.c_str() + field.size());
    return -1;
}

} // namespace tapledger::test
