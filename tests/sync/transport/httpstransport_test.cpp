#include "sync/transport/transportfixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace tapledger;
using namespace tapledger::sync;
using namespace tapledger::test;
namespace fs = std::filesystem;

namespace {

using TlsTest = TransportFixture;

} // namespace

TEST_F(TlsTest, KioskWithAValidCertificateIsServedAndIdentified)
{
    startServer(serverOptions());
    auto c = client();
    ASSERT_TRUE(c);
    auto who = c->get("/whoami");
    ASSERT_TRUE(who.ok()) << who.error().message;
    EXPECT_EQ(who->status, 200);
    EXPECT_EQ(who->body, "kiosk-a " + kiosk.certificate.serialHex);

    const std::string body(5000, 'x');
    auto echo = c->post("/echo", body, "application/octet-stream");
    ASSERT_TRUE(echo.ok()) << echo.error().message;
    EXPECT_EQ(echo->status, 200);
    EXPECT_EQ(echo->body, body);

    auto missing = c->get("/nowhere");
    ASSERT_TRUE(missing.ok());
    EXPECT_EQ(missing->status, 404);
    EXPECT_TRUE(logged({"request refused", "kiosk kiosk-a", "GET /nowhere", "404"})) << logText();

    // A second kiosk is told apart by its certificate.
    const TestKiosk other = makeKiosk(ca(), "kiosk-b");
    auto b = client(&other)->get("/whoami");
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(b->body, "kiosk-b " + other.certificate.serialHex);
}

TEST_F(TlsTest, ClientWithoutACertificateIsRefusedInTheHandshake)
{
    startServer(serverOptions());
    httplib::SSLClient anonymous("127.0.0.1", port);
    anonymous.set_ca_cert_path(caFile().string());
    anonymous.enable_server_certificate_verification(true);
    auto res = anonymous.Get("/whoami");
    EXPECT_FALSE(res) << res->status;
    EXPECT_TRUE(logged({"TLS handshake refused from 127.0.0.1:", "sent alert"})) << logText();
}

TEST_F(TlsTest, CertificateFromAnotherCaIsRefused)
{
    startServer(serverOptions());
    auto rogueCa = CertificateAuthority::create(tmp.path() / "rogue", "rogue CA", nowMs());
    ASSERT_TRUE(rogueCa.ok());
    const TestKiosk impostor = makeKiosk(*rogueCa, "kiosk-a");
    auto c = client(&impostor);
    ASSERT_TRUE(c);
    auto res = c->get("/whoami");
    ASSERT_FALSE(res.ok());
    EXPECT_NE(res.error().message.find("refused the TLS connection: unknown CA"), std::string::npos) << res.error().message;
    EXPECT_TRUE(logged({"client certificate (depth 0)", "local issuer"})) << logText();
}

TEST_F(TlsTest, RevokedCertificateIsRefusedAndLoggedWhileANewOneWorks)
{
    startServer(serverOptions());
    auto before = client()->get("/whoami");
    ASSERT_TRUE(before.ok()) << before.error().message;

    revoke(kiosk);
    auto res = client()->get("/whoami");
    ASSERT_FALSE(res.ok());
    EXPECT_NE(res.error().message.find("certificate revoked"), std::string::npos) << res.error().message;
    EXPECT_TRUE(logged({"kiosk kiosk-a certificate serial " + kiosk.certificate.serialHex + " is revoked"})) << logText();
    EXPECT_TRUE(logged({"sent alert \"certificate revoked\""})) << logText();

    // Re-enrolled with a new certificate (new serial), the same kiosk is served again.
    const TestKiosk renewed = makeKiosk(ca(), "kiosk-a");
    auto after = client(&renewed)->get("/whoami");
    ASSERT_TRUE(after.ok()) << after.error().message;
    EXPECT_EQ(after->body, "kiosk-a " + renewed.certificate.serialHex);
}

TEST_F(TlsTest, RevocationCheckThatThrowsRefuses)
{
    auto o = serverOptions();
    o.isRevoked = [](const std::string &, const std::string &) -> bool { throw std::runtime_error("store down"); };
    startServer(std::move(o));
    auto res = client()->get("/whoami");
    ASSERT_FALSE(res.ok());
    EXPECT_TRUE(logged({"revocation check failed for kiosk kiosk-a"})) << logText();
}

