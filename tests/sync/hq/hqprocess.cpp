#include "hqprocess.h"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace tapledger::test {

HqProcess::HqProcess(const std::filesystem::path &binary, const std::filesystem::path &dir, int port, int threads)
{
    int fds[2];
    if (pipe(fds) != 0)
        return;
    m_pid = fork();
    if (m_pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        const std::string listen = "127.0.0.1:" + std::to_string(port);
        const std::string threadCount = std::to_string(threads);
        execl(binary.c_str(), binary.c_str(), "serve", "--data", dir.c_str(), "--listen", listen.c_str(), "--threads",
              threadCount.c_str(), static_cast<char *>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    std::string out;
    char c = 0;
    while (read(fds[0], &c, 1) == 1 && c != '\n')
        out += c;
    close(fds[0]);
    const auto colon = out.rfind(':');
    if (out.rfind("listening on ", 0) == 0 && colon != std::string::npos)
        m_port = std::atoi(out.c_str() + colon + 1);
}

HqProcess::~HqProcess() { signal(SIGTERM); }

int HqProcess::signal(int sig)
{
    if (m_pid <= 0)
        return -1;
    ::kill(m_pid, sig);
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_pid = 0;
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

double HqProcess::cpuSeconds() const
{
    std::ifstream in("/proc/" + std::to_string(m_pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Fields after the command name in parentheses (which may hold spaces): state is field 3,
    // utime and stime are fields 14 and 15 (proc(5)).
    const auto close = stat.rfind(')');
    if (m_pid <= 0 || close == std::string::npos)
        return -1;
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i)
        if (i >= 14)
            ticks += std::atof(field.c_str());
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
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
