#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/result.h"
#include "sync/transport/httpresponse.h"
#include "sync/transport/httpsclientoptions.h"

#include <memory>
#include <string>
#include <string_view>

namespace tapledger::sync {

/// The kiosk's HTTPS client for HQ with mutual TLS: presents the kiosk's client certificate and
/// signs the handshake with its Ed25519 device key (RFC 8446 §4.4.3, RFC 8422 §5.10 for TLS 1.2),
/// verifies HQ's certificate against the HQ CA file and the host, TLS 1.2 or later, with connect,
/// read and write timeouts. One request at a time (calls are serialised); keeps the connection alive
/// between requests.
class HttpsClient
{
public:
    /// A client for @p options that authenticates with @p deviceKey. InvalidArgument for a bad host,
    /// port or timeout; Io or Corrupt naming the file for an unreadable or empty CA file; Corrupt for
    /// a certificate that is not PEM; Crypto when the certificate is not for @p deviceKey.
    static Result<std::unique_ptr<HttpsClient>> create(HttpsClientOptions options, const Ed25519SecretKey &deviceKey);

    HttpsClient(const HttpsClient &) = delete;
    HttpsClient &operator=(const HttpsClient &) = delete;
    ~HttpsClient();

    /// POSTs @p body with Content-Type @p contentType to @p path (which starts with '/'). Any HTTP
    /// status is a response; an Error (code Io, one line) when no response came: connection refused,
    /// TLS handshake refused (with HQ's alert, e.g. "certificate revoked"), server certificate not
    /// trusted, timeout, connection cut, a body above maxResponseBytes. InvalidArgument for a path without a leading '/' or with
    /// control characters. When a request on a fresh connection fails without an alert from HQ,
    /// one more connection with a TLS 1.2 handshake asks HQ why (in TLS 1.3 HQ judges the client
    /// certificate after the client's handshake is over, and its alert can be lost with the cut).
    Result<HttpResponse> post(const std::string &path, std::string_view body, const std::string &contentType);
    /// GETs @p path; as post().
    Result<HttpResponse> get(const std::string &path);
    /// Closes the kept-alive connection, if any (TLS close_notify, then the socket), so HQ's worker
    /// thread that waits for the next request on it is free at once instead of after its
    /// keep-alive timeout. The next request connects again. Idempotent.
    void disconnect();

    /// The implementation (opaque; named here so OpenSSL callbacks in the .cpp can reach it).
    struct Impl;

private:
    explicit HttpsClient(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace tapledger::sync
