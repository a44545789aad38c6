#include "sync/support/faultproxy.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace tapledger::test {

struct FaultProxy::Impl
{
    int targetPort = 0;
    uint64_t seed = 0;
    int listenFd = -1;
    int port = 0;
    std::array<int, 2> wakePipe{-1, -1}; // written once on stop: readable in every poll from then on
    std::thread acceptThread;

    mutable std::mutex mutex;
    std::vector<std::thread> connectionThreads;
    std::deque<Fault> queued;
    std::deque<Fault> applied;
    std::mt19937_64 rng;
    unsigned faultPercent = 0;
    size_t maxCutBytes = 0;

    Fault nextFault()
    {
        std::lock_guard lock(mutex);
        Fault f;
        if (!queued.empty()) {
            f = queued.front();
            queued.pop_front();
        } else if (faultPercent > 0 && std::uniform_int_distribution<unsigned>(0, 99)(rng) < faultPercent) {
            const auto kind = std::uniform_int_distribution<int>(0, 2)(rng);
            f.kind = kind == 0 ? Fault::Kind::Drop : kind == 1 ? Fault::Kind::CutUpload : Fault::Kind::CutDownload;
            f.afterBytes = std::uniform_int_distribution<size_t>(0, maxCutBytes)(rng);
        }
        applied.push_back(f);
        return f;
    }

    void acceptLoop();
    void serve(int clientFd, Fault fault) const;
};

namespace {

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "faultproxy: %s: %s\n", what, std::strerror(errno));
    std::abort();
}

void resetAndClose(int fd)
{
    const linger hard{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
    ::close(fd);
}

int connectLoopback(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Writes all of @p n bytes; false when the peer is gone.
bool writeAll(int fd, const char *data, size_t n)
{
    while (n > 0) {
        const ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        data += w;
        n -= static_cast<size_t>(w);
    }
    return true;
}

} // namespace

void FaultProxy::Impl::acceptLoop()
{
    for (;;) {
        std::array<pollfd, 2> fds{{{listenFd, POLLIN, 0}, {wakePipe[0], POLLIN, 0}}};
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR)
                continue;
            die("poll");
        }
        if (fds[1].revents)
            return;
        const int client = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        const Fault fault = nextFault();
        std::lock_guard lock(mutex);
        connectionThreads.emplace_back([this, client, fault] { serve(client, fault); });
    }
}

void FaultProxy::Impl::serve(int client, Fault fault) const
{
    if (fault.kind == Fault::Kind::Drop) {
        resetAndClose(client);
        return;
    }
    const int server = connectLoopback(targetPort);
    if (server < 0) {
        resetAndClose(client);
        return;
    }
    // Bytes each way still allowed before the cut (SIZE_MAX: no cut that way). The cut comes
    // when the allowance is used up, or when more bytes arrive after an allowance of zero.
    size_t upLeft = fault.kind == Fault::Kind::CutUpload ? fault.afterBytes : SIZE_MAX;
    size_t downLeft = fault.kind == Fault::Kind::CutDownload ? fault.afterBytes : SIZE_MAX;
    bool upOpen = true;
    bool downOpen = true;
    bool cut = fault.kind == Fault::Kind::CutUpload && fault.afterBytes == 0;
    std::array<char, 16384> buf{};
    // Forwards what @p from has (at most @p left bytes) to @p to; false at the cut.
    const auto pump = [&buf](int from, int to, size_t &left, bool &open) {
        if (left == 0)
            return false;
        const ssize_t n = ::recv(from, buf.data(), std::min(buf.size(), left), 0);
        if (n <= 0) { // end of this direction: pass the half-close on
            open = false;
            ::shutdown(to, SHUT_WR);
            return true;
        }
        if (!writeAll(to, buf.data(), static_cast<size_t>(n)))
            open = false;
        if (left != SIZE_MAX)
            left -= static_cast<size_t>(n);
        return left > 0;
    };
    while (!cut && (upOpen || downOpen)) {
        std::array<pollfd, 3> fds{{{upOpen ? client : -1, POLLIN, 0},
                                   {downOpen ? server : -1, POLLIN, 0},
                                   {wakePipe[0], POLLIN, 0}}};
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[2].revents)
            break;
        if (fds[0].revents && !pump(client, server, upLeft, upOpen))
            cut = true;
        if (!cut && fds[1].revents && !pump(server, client, downLeft, downOpen))
            cut = true;
    }
    resetAndClose(client);
    resetAndClose(server);
}

FaultProxy::FaultProxy(int targetPort, uint64_t seed) : d(std::make_unique<Impl>())
{
    d->targetPort = targetPort;
    d->seed = seed;
    d->rng.seed(seed);
    std::fprintf(stderr, "faultproxy: seed %llu (replay with TAPLEDGER_FAULT_SEED=%llu)\n",
                 static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
    if (::pipe2(d->wakePipe.data(), O_CLOEXEC) != 0)
        die("pipe");
    d->listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (d->listenFd < 0 || ::bind(d->listenFd, reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)) != 0 ||
        ::listen(d->listenFd, 128) != 0 || ::getsockname(d->listenFd, reinterpret_cast<sockaddr *>(&addr), &len) != 0)
        die("cannot listen on 127.0.0.1");
    d->port = ntohs(addr.sin_port);
    d->acceptThread = std::thread([this] { d->acceptLoop(); });
}

FaultProxy::~FaultProxy()
{
    const char byte = 0;
    if (::write(d->wakePipe[1], &byte, 1) != 1)
        die("wake");
    d->acceptThread.join();
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(d->mutex);
        threads.swap(d->connectionThreads);
    }
    for (auto &t : threads)
        t.join();
    ::close(d->listenFd);
    ::close(d->wakePipe[0]);
    ::close(d->wakePipe[1]);
}

uint64_t FaultProxy::seedFromEnvironment()
{
    if (const char *env = std::getenv("TAPLEDGER_FAULT_SEED"); env && *env)
        return std::strtoull(env, nullptr, 10);
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) | rd();
}

int FaultProxy::port() const noexcept
{
    return d->port;
}

uint64_t FaultProxy::seed() const noexcept
{
    return d->seed;
}

void FaultProxy::setNextFaults(std::deque<Fault> faults)
{
    std::lock_guard lock(d->mutex);
    d->queued = std::move(faults);
}

void FaultProxy::setRandomFaults(unsigned faultPercent, size_t maxCutBytes)
{
    std::lock_guard lock(d->mutex);
    d->faultPercent = std::min(faultPercent, 100u);
    d->maxCutBytes = maxCutBytes;
}

size_t FaultProxy::connections() const
{
    std::lock_guard lock(d->mutex);
    return d->applied.size();
}

std::deque<Fault> FaultProxy::appliedFaults() const
{
    std::lock_guard lock(d->mutex);
    return d->applied;
}

} // namespace tapledger::test
