#include "sync/transport/httpsserver.h"

#include "sync/transport/boundedtaskqueue_p.h"
#include "sync/transport/sigpipe_p.h"
#include "sync/transport/x509util_p.h"

#include <openssl/ssl.h>

#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>

namespace tapledger::sync {

struct HttpsServer::Impl
{
    HttpsServerOptions options;
    std::unique_ptr<httplib::SSLServer> server;
    std::atomic<bool> bound{false};
    std::atomic<bool> listening{false};
    std::atomic<bool> stopRequested{false};
    std::mutex listenMutex;
    std::condition_variable listenEnded;
    // The connections whose TLS handshake started and whose SSL object is not yet freed (httplib
    // frees it before closing the socket), so stop() can end the idle ones at once.
    struct Connection
    {
        int fd = -1;
        bool busy = false; // between routing a request and writing its response
    };
    std::mutex connectionsMutex;
    std::map<const SSL *, Connection> connections;

    void setBusy(const SSL *ssl, bool busy)
    {
        std::lock_guard lock(connectionsMutex);
        if (auto it = connections.find(ssl); it != connections.end())
            it->second.busy = busy;
    }

    void log(std::string_view line) const noexcept
    {
        if (!options.log)
            return;
        try {
            options.log(line);
        } catch (...) { // a failing log sink must not take a worker thread down
        }
    }
};

namespace {

HttpsServer::Impl *implOf(const SSL *ssl)
{
    return static_cast<HttpsServer::Impl *>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
}

// Chain errors and the kiosk identity and revocation of the leaf, during the handshake: a refusal
// here makes OpenSSL send the matching alert (certificate_revoked for a revoked serial).
int verifyClientCertificate(int preverifyOk, X509_STORE_CTX *store)
{
    const auto *ssl = static_cast<const SSL *>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    const HttpsServer::Impl *impl = ssl ? implOf(ssl) : nullptr;
    if (!impl)
        return 0;
    const int depth = X509_STORE_CTX_get_error_depth(store);
    const std::string from = "TLS handshake refused from " + x509::peerAddress(ssl) + ": ";
    if (!preverifyOk) {
        impl->log(from + "client certificate (depth " + std::to_string(depth) +
                  "): " + X509_verify_cert_error_string(X509_STORE_CTX_get_error(store)));
        return 0;
    }
    if (depth != 0)
        return 1;
    auto peer = x509::peerOfCertificate(X509_STORE_CTX_get_current_cert(store));
    if (!peer) {
        X509_STORE_CTX_set_error(store, X509_V_ERR_APPLICATION_VERIFICATION);
        impl->log(from + peer.error().message);
        return 0;
    }
    const bool pos = peer->role == PeerRole::Pos;
    const std::string who = (pos ? "POS " : "kiosk ") + peer->kioskId;
    bool revoked = true; // a revocation check that fails refuses the certificate
    try {
        if (pos)
            revoked = !impl->options.isPosRevoked || impl->options.isPosRevoked(peer->kioskId, peer->serialHex);
        else
            revoked = impl->options.isRevoked && impl->options.isRevoked(peer->kioskId, peer->serialHex);
    } catch (...) {
        impl->log(from + "the revocation check failed for " + who);
    }
    if (revoked) {
        X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REVOKED);
        impl->log(from + who + " certificate serial " + peer->serialHex + " is revoked");
        return 0;
    }
    return 1;
}

// Removes a connection of HttpsServer::Impl @p ptr from its list when OpenSSL frees its SSL
// object (called for every SSL object in the process; @p ptr is null for the others).
void forgetConnection(void *parent, void *ptr, CRYPTO_EX_DATA *, int, long, void *)
{
    if (!ptr)
        return;
    auto *impl = static_cast<HttpsServer::Impl *>(ptr);
    std::lock_guard lock(impl->connectionsMutex);
    impl->connections.erase(static_cast<const SSL *>(parent));
}

int connectionIndex()
{
    static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, forgetConnection);
    return index;
}

// Records each connection as its handshake starts, and logs fatal alerts either way: the ones
// this server sends (no certificate, unknown CA, revoked, old protocol) and the ones a client
// sends when it refuses this server.
void watchConnection(const SSL *ssl, int where, int ret)
{
    HttpsServer::Impl *impl = implOf(ssl);
    if (!impl)
        return;
    if ((where & SSL_CB_HANDSHAKE_START) && !SSL_get_ex_data(ssl, connectionIndex())) {
        // const in the callback's signature; the SSL object is this server's connection
        if (SSL_set_ex_data(const_cast<SSL *>(ssl), connectionIndex(), impl) == 1) {
            std::lock_guard lock(impl->connectionsMutex);
            impl->connections[ssl] = HttpsServer::Impl::Connection{SSL_get_fd(ssl), false};
        }
    }
    if (!(where & SSL_CB_ALERT) || (ret >> 8) != SSL3_AL_FATAL)
        return;
    const std::string alert = SSL_alert_desc_string_long(ret);
    if (where & SSL_CB_WRITE)
        impl->log("TLS handshake refused from " + x509::peerAddress(ssl) + ": sent alert \"" + alert + "\"");
    else
        impl->log("TLS connection from " + x509::peerAddress(ssl) + " ended by the client: alert \"" + alert + "\"");
}