TEST_F(TlsTest, Tls11OnlyClientIsRefused)
{
    startServer(serverOptions());
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    ASSERT_NE(ctx, nullptr);
    SSL_CTX_set_security_level(ctx, 0); // OpenSSL 3 would not offer TLS 1.1 otherwise
    ASSERT_EQ(SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION), 1);
    ASSERT_EQ(SSL_CTX_set_max_proto_version(ctx, TLS1_1_VERSION), 1);
    ASSERT_EQ(SSL_CTX_use_certificate_file(ctx, kiosk.certificateFile.c_str(), SSL_FILETYPE_PEM), 1);
    ASSERT_EQ(SSL_CTX_use_PrivateKey_file(ctx, kiosk.keyFile.c_str(), SSL_FILETYPE_PEM), 1);
    const int fd = connectLoopback(port);
    SSL *ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    EXPECT_NE(SSL_connect(ssl), 1);
    SSL_free(ssl);
    ::close(fd);
    SSL_CTX_free(ctx);
    EXPECT_TRUE(logged({"TLS handshake refused from 127.0.0.1:", "protocol version"})) << logText();
}

TEST_F(TlsTest, BadServerFilesAreConstructionErrors)
{
    std::ofstream(tmp.path() / "empty.pem").flush();
    std::ofstream(tmp.path() / "garbage.pem") << "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    struct Case
    {
        std::string name;
        std::function<void(HttpsServerOptions &)> change;
        ErrorCode code;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"missing CA file", [&](auto &o) { o.clientCaFile = tmp.path() / "nowhere.pem"; }, ErrorCode::Io,
         "cannot read the CA certificate file"},
        {"empty CA file", [&](auto &o) { o.clientCaFile = tmp.path() / "empty.pem"; }, ErrorCode::Corrupt,
         "holds no PEM certificate"},
        {"garbage CA file", [&](auto &o) { o.clientCaFile = tmp.path() / "garbage.pem"; }, ErrorCode::Corrupt,
         "holds no PEM certificate"},
        {"no CA file", [&](auto &o) { o.clientCaFile.clear(); }, ErrorCode::InvalidArgument, "client CA file is required"},
        {"missing key", [&](auto &o) { o.keyFile = tmp.path() / "nowhere.key"; }, ErrorCode::Io,
         "cannot read the private key file"},
        {"key of another certificate", [&](auto &o) { o.keyFile = tmp.path() / "hq" / "ca.key"; }, ErrorCode::Crypto,
         "is not the key of"},
        {"garbage certificate", [&](auto &o) { o.certificateFile = tmp.path() / "garbage.pem"; }, ErrorCode::Corrupt,
         "is not a PEM certificate"},
        {"zero threads", [](auto &o) { o.threads = 0; }, ErrorCode::InvalidArgument, "threads"},
        {"zero body limit", [](auto &o) { o.maxBodyBytes = 0; }, ErrorCode::InvalidArgument, "body limit"},
        {"zero read timeout", [](auto &o) { o.readTimeoutMs = 0; }, ErrorCode::InvalidArgument, "timeouts"},
    };
    for (const auto &c : cases) {
        auto o = serverOptions();
        c.change(o);
        auto server = HttpsServer::create(std::move(o));
        ASSERT_FALSE(server.ok()) << c.name;
        EXPECT_EQ(server.error().code, c.code) << c.name << ": " << server.error().message;
        EXPECT_NE(server.error().message.find(c.message), std::string::npos) << c.name << ": " << server.error().message;
    }
}

TEST_F(TlsTest, OversizedBodyIs413AndTheNextRequestWorks)
{
    auto o = serverOptions();
    o.maxBodyBytes = 1024;
    startServer(std::move(o));
    auto c = client();
    auto big = c->post("/echo", std::string(4096, 'x'), "application/octet-stream");
    ASSERT_TRUE(big.ok()) << big.error().message;
    EXPECT_EQ(big->status, 413);
    EXPECT_EQ(m_echoCalls.load(), 0);
    EXPECT_TRUE(logged({"request refused", "POST /echo", "413"})) << logText();

    auto exact = c->post("/echo", std::string(1024, 'y'), "application/octet-stream");
    ASSERT_TRUE(exact.ok()) << exact.error().message;
    EXPECT_EQ(exact->status, 200);
    EXPECT_EQ(exact->body, std::string(1024, 'y'));
}

