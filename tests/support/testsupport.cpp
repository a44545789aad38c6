#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>

extern char **environ;

namespace tapledger::test {

TempDir::TempDir()
{
    std::string tmpl = (std::filesystem::temp_directory_path() / "tapledger-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data()))
        ADD_FAILURE() << "mkdtemp failed";
    m_path = tmpl;
}

TempDir::~TempDir()
{
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path dataPath(const std::string &relative)
{
    return std::filesystem::path(TAPLEDGER_TEST_DATA_DIR) / relative;
}

std::string readFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ADD_FAILURE() << "cannot read " << path;
        return {};
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void expectMatchesGolden(const std::string &actual, const std::string &relative)
{
    const auto golden = dataPath(relative);
    const auto failPath = std::filesystem::path(golden.string() + ".fail");
    if (!std::filesystem::exists(golden)) {
        std::ofstream(failPath, std::ios::binary) << actual;
        ADD_FAILURE() << "golden file " << golden << " does not exist; the actual output is in " << failPath
                      << " — review it and rename it if it is right";
        return;
    }
    const std::string expected = readFile(golden);
    if (expected != actual) {
        std::ofstream(failPath, std::ios::binary) << actual;
        ADD_FAILURE() << "output differs from " << golden << "; see: diff -u " << golden << " " << failPath;
        return;
    }
    std::error_code ec;
    std::filesystem::remove(failPath, ec);
}

ProcessResult runProcess(const std::vector<std::string> &argv)
{
    ProcessResult result;
    int outPipe[2];
    int errPipe[2];
    if (pipe2(outPipe, O_CLOEXEC) != 0 || pipe2(errPipe, O_CLOEXEC) != 0) {
        ADD_FAILURE() << "pipe failed";
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2);
    std::vector<char *> args;
    for (const auto &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(outPipe[1]);
    close(errPipe[1]);
    if (rc != 0) {
        close(outPipe[0]);
        close(errPipe[0]);
        ADD_FAILURE() << "cannot start " << argv[0];
        return result;
    }
    std::array<pollfd, 2> fds{{{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}}};
    int open = 2;
    std::array<char, 4096> buf;
    while (open > 0) {
        if (poll(fds.data(), fds.size(), -1) < 0)
            break;
        for (size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP)))
                continue;
            const ssize_t n = read(fds[i].fd, buf.data(), buf.size());
            if (n <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            } else {
                (i == 0 ? result.out : result.err).append(buf.data(), static_cast<size_t>(n));
            }
        }
    }
    int status = 0;
    waitpid(pid, &status, 0);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

std::string cliPath()
{
    return TAPLEDGER_CLI_PATH;
}

} // namespace tapledger::test
