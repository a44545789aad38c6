#include "sync/transport/httpsclient.h"

#include "sync/transport/sigpipe_p.h"
#include "sync/transport/x509util_p.h"

#include <httplib.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <openssl/err.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <mutex>

namespace tapledger::sync {

struct HttpsClient::Impl
{
    HttpsClientOptions options;
    std::unique_ptr<httplib::SSLClient> client;
    std::mutex requestMutex;
    // The last fatal alert HQ sent on this client's connections (0: none); written from OpenSSL's
    // info callback on the requesting thread, read after the request on the same thread.
    int receivedAlert = 0;
    // TLS handshakes completed on this client's connections, same threads as receivedAlert.
    unsigned handshakes = 0;

    std::string where() const { return "HQ at " + options.host + ":" + std::to_string(options.port); }
    Error describe(httplib::Error error, unsigned handshakesBefore);
    Result<HttpResponse> send(httplib::Request request);
    void diagnoseHandshake();
};

namespace {

void rememberAlerts(const SSL *ssl, int where, int ret)
{
    auto *impl = static_cast<HttpsClient::Impl *>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
    if (!impl)
        return;
    if (where & SSL_CB_HANDSHAKE_DONE)
        ++impl->handshakes;
    if ((where & SSL_CB_ALERT) && (where & SSL_CB_READ) && (ret >> 8) == SSL3_AL_FATAL)
        impl->receivedAlert = ret;
}

void setTimeout(int64_t ms, const std::function<void(time_t, time_t)> &set)
{
    set(static_cast<time_t>(ms / 1000), static_cast<time_t>((ms % 1000) * 1000));
}

bool isIpAddress(const std::string &host)
{
    std::array<unsigned char, 16> addr{};
    return inet_pton(AF_INET, host.c_str(), addr.data()) == 1 || inet_pton(AF_INET6, host.c_str(), addr.data()) == 1;
}

bool isCleanPath(const std::string &path)
{
    return !path.empty() && path.front() == '/' &&
           std::all_of(path.begin(), path.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

} // namespace

// In TLS 1.3 the client's handshake is over before HQ checks the client certificate, so HQ's
// alert (revoked, unknown CA) may arrive after the request was written and be lost with the
// connection. One TLS 1.2 handshake on a fresh connection, where HQ answers the certificate before
// its Finished message, brings the alert back for the error message.
void HttpsClient::Impl::diagnoseHandshake()
{
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    if (getaddrinfo(options.host.c_str(), std::to_string(options.port).c_str(), &hints, &found) != 0 || !found)
        return;
    const int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const timeval tv{static_cast<time_t>(options.connectTimeoutMs / 1000),
                     static_cast<suseconds_t>((options.connectTimeoutMs % 1000) * 1000)};
    const bool connected = fd >= 0 && ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0 &&
                           ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) == 0 &&
                           ::connect(fd, found->ai_addr, found->ai_addrlen) == 0;
    freeaddrinfo(found);
    if (connected) {
        SSL *ssl = SSL_new(client->ssl_context());
        if (ssl && SSL_set_max_proto_version(ssl, TLS1_2_VERSION) == 1 && SSL_set_fd(ssl, fd) == 1 &&
            SSL_connect(ssl) == 1)
            SSL_shutdown(ssl);
        SSL_free(ssl);
        ERR_clear_error();
    }
    if (fd >= 0)
        ::close(fd);
}

Error HttpsClient::Impl::describe(httplib::Error error, unsigned handshakesBefore)
{
    if (receivedAlert == 0 && handshakes != handshakesBefore &&
        (error == httplib::Error::Read || error == httplib::Error::Write))
        diagnoseHandshake();
    if (receivedAlert != 0)
        return fail(ErrorCode::Io, where() + " refused the TLS connection: " + SSL_alert_desc_string_long(receivedAlert));
    switch (error) {
    case httplib::Error::Connection:
        return fail(ErrorCode::Io, "cannot connect to " + where());
    case httplib::Error::ConnectionTimeout:
        return fail(ErrorCode::Io, "timed out connecting to " + where());
    case httplib::Error::SSLConnection:
        return fail(ErrorCode::Io, "TLS handshake with " + where() + " failed (timed out, cut, or no common protocol)");
    case httplib::Error::SSLLoadingCerts:
        return fail(ErrorCode::Io, "cannot load the HQ CA file " + options.caFile.string());
    case httplib::Error::SSLServerVerification: {
        const long result = client->get_openssl_verify_result();
        return fail(ErrorCode::Io, where() + " is not trusted: " +
                                       (result != X509_V_OK ? X509_verify_cert_error_string(result)
                                                            : "its certificate does not name this host"));
    }
    case httplib::Error::Read:
        return fail(ErrorCode::Io, "no complete response from " + where() + " (timed out or connection cut)");
    case httplib::Error::Write:
        return fail(ErrorCode::Io, "cannot send the request to " + where() + " (timed out or connection cut)");
    default:
        return fail(ErrorCode::Io, "request to " + where() + " failed: " + httplib::to_string(error));
    }
}

HttpsClient::HttpsClient(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
HttpsClient::~HttpsClient() = default;

Result<std::unique_ptr<HttpsClient>> HttpsClient::create(HttpsClientOptions options, const Ed25519SecretKey &deviceKey)
{
    detail::ignoreSigpipe();
    if (options.host.empty() || !std::all_of(options.host.begin(), options.host.end(), [](char c) {
            return c > 0x20 && c < 0x7f && c != '/' && c != '@';
        }))
        return fail(ErrorCode::InvalidArgument, "HQ host must be an IP address or host name");
    if (options.port < 1 || options.port > 65535)
        return fail(ErrorCode::InvalidArgument, "HQ port must be 1..65535");
    if (options.connectTimeoutMs < 1 || options.readTimeoutMs < 1 || options.writeTimeoutMs < 1)
        return fail(ErrorCode::InvalidArgument, "timeouts must be positive");
    if (options.maxResponseBytes < 1)
        return fail(ErrorCode::InvalidArgument, "the response limit must be at least 1 byte");
    auto store = x509::loadCaStore(options.caFile);
    if (!store)
        return std::move(store).error();
    auto cert = x509::certificateFromPem(options.certificatePem);
    if (!cert)
        return fail(ErrorCode::Corrupt, "the kiosk certificate is not a PEM certificate");
    std::string keyPem = deviceKey.toPem();
    openssl::PkeyPtr key = x509::privateKeyFromPem(keyPem);
    OPENSSL_cleanse(keyPem.data(), keyPem.size());
    if (!key)
        openssl::fatal(); // toPem() of a valid key always reads back
    if (X509_check_private_key(cert.get(), key.get()) != 1)
        return fail(ErrorCode::Crypto, "the kiosk certificate is not for this kiosk's device key");

    auto impl = std::make_unique<Impl>();
    impl->options = std::move(options);
    const HttpsClientOptions &o = impl->options;
    impl->client = std::make_unique<httplib::SSLClient>(o.host, o.port, cert.get(), key.get());
    httplib::SSLClient &c = *impl->client;
    if (!c.is_valid())
        return fail(ErrorCode::Crypto, "cannot set up TLS with the kiosk certificate: " + x509::lastOpensslError());
    SSL_CTX *ctx = c.ssl_context();
    if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1)
        openssl::fatal();
    SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    // OpenSSL checks the host in the chain verification too (no commonName fallback), on top of
    // httplib's own check.
    X509_VERIFY_PARAM *param = SSL_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT);
    const int hostSet = isIpAddress(o.host) ? X509_VERIFY_PARAM_set1_ip_asc(param, o.host.c_str())
                                            : X509_VERIFY_PARAM_set1_host(param, o.host.c_str(), 0);
    if (hostSet != 1)
        return fail(ErrorCode::InvalidArgument, "HQ host must be an IP address or host name");
    SSL_CTX_set_app_data(ctx, impl.get());
    SSL_CTX_set_info_callback(ctx, rememberAlerts);
    // The store holds only the HQ CA; naming the file too keeps httplib from adding the system's
    // default trust anchors to it.
    c.set_ca_cert_store(store->release());
    c.set_ca_cert_path(o.caFile.string());
    c.enable_server_certificate_verification(true);
    setTimeout(o.connectTimeoutMs, [&c](time_t s, time_t us) { c.set_connection_timeout(s, us); });
    setTimeout(o.readTimeoutMs, [&c](time_t s, time_t us) { c.set_read_timeout(s, us); });
    setTimeout(o.writeTimeoutMs, [&c](time_t s, time_t us) { c.set_write_timeout(s, us); });
    c.set_keep_alive(true);
    // httplib writes headers and body apart: with Nagle each request waits ~40 ms for the
    // delayed ACK of the headers.
    c.set_tcp_nodelay(true);
    c.set_follow_location(false);
    c.set_decompress(false); // no Accept-Encoding: HQ's answers come as they are
    return std::unique_ptr<HttpsClient>(new HttpsClient(std::move(impl)));
}

Result<HttpResponse> HttpsClient::Impl::send(httplib::Request request)
{
    std::lock_guard lock(requestMutex);
    receivedAlert = 0;
    const unsigned handshakesBefore = handshakes;
    std::string body;
    bool tooLarge = false;
    request.content_receiver = [&](const char *data, size_t n, uint64_t, uint64_t) {
        if (n > options.maxResponseBytes - body.size()) {
            tooLarge = true;
            return false;
        }
        body.append(data, n);
        return true;
    };
    auto res = client->send(request);
    if (tooLarge)
        return fail(ErrorCode::Io, "the response from " + where() + " is larger than " +
                                       std::to_string(options.maxResponseBytes) + " bytes");
    if (!res)
        return describe(res.error(), handshakesBefore);
    return HttpResponse{res->status, std::move(body)};
}

Result<HttpResponse> HttpsClient::post(const std::string &path, std::string_view body, const std::string &contentType)
{
    if (!isCleanPath(path) || !std::all_of(contentType.begin(), contentType.end(), [](char c) { return c >= 0x20 && c < 0x7f; }))
        return fail(ErrorCode::InvalidArgument, "request path must start with '/' and hold printable ASCII only");
    httplib::Request req;
    req.method = "POST";
    req.path = path;
    req.body.assign(body);
    req.set_header("Content-Type", contentType);
    return d->send(std::move(req));
}

void HttpsClient::disconnect()
{
    std::lock_guard lock(d->requestMutex);
    d->client->stop();
}

Result<HttpResponse> HttpsClient::get(const std::string &path)
{
    if (!isCleanPath(path))
        return fail(ErrorCode::InvalidArgument, "request path must start with '/' and hold printable ASCII only");
    httplib::Request req;
    req.method = "GET";
    req.path = path;
    return d->send(std::move(req));
}

} // namespace tapledger::sync