TEST_F(TlsTest, ClientRefusesAnOversizedResponse)
{
    startServer(serverOptions());
    HttpsClientOptions o;
    o.maxResponseBytes = 1000;
    auto c = client(nullptr, o);
    auto fits = c->post("/echo", std::string(1000, 'f'), "application/octet-stream");
    ASSERT_TRUE(fits.ok()) << fits.error().message;
    EXPECT_EQ(fits->body, std::string(1000, 'f'));
    auto big = c->post("/echo", std::string(1001, 'b'), "application/octet-stream");
    ASSERT_FALSE(big.ok());
    EXPECT_EQ(big.error().message, "the response from HQ at 127.0.0.1:" + std::to_string(port) + " is larger than 1000 bytes");
    auto after = c->get("/whoami");
    ASSERT_TRUE(after.ok()) << after.error().message;
    EXPECT_EQ(after->status, 200);
}

TEST_F(TlsTest, ChunkedAndCompressedBodiesAreRefused)
{
    auto o = serverOptions();
    o.maxBodyBytes = 1024;
    startServer(std::move(o));
    httplib::SSLClient raw("127.0.0.1", port, kiosk.certificateFile.string(), kiosk.keyFile.string());
    raw.set_ca_cert_path(caFile().string());
    auto chunked = raw.Post(
        "/echo",
        [](size_t, httplib::DataSink &sink) {
            const std::string part(4096, 'z');
            sink.write(part.data(), part.size());
            sink.done();
            return true;
        },
        "application/octet-stream");
    ASSERT_TRUE(chunked) << httplib::to_string(chunked.error());
    EXPECT_EQ(chunked->status, 411);

    httplib::SSLClient gz("127.0.0.1", port, kiosk.certificateFile.string(), kiosk.keyFile.string());
    gz.set_ca_cert_path(caFile().string());
    auto compressed = gz.Post("/echo", httplib::Headers{{"Content-Encoding", "gzip"}}, "abc", 3, "text/plain");
    ASSERT_TRUE(compressed) << httplib::to_string(compressed.error());
    EXPECT_EQ(compressed->status, 415);
    EXPECT_EQ(m_echoCalls.load(), 0);
    EXPECT_TRUE(logged({"POST /echo", "411"})) << logText();
    EXPECT_TRUE(logged({"POST /echo", "415"})) << logText();
}

TEST_F(TlsTest, HandlerExceptionIs500WithoutItsTextInTheHeaders)
{
    startServer(serverOptions());
    httplib::SSLClient raw("127.0.0.1", port, kiosk.certificateFile.string(), kiosk.keyFile.string());
    raw.set_ca_cert_path(caFile().string());
    auto res = raw.Get("/boom");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 500);
    EXPECT_EQ(res->body, "internal error\n");
    EXPECT_FALSE(res->has_header("EXCEPTION_WHAT"));
    EXPECT_FALSE(res->has_header("X-Injected"));
    EXPECT_TRUE(logged({"handler failed", "GET /boom", "detail??X-Injected: yes"})) << logText();
}

TEST_F(TlsTest, SlowClientIsCutByTheReadTimeout)
{
    auto o = serverOptions();
    o.readTimeoutMs = 200;
    startServer(std::move(o));
    // Connects and never starts the handshake: the server gives up and closes.
    const int fd = connectLoopback(port);
    char byte = 0;
    errno = 0;
    const ssize_t n = ::recv(fd, &byte, 1, 0);
    const int err = errno;
    ::close(fd);
    EXPECT_LE(n, 0);
    EXPECT_NE(err, EAGAIN) << "the server did not close within 60 s";

    // And the kiosk gives up on a server that does not answer in its read timeout.
    HttpsClientOptions co;
    co.readTimeoutMs = 200;
    auto c = client(nullptr, co);
    auto res = c->get("/wait");
    ASSERT_FALSE(res.ok());
    EXPECT_NE(res.error().message.find("no complete response from HQ at 127.0.0.1:"), std::string::npos)
        << res.error().message;
    release();
}

TEST_F(TlsTest, ClientRefusesAServerItCannotTrust)
{
    auto otherCa = CertificateAuthority::create(tmp.path() / "other", "other CA", nowMs());
    ASSERT_TRUE(otherCa.ok());
    startServer(serverOptions());
    HttpsClientOptions wrongCa;
    wrongCa.caFile = tmp.path() / "other" / "ca.pem";
    auto res = client(nullptr, wrongCa)->get("/whoami");
    ASSERT_FALSE(res.ok());
    EXPECT_NE(res.error().message.find("is not trusted"), std::string::npos) << res.error().message;
    ASSERT_TRUE(stopServer().ok());

    // A server certificate for another name.
    auto named = ca().issueServerCertificate({"hq.example.org"}, nowMs(), 30);
    ASSERT_TRUE(named.ok());
    startServer(serverOptions());
    auto mismatch = client()->get("/whoami");
    ASSERT_FALSE(mismatch.ok());
    EXPECT_NE(mismatch.error().message.find("is not trusted"), std::string::npos) << mismatch.error().message;
}

