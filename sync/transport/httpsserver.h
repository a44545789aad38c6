#pragma once

#include "core/result.h"
#include "sync/transport/httpsserveroptions.h"
#include "sync/transport/peer.h"

#include <httplib.h>

#include <memory>
#include <optional>
#include <string>

namespace tapledger::sync {

/// HQ's HTTPS endpoint with mutual TLS (RFC 8446 §4.3.2, RFC 5246 §7.4.4) over cpp-httplib, with
/// the gaps of cpp-httplib 0.11.4 closed (docs/sync-transport.md): the client CA file is checked,
/// TLS 1.2 is the minimum, a client certificate chaining to the CA with extendedKeyUsage clientAuth
/// and a kiosk identity is required, revoked certificates are refused during the handshake (TLS
/// alert certificate_revoked), worker threads and their queue are bounded, bodies are capped (413)
/// and must carry a Content-Length (411; no chunked or compressed bodies), timeouts are set,
/// exception text never reaches a response header, and every refusal is logged.
/// Register routes, bind(), then listen() on one thread; stop() from any other.
class HttpsServer
{
public:
    /// The server for @p options, not yet bound. InvalidArgument for a limit out of range; Io or
    /// Corrupt naming the file for an unreadable or malformed certificate, key or CA file; Crypto
    /// when the key does not match the certificate.
    static Result<std::unique_ptr<HttpsServer>> create(HttpsServerOptions options);

    HttpsServer(const HttpsServer &) = delete;
    HttpsServer &operator=(const HttpsServer &) = delete;
    /// Stops the server (as stop()) and waits for listen() to return.
    ~HttpsServer();

    /// The kiosk that sent @p request: the identity of its verified client certificate. Empty
    /// outside an HttpsServer handler or when no certificate is attached (cannot happen for a
    /// request that reached a handler of this server).
    static std::optional<Peer> peerOf(const httplib::Request &request);

    /// Routes GET requests whose path fully matches the ECMAScript regex @p pattern to @p handler.
    /// Handlers run on worker threads. Register before listen().
    void Get(const std::string &pattern, httplib::Server::Handler handler);
    /// Routes POST requests (body already read, at most maxBodyBytes) like Get().
    void Post(const std::string &pattern, httplib::Server::Handler handler);

    /// Binds a listening socket on @p host (an IP address, e.g. 127.0.0.1) and @p port (0: an ephemeral
    /// port) and returns the bound port. Io when the address cannot be bound; Conflict when already bound.
    Result<int> bind(const std::string &host, int port);
    /// Serves connections until stop(); blocks. Conflict when not bound or already listening,
    /// Io when the listening socket fails; success after stop().
    Result<void> listen();
    /// Stops accepting, ends idle kept-alive connections at once, lets running handlers finish and
    /// send their response (a request arriving on an idle connection at that moment may be cut),
    /// and makes listen() return.
    /// Safe from any thread (e.g. the thread that waits for SIGTERM), before, during or after
    /// listen(); idempotent. Once stopped, a server cannot listen again.
    void stop();

    /// The implementation (opaque; named here so OpenSSL callbacks in the .cpp can reach it).
    struct Impl;

private:
    explicit HttpsServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace tapledger::sync
