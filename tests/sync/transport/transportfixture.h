#pragma once
// Shared by the sync transport tests: an HQ CA in a temporary directory, its server certificate,
// a kiosk with a device key and a client certificate, and an HttpsServer on 127.0.0.1 with an
// ephemeral port, served from a thread.

#include "support/testsupport.h"
#include "sync/transport/certificateauthority.h"
#include "sync/transport/httpsclient.h"
#include "sync/transport/httpsserver.h"
#include "sync/transport/kioskcsr.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace tapledger::test {

/// The current time in UTC ms: TLS checks certificate dates against the real clock.
inline int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// A TCP connection to 127.0.0.1:@p port with a 60 s receive timeout, so a peer that never
/// closes fails the test instead of hanging it.
inline int connectLoopback(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)), 0);
    const timeval tv{60, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    return fd;
}

/// A kiosk's key and certificate, and the same as files (for plain httplib clients).
struct TestKiosk
{
    Ed25519SecretKey key = Ed25519SecretKey::generate();
    sync::KioskCertificate certificate;
    std::filesystem::path certificateFile;
    std::filesystem::path keyFile;
};

class TransportFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto ca = sync::CertificateAuthority::create(tmp.path() / "hq", "TapLedger HQ test CA", nowMs());
        ASSERT_TRUE(ca.ok()) << ca.error().message;
        m_ca = std::make_unique<sync::CertificateAuthority>(std::move(*ca));
        auto server = m_ca->issueServerCertificate({}, nowMs(), 30);
        ASSERT_TRUE(server.ok()) << server.error().message;
        serverCertificate = *server;
        kiosk = makeKiosk(*m_ca, "kiosk-a");
    }

    void TearDown() override { EXPECT_TRUE(stopServer().ok()); }

    sync::CertificateAuthority &ca() { return *m_ca; }
    std::filesystem::path caFile() const { return tmp.path() / "hq" / "ca.pem"; }

    /// A kiosk @p id with a certificate from @p ca, its files in tmp/<id>-<n>.
    TestKiosk makeKiosk(const sync::CertificateAuthority &issuer, const std::string &id)
    {
        TestKiosk k;
        auto csr = sync::makeKioskCsr(k.key, id);
        EXPECT_TRUE(csr.ok());
        auto cert = issuer.signKioskCsr(*csr, id, nowMs(), 30);
        EXPECT_TRUE(cert.ok()) << cert.error().message;
        k.certificate = *cert;
        const std::string stem = id + "-" + std::to_string(m_kiosks++);
        k.certificateFile = tmp.path() / (stem + ".pem");
        k.keyFile = tmp.path() / (stem + ".key");
        std::ofstream(k.certificateFile) << k.certificate.certificatePem;
        std::ofstream(k.keyFile) << k.key.toPem();
        return k;
    }

    /// Server options with this fixture's files, log sink and revocation set.
    sync::HttpsServerOptions serverOptions()
    {
        sync::HttpsServerOptions o;
        o.certificateFile = serverCertificate.certificateFile;
        o.keyFile = serverCertificate.keyFile;
        o.clientCaFile = caFile();
        o.threads = 4;
        o.isRevoked = [this](const std::string &kioskId, const std::string &serialHex) {
            std::lock_guard lock(m_mutex);
            return m_revoked.count(kioskId + "/" + serialHex) > 0;
        };
        o.log = [this](std::string_view line) {
            std::lock_guard lock(m_mutex);
            m_log.emplace_back(line);
            m_logChanged.notify_all();
        };
        return o;
    }

    /// Creates, binds and starts the server with @p options; routes: GET /whoami (the Peer as
    /// "id serial"), POST /echo (the body), GET /boom (throws), GET /wait (blocks until release()).
    void startServer(sync::HttpsServerOptions options)
    {
        {
            std::lock_guard lock(m_mutex);
            m_release = false;
            m_waiting = 0;
        }
        auto server = sync::HttpsServer::create(std::move(options));
        ASSERT_TRUE(server.ok()) << server.error().message;
        m_server = std::move(*server);
        m_server->Get("/whoami", [](const httplib::Request &req, httplib::Response &res) {
            auto peer = sync::HttpsServer::peerOf(req);
            res.set_content(peer ? peer->kioskId + " " + peer->serialHex : std::string("no peer"), "text/plain");
        });
        m_server->Post("/echo", [this](const httplib::Request &req, httplib::Response &res) {
            ++m_echoCalls;
            res.set_content(req.body, "application/octet-stream");
        });
        m_server->Get("/boom", [](const httplib::Request &, httplib::Response &) {
            throw std::runtime_error("detail\r\nX-Injected: yes");
        });
        m_server->Get("/wait", [this](const httplib::Request &, httplib::Response &res) {
            std::unique_lock lock(m_mutex);
            ++m_waiting;
            m_released.notify_all();
            m_released.wait(lock, [this] { return m_release; });
            res.set_content("released", "text/plain");
        });
        auto bound = m_server->bind("127.0.0.1", 0);
        ASSERT_TRUE(bound.ok()) << bound.error().message;
        port = *bound;
        m_listenThread = std::thread([this] { m_listenResult = m_server->listen(); });
    }

    /// Stops the server and joins its thread; the result of listen().
    Result<void> stopServer()
    {
        if (!m_server)
            return {};
        release();
        m_server->stop();
        if (m_listenThread.joinable())
            m_listenThread.join();
        m_server.reset();
        return m_listenResult;
    }

    /// Waits until @p n GET /wait handlers have started.
    void awaitWaiting(int n)
    {
        std::unique_lock lock(m_mutex);
        m_released.wait(lock, [&] { return m_waiting >= n; });
    }

    /// Stops the server from this thread without releasing GET /wait (listen() ends in its thread).
    void stopOnly() { m_server->stop(); }

    /// Lets every GET /wait return.
    void release()
    {
        std::lock_guard lock(m_mutex);
        m_release = true;
        m_released.notify_all();
    }

    /// A kiosk client of the server for @p k (default: the fixture's kiosk).
    std::unique_ptr<sync::HttpsClient> client(const TestKiosk *k = nullptr, sync::HttpsClientOptions o = {})
    {
        const TestKiosk &who = k ? *k : kiosk;
        o.port = port;
        if (o.caFile.empty())
            o.caFile = caFile();
        o.certificatePem = who.certificate.certificatePem;
        auto c = sync::HttpsClient::create(std::move(o), who.key);
        EXPECT_TRUE(c.ok()) << c.error().message;
        return c.ok() ? std::move(*c) : nullptr;
    }

    void revoke(const TestKiosk &k)
    {
        std::lock_guard lock(m_mutex);
        m_revoked.insert(k.certificate.kioskId + "/" + k.certificate.serialHex);
    }

    /// True when a log line contains every one of @p parts. Waits for it (at most 30 s): the
    /// server logs a refused request after its response went out.
    bool logged(std::initializer_list<std::string> parts)
    {
        const auto matches = [&] {
            for (const auto &line : m_log) {
                bool all = true;
                for (const auto &p : parts)
                    all = all && line.find(p) != std::string::npos;
                if (all)
                    return true;
            }
            return false;
        };
        std::unique_lock lock(m_mutex);
        return m_logChanged.wait_for(lock, std::chrono::seconds(30), matches);
    }

    std::string logText()
    {
        std::lock_guard lock(m_mutex);
        std::string out;
        for (const auto &line : m_log)
            out += line + "\n";
        return out;
    }

    TempDir tmp;
    sync::ServerCertificate serverCertificate;
    TestKiosk kiosk;
    int port = 0;
    std::atomic<int> m_echoCalls{0};

private:
    std::unique_ptr<sync::CertificateAuthority> m_ca;
    std::unique_ptr<sync::HttpsServer> m_server;
    std::thread m_listenThread;
    Result<void> m_listenResult;
    std::mutex m_mutex;
    std::condition_variable m_released;
    std::condition_variable m_logChanged;
    bool m_release = false;
    int m_waiting = 0;
    std::set<std::string> m_revoked;
    std::vector<std::string> m_log;
    int m_kiosks = 0;
};

} // namespace tapledger::test
