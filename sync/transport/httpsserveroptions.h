#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace tapledger::sync {

/// How HttpsServer is set up (docs/sync-transport.md, "Limits"). Every limit has a safe default.
struct HttpsServerOptions
{
    /// HQ's TLS server certificate (PEM), e.g. CertificateAuthority's DIR/server.pem.
    std::filesystem::path certificateFile;
    /// Its private key (unencrypted PKCS#8 PEM), e.g. DIR/server.key.
    std::filesystem::path keyFile;
    /// The CA that kiosk client certificates must chain to (PEM), e.g. DIR/ca.pem. Required: a
    /// missing, unreadable or empty file is a construction error.
    std::filesystem::path clientCaFile;

    /// Worker threads, each serving one connection at a time (1..1024).
    size_t threads = 8;
    /// Accepted connections waiting for a worker; when full, accepting pauses and the kernel's
    /// listen backlog holds further clients (1..65536).
    size_t maxQueuedConnections = 64;
    /// Longest request body in bytes (Content-Length); a longer one is answered 413 (RFC 9110 §15.5.14).
    size_t maxBodyBytes = 8 * 1024 * 1024;
    /// Longest wait for the next bytes of a TLS handshake or of a request, in ms (≥ 1).
    int64_t readTimeoutMs = 10'000;
    /// Longest wait for a write to make progress, in ms (≥ 1).
    int64_t writeTimeoutMs = 10'000;
    /// How long an idle kept-alive connection is held open, in whole seconds (≥ 1).
    int64_t keepAliveTimeoutSeconds = 5;
    /// Requests served on one connection before it is closed (≥ 1).
    size_t keepAliveMaxRequests = 100;

    /// True when the certificate (kioskId, serialHex) is revoked; called during every handshake
    /// from worker threads (must be thread-safe; must not throw). Empty: nothing is revoked.
    std::function<bool(const std::string &kioskId, const std::string &serialHex)> isRevoked;
    /// The same for point-of-sale certificates (role PeerRole::Pos, docs/pos-api.md): true when
    /// (posId, serialHex) is revoked or unknown. Empty: every POS certificate is refused, so a
    /// server that serves kiosks only never lets a POS in.
    std::function<bool(const std::string &posId, const std::string &serialHex)> isPosRevoked;
    /// Receives one line per refused handshake and refused request (status ≥ 400), from any
    /// thread (must be thread-safe). Lines never hold key material or request bodies. Empty: discarded.
    std::function<void(std::string_view line)> log;
};

} // namespace tapledger::sync
