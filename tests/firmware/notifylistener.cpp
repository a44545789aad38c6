// Test helper: plays systemd's side of sd_notify(3). Binds a unix datagram socket, runs COMMAND
// with NOTIFY_SOCKET pointing at it (and WATCHDOG_USEC when asked), prints every datagram, and
// succeeds once READY=1 has arrived with a STATUS= containing EXPECT_STATUS and, with
// --watchdog-usec, at least one WATCHDOG=1 after it. Then it stops the command (SIGTERM to its
// process group). Fails after --timeout seconds or when the command exits first.
// Usage: notify_listener [--timeout S] [--watchdog-usec N] [--status TEXT] -- COMMAND...
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int timeoutS = 60;
    std::string watchdogUsec, status = "attract";
    int i = 1;
    for (; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
        if (!std::strcmp(argv[i], "--timeout") && i + 1 < argc)
            timeoutS = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--watchdog-usec") && i + 1 < argc)
            watchdogUsec = argv[++i];
        else if (!std::strcmp(argv[i], "--status") && i + 1 < argc)
            status = argv[++i];
        else {
            std::fprintf(stderr, "notify_listener: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (i + 1 >= argc) {
        std::fprintf(stderr, "usage: notify_listener [--timeout S] [--watchdog-usec N] [--status TEXT] -- COMMAND...\n");
        return 2;
    }
    char dir[] = "/tmp/tapledger-notify-XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    const std::string path = std::string(dir) + "/notify";
    const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        std::perror("notify_listener: bind");
        return 2;
    }
    chmod(path.c_str(), 0777); // the command may drop privileges
    chmod(dir, 0755);
    const int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on);

    const pid_t child = fork();
    if (child == 0) {
        setpgid(0, 0);
        setenv("NOTIFY_SOCKET", path.c_str(), 1);
        if (!watchdogUsec.empty())
            setenv("WATCHDOG_USEC", watchdogUsec.c_str(), 1);
        execvp(argv[i + 1], argv + i + 1);
        std::perror("notify_listener: exec");
        _exit(127);
    }
    setpgid(child, child);

    bool ready = false, statusSeen = false, watchdog = false, done = false;
    timespec start{};
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (!done) {
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        const long left = timeoutS * 1000L - ((now.tv_sec - start.tv_sec) * 1000L + (now.tv_nsec - start.tv_nsec) / 1000000L);
        if (left <= 0) {
            std::fprintf(stderr, "notify_listener: timed out after %d s (ready=%d status=%d watchdog=%d)\n", timeoutS,
                         ready, statusSeen, watchdog);
            break;
        }
        int st = 0;
        if (waitpid(child, &st, WNOHANG) == child) {
            std::fprintf(stderr, "notify_listener: the command ended first (status %d)\n", st);
            unlink(path.c_str());
            rmdir(dir);
            return 1;
        }
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(std::min(left, 200L))) <= 0)
            continue;
        char buf[4096];
        const ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
        if (n <= 0)
            continue;
        buf[n] = '\0';
        std::printf("notify: %s\n", buf);
        std::fflush(stdout);
        const std::string msg(buf);
        size_t from = 0;
        while (from <= msg.size()) {
            const size_t nl = msg.find('\n', from);
            const std::string line = msg.substr(from, nl == std::string::npos ? std::string::npos : nl - from);
            if (line == "READY=1")
                ready = true;
            else if (line.rfind("STATUS=", 0) == 0 && line.find(status) != std::string::npos)
                statusSeen = true;
            else if (line == "WATCHDOG=1" && ready)
                watchdog = true;
            if (nl == std::string::npos)
                break;
            from = nl + 1;
        }
        done = ready && statusSeen && (watchdogUsec.empty() || watchdog);
    }
    kill(-child, SIGTERM);
    for (int k = 0; k < 50; ++k) {
        int st = 0;
        if (waitpid(child, &st, WNOHANG) == child)
            break;
        usleep(100000);
        if (k == 49) {
            kill(-child, SIGKILL);
            waitpid(child, &st, 0);
        }
    }
    unlink(path.c_str());
    rmdir(dir);
    if (!done)
        return 1;
    std::printf("notify_listener: READY=1 with STATUS ~ '%s'%s\n", status.c_str(),
                watchdogUsec.empty() ? "" : " and WATCHDOG=1 after it");
    return 0;
}