Result<void> checkOptions(const HttpsServerOptions &o)
{
    if (o.threads < 1 || o.threads > 1024)
        return fail(ErrorCode::InvalidArgument, "server threads must be 1..1024");
    if (o.maxQueuedConnections < 1 || o.maxQueuedConnections > 65536)
        return fail(ErrorCode::InvalidArgument, "queued connections must be 1..65536");
    if (o.maxBodyBytes < 1)
        return fail(ErrorCode::InvalidArgument, "the body limit must be at least 1 byte");
    if (o.readTimeoutMs < 1 || o.writeTimeoutMs < 1 || o.keepAliveTimeoutSeconds < 1 || o.keepAliveMaxRequests < 1)
        return fail(ErrorCode::InvalidArgument, "timeouts and the keep-alive request count must be positive");
    if (o.clientCaFile.empty())
        return fail(ErrorCode::InvalidArgument, "a client CA file is required for mutual TLS");
    return {};
}

Result<void> setUpContext(SSL_CTX *ctx, HttpsServer::Impl *impl)
{
    const HttpsServerOptions &o = impl->options;
    if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1)
        openssl::fatal();
    SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE |
                                 SSL_OP_NO_TICKET);
    // No session resumption: a resumed session skips certificate verification, and with it the
    // revocation check of every new connection.
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_num_tickets(ctx, 0);
    TL_TRY(x509::useCertificateAndKey(ctx, o.certificateFile, o.keyFile));
    auto store = x509::loadCaStore(o.clientCaFile);
    if (!store)
        return std::move(store).error();
    SSL_CTX_set_cert_store(ctx, store->release()); // the context owns the store from here
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verifyClientCertificate);
    SSL_CTX_set_verify_depth(ctx, 1); // kiosk certificates are issued by the HQ CA itself
    if (SSL_CTX_set_purpose(ctx, X509_PURPOSE_SSL_CLIENT) != 1)
        openssl::fatal();
    SSL_CTX_set_app_data(ctx, impl);
    if (connectionIndex() < 0)
        openssl::fatal();
    SSL_CTX_set_info_callback(ctx, watchConnection);
    return {};
}

std::string requestLine(const httplib::Request &req)
{
    auto peer = HttpsServer::peerOf(req);
    return (req.remote_addr.empty() ? std::string("unknown peer") : req.remote_addr + ":" + std::to_string(req.remote_port)) +
           (peer && peer->role == PeerRole::Pos ? " POS " : " kiosk ") + (peer ? peer->kioskId : std::string("-")) + " " + x509::printable(req.method, 16) + " " +
           x509::printable(req.path);
}

// Ends the connection after the current response: the rest of a refused request's body was not
// read and must not be parsed as a next request.
void closeAfterResponse(const httplib::Request &req)
{
    if (req.ssl) // const in httplib's Request, but the connection's SSL object is ours to mark
        SSL_set_shutdown(const_cast<SSL *>(req.ssl), SSL_get_shutdown(req.ssl) | SSL_RECEIVED_SHUTDOWN);
}

// Bodies must come with a Content-Length: httplib 0.11.4 applies the body limit only to that, not
// to chunked or compressed bodies.
httplib::Server::HandlerResponse refuseUnboundedBodies(const httplib::Request &req, httplib::Response &res)
{
    const bool hasBody = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
    if (req.has_header("Transfer-Encoding") || (hasBody && !req.has_header("Content-Length"))) {
        res.status = 411;
        res.set_content("a request body needs a Content-Length (no chunked transfer)\n", "text/plain");
    } else if (req.has_header("Content-Encoding") && req.get_header_value("Content-Encoding") != "identity") {
        res.status = 415;
        res.set_content("compressed request bodies are not accepted\n", "text/plain");
    } else {
        return httplib::Server::HandlerResponse::Unhandled;
    }
    closeAfterResponse(req);
    return httplib::Server::HandlerResponse::Handled;
}

} // namespace

