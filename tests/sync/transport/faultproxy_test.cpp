#include "sync/support/faultproxy.h"
#include "sync/transport/transportfixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>

using namespace tapledger;
using namespace tapledger::sync;
using namespace tapledger::test;

namespace {

// A plain TCP echo server on 127.0.0.1 serving one connection at a time; counts what it received.
class EchoServer
{
public:
    EchoServer()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof(addr);
        EXPECT_EQ(::bind(m_fd, reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)), 0);
        EXPECT_EQ(::listen(m_fd, 16), 0);
        EXPECT_EQ(::getsockname(m_fd, reinterpret_cast<sockaddr *>(&addr), &len), 0);
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this] { run(); });
    }
    ~EchoServer()
    {
        ::shutdown(m_fd, SHUT_RDWR);
        ::close(m_fd);
        m_thread.join();
    }
    int port() const { return m_port; }
    /// Waits until @p n connections have ended; the bytes each received.
    std::vector<size_t> received(size_t n)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_received.size() >= n; });
        return m_received;
    }

private:
    void run()
    {
        for (;;) {
            const int c = ::accept(m_fd, nullptr, nullptr);
            if (c < 0)
                return;
            size_t total = 0;
            char buf[4096];
            for (;;) {
                const ssize_t n = ::recv(c, buf, sizeof(buf), 0);
                if (n <= 0)
                    break;
                total += static_cast<size_t>(n);
                if (::send(c, buf, static_cast<size_t>(n), MSG_NOSIGNAL) != n)
                    break;
            }
            ::close(c);
            std::lock_guard lock(m_mutex);
            m_received.push_back(total);
            m_changed.notify_all();
        }
    }
    int m_fd = -1;
    int m_port = 0;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<size_t> m_received;
};


// Sends @p data, half-closes, and reads until the end: what came back.
std::string exchange(int port, const std::string &data)
{
    const int fd = connectLoopback(port);
    ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    ::shutdown(fd, SHUT_WR);
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
        if (n <= 0)
            break;
        out.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return out;
}

} // namespace

TEST(FaultProxy, ForwardsBothWaysWithoutAFault)
{
    EchoServer echo;
    FaultProxy proxy(echo.port(), 1);
    const std::string data(100000, 'e');
    EXPECT_EQ(exchange(proxy.port(), data), data);
    EXPECT_EQ(echo.received(1), std::vector<size_t>{data.size()});
    EXPECT_EQ(proxy.appliedFaults(), std::deque<Fault>{Fault{}});
}

TEST(FaultProxy, CutsUploadAndDownloadAtTheGivenByteAndDrops)
{
    EchoServer echo;
    FaultProxy proxy(echo.port(), 2);
    proxy.setNextFaults({{Fault::Kind::CutUpload, 7}, {Fault::Kind::CutDownload, 5}, {Fault::Kind::Drop, 0}});
    const std::string data = "0123456789abcdef";

    // Upload cut after 7 bytes: the server sees exactly 7; the client at most their echo.
    const std::string up = exchange(proxy.port(), data);
    EXPECT_LE(up.size(), 7u);
    EXPECT_EQ(echo.received(1).back(), 7u);

    // Download cut after 5 bytes: the client gets exactly the first 5.
    EXPECT_EQ(exchange(proxy.port(), data), "01234");

    // Dropped: nothing comes back and the server never sees the connection.
    EXPECT_EQ(exchange(proxy.port(), data), "");
    EXPECT_EQ(proxy.connections(), 3u);
    EXPECT_EQ(echo.received(2).size(), 2u);
}

TEST(FaultProxy, RandomPlanIsReproducibleFromItsSeed)
{
    EchoServer echo;
    const uint64_t seed = FaultProxy::seedFromEnvironment();
    std::deque<Fault> first;
    for (int run = 0; run < 2; ++run) {
        FaultProxy proxy(echo.port(), seed);
        proxy.setRandomFaults(60, 64);
        for (int i = 0; i < 20; ++i)
            exchange(proxy.port(), std::string(80, 'r'));
        if (run == 0)
            first = proxy.appliedFaults();
        else
            EXPECT_EQ(proxy.appliedFaults(), first) << "seed " << seed;
    }
    ASSERT_EQ(first.size(), 20u);
    for (const auto &f : first)
        EXPECT_LE(f.afterBytes, 64u);
}

using FaultProxyHttps = TransportFixture;

TEST_F(FaultProxyHttps, CutMidUploadAndMidResponseFailTheRequestThenTheKioskRecovers)
{
    startServer(serverOptions());
    FaultProxy proxy(port, 3);
    // The TLS handshake is a few kB each way; cut well after it, inside the 64 kB body, and
    // inside the echoed response. After each failure on a fresh connection the client makes one
    // diagnostic handshake (HttpsClient::post), which gets no fault.
    proxy.setNextFaults({{Fault::Kind::CutUpload, 40000}, {}, {Fault::Kind::CutDownload, 30000}, {}});
    HttpsClientOptions o;
    o.port = proxy.port();
    o.caFile = caFile();
    o.certificatePem = kiosk.certificate.certificatePem;
    auto c = HttpsClient::create(o, kiosk.key);
    ASSERT_TRUE(c.ok()) << c.error().message;
    const std::string body(65536, 'u');

    auto cutUp = (*c)->post("/echo", body, "application/octet-stream");
    ASSERT_FALSE(cutUp.ok());
    EXPECT_EQ(cutUp.error().code, ErrorCode::Io);
    EXPECT_EQ(m_echoCalls.load(), 0);

    auto cutDown = (*c)->post("/echo", body, "application/octet-stream");
    ASSERT_FALSE(cutDown.ok());
    EXPECT_EQ(m_echoCalls.load(), 1); // the request arrived; its answer was lost

    auto clean = (*c)->post("/echo", body, "application/octet-stream");
    ASSERT_TRUE(clean.ok()) << clean.error().message;
    EXPECT_EQ(clean->body, body);
    EXPECT_EQ(proxy.connections(), 5u);
}