TEST_F(TlsTest, ClientCreationChecksItsInputs)
{
    HttpsClientOptions o;
    o.port = 443;
    o.caFile = caFile();
    o.certificatePem = kiosk.certificate.certificatePem;
    auto wrongKey = HttpsClient::create(o, Ed25519SecretKey::generate());
    ASSERT_FALSE(wrongKey.ok());
    EXPECT_EQ(wrongKey.error().code, ErrorCode::Crypto);

    auto badCa = o;
    badCa.caFile = tmp.path() / "nowhere.pem";
    EXPECT_EQ(HttpsClient::create(badCa, kiosk.key).error().code, ErrorCode::Io);
    auto badPort = o;
    badPort.port = 0;
    EXPECT_EQ(HttpsClient::create(badPort, kiosk.key).error().code, ErrorCode::InvalidArgument);
    auto badCert = o;
    badCert.certificatePem = "nope";
    EXPECT_EQ(HttpsClient::create(badCert, kiosk.key).error().code, ErrorCode::Corrupt);

    auto c = HttpsClient::create(o, kiosk.key);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ((*c)->get("no-slash").error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ((*c)->post("/a\r\nX-Evil: 1", "", "text/plain").error().code, ErrorCode::InvalidArgument);
}

TEST_F(TlsTest, ConnectionRefusedIsAOneLineError)
{
    // A port bound but not listening refuses connections, and stays ours for the test.
    const int holder = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    ASSERT_EQ(::bind(holder, reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)), 0);
    ASSERT_EQ(::getsockname(holder, reinterpret_cast<sockaddr *>(&addr), &len), 0);
    const int deadPort = ntohs(addr.sin_port);
    port = deadPort;
    auto res = client()->get("/whoami");
    ::close(holder);
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.error().message, "cannot connect to HQ at 127.0.0.1:" + std::to_string(deadPort));
}

TEST_F(TlsTest, StopIsCleanBeforeDuringAndAfterListen)
{
    // Before listen(): listen() returns at once.
    {
        auto server = HttpsServer::create(serverOptions());
        ASSERT_TRUE(server.ok());
        ASSERT_TRUE((*server)->bind("127.0.0.1", 0).ok());
        (*server)->stop();
        EXPECT_TRUE((*server)->listen().ok());
        (*server)->stop();
    }
    // While serving a kept-alive connection, from another thread.
    startServer(serverOptions());
    auto c = client();
    ASSERT_TRUE(c->get("/whoami").ok());
    EXPECT_TRUE(stopServer().ok());
    auto after = c->get("/whoami");
    EXPECT_FALSE(after.ok());

    // A handler running at stop() finishes and its response is delivered.
    startServer(serverOptions());
    Result<HttpResponse> waited = fail(ErrorCode::Io, "not run");
    std::thread waiter([&] { waited = client()->get("/wait"); });
    awaitWaiting(1);
    stopOnly();
    release();
    waiter.join();
    ASSERT_TRUE(waited.ok()) << waited.error().message;
    EXPECT_EQ(waited->body, "released");
    EXPECT_TRUE(stopServer().ok());

    // listen() without bind() is a usage error.
    auto unbound = HttpsServer::create(serverOptions());
    ASSERT_TRUE(unbound.ok());
    EXPECT_EQ((*unbound)->listen().error().code, ErrorCode::Conflict);
}

TEST_F(TlsTest, ManyKiosksAtOnceAreServedByABoundedPool)
{
    auto o = serverOptions();
    o.threads = 2;
    o.maxQueuedConnections = 2;
    startServer(std::move(o));
    std::vector<TestKiosk> kiosks;
    for (int i = 0; i < 8; ++i)
        kiosks.push_back(makeKiosk(ca(), "kiosk-" + std::to_string(i)));
    std::vector<std::thread> threads;
    std::atomic<int> served{0};
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&, i] {
            HttpsClientOptions co;
            co.port = port;
            co.caFile = caFile();
            co.certificatePem = kiosks[static_cast<size_t>(i)].certificate.certificatePem;
            auto c = HttpsClient::create(co, kiosks[static_cast<size_t>(i)].key);
            for (int r = 0; c.ok() && r < 3; ++r) {
                auto res = (*c)->get("/whoami");
                if (res.ok() && res->body.rfind("kiosk-" + std::to_string(i) + " ", 0) == 0)
                    ++served;
            }
        });
    for (auto &t : threads)
        t.join();
    EXPECT_EQ(served.load(), 24);
}