HttpsServer::HttpsServer(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

HttpsServer::~HttpsServer()
{
    stop();
    std::unique_lock lock(d->listenMutex);
    d->listenEnded.wait(lock, [this] { return !d->listening.load(); });
}

Result<std::unique_ptr<HttpsServer>> HttpsServer::create(HttpsServerOptions options)
{
    detail::ignoreSigpipe();
    TL_TRY(checkOptions(options));
    auto impl = std::make_unique<Impl>();
    impl->options = std::move(options);
    Result<void> setUp;
    Impl *raw = impl.get();
    impl->server = std::make_unique<httplib::SSLServer>([&setUp, raw](SSL_CTX &ctx) {
        setUp = setUpContext(&ctx, raw);
        return setUp.ok();
    });
    if (!setUp)
        return std::move(setUp).error();
    if (!impl->server->is_valid())
        return fail(ErrorCode::Crypto, "cannot set up the TLS server: " + x509::lastOpensslError());

    const HttpsServerOptions &o = impl->options;
    httplib::SSLServer &s = *impl->server;
    s.set_read_timeout(static_cast<time_t>(o.readTimeoutMs / 1000), static_cast<time_t>((o.readTimeoutMs % 1000) * 1000));
    s.set_write_timeout(static_cast<time_t>(o.writeTimeoutMs / 1000),
                        static_cast<time_t>((o.writeTimeoutMs % 1000) * 1000));
    s.set_keep_alive_timeout(static_cast<time_t>(o.keepAliveTimeoutSeconds));
    s.set_tcp_nodelay(true); // headers and body are written apart: no Nagle wait between them
    s.set_keep_alive_max_count(o.keepAliveMaxRequests);
    s.set_payload_max_length(o.maxBodyBytes);
    s.new_task_queue = [threads = o.threads, queued = o.maxQueuedConnections] {
        return new BoundedTaskQueue(threads, queued); // httplib takes ownership
    };
    s.set_pre_routing_handler([raw](const httplib::Request &req, httplib::Response &res) {
        raw->setBusy(req.ssl, true);
        return refuseUnboundedBodies(req, res);
    });
    // httplib's default copies what() into an EXCEPTION_WHAT response header.
    s.set_exception_handler([raw](const httplib::Request &req, httplib::Response &res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception &e) {
            what = e.what();
        } catch (...) {
        }
        raw->log("handler failed for " + requestLine(req) + ": " + x509::printable(what));
        res.status = 500;
        res.headers.clear();
        res.set_content("internal error\n", "text/plain");
    });
    s.set_logger([raw](const httplib::Request &req, const httplib::Response &res) {
        raw->setBusy(req.ssl, false); // called once the response is written
        if (res.status >= 400)
            raw->log("request refused from " + requestLine(req) + ": " + std::to_string(res.status));
    });
    return std::unique_ptr<HttpsServer>(new HttpsServer(std::move(impl)));
}

std::optional<Peer> HttpsServer::peerOf(const httplib::Request &request)
{
    if (!request.ssl)
        return std::nullopt;
    const X509 *cert = SSL_get0_peer_certificate(request.ssl);
    if (!cert)
        return std::nullopt;
    auto peer = x509::peerOfCertificate(cert);
    if (!peer)
        return std::nullopt;
    return std::move(*peer);
}

void HttpsServer::Get(const std::string &pattern, httplib::Server::Handler handler)
{
    d->server->Get(pattern, std::move(handler));
}

void HttpsServer::Post(const std::string &pattern, httplib::Server::Handler handler)
{
    d->server->Post(pattern, std::move(handler));
}

Result<int> HttpsServer::bind(const std::string &host, int port)
{
    if (port < 0 || port > 65535)
        return fail(ErrorCode::InvalidArgument, "port must be 0..65535");
    if (d->bound.exchange(true))
        return fail(ErrorCode::Conflict, "the server is already bound");
    const int bound = port == 0 ? d->server->bind_to_any_port(host) : (d->server->bind_to_port(host, port) ? port : -1);
    if (bound <= 0) {
        d->bound = false;
        return fail(ErrorCode::Io, "cannot listen on " + host + ":" + std::to_string(port) + ": " + std::strerror(errno));
    }
    return bound;
}

Result<void> HttpsServer::listen()
{
    if (!d->bound)
        return fail(ErrorCode::Conflict, "bind() the server before listen()");
    if (d->listening.exchange(true))
        return fail(ErrorCode::Conflict, "the server is already listening");
    bool ok = true;
    if (!d->stopRequested)
        ok = d->server->listen_after_bind();
    {
        std::lock_guard lock(d->listenMutex);
        d->listening = false;
    }
    d->listenEnded.notify_all();
    if (!ok && !d->stopRequested)
        return fail(ErrorCode::Io, "the listening socket failed");
    return {};
}

void HttpsServer::stop()
{
    d->stopRequested = true;
    // httplib's stop() only acts once its accept loop runs: wait out the moment between listen()
    // starting and the loop being up.
    while (d->listening && !d->server->is_running())
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    d->server->stop();
    // httplib lets an idle kept-alive connection wait out its keep-alive timeout. Ending the read
    // side makes it see the end at once. Not for a busy one: httplib refuses to write a response
    // on a socket that reads as ended, and its loop ends after that response anyway.
    std::lock_guard lock(d->connectionsMutex);
    for (const auto &[ssl, connection] : d->connections)
        if (connection.fd >= 0 && !connection.busy)
            ::shutdown(connection.fd, SHUT_RD);
}

} // namespace tapledger::sync
