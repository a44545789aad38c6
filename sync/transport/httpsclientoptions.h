#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace tapledger::sync {

/// How HttpsClient connects to HQ (docs/sync-transport.md).
struct HttpsClientOptions
{
    /// HQ's host: an IP address or a name, checked against the server certificate's
    /// subjectAltName (RFC 6125 §6.4; RFC 2818 §3.1 for IP addresses).
    std::string host = "127.0.0.1";
    /// HQ's TCP port (1..65535).
    int port = 0;
    /// The HQ CA certificate (PEM) HQ's server certificate must chain to (`--hq-ca`). Required.
    std::filesystem::path caFile;
    /// The kiosk's client certificate (PEM), issued by HQ's CA for the device key.
    std::string certificatePem;

    /// Longest wait for the TCP connection and the TLS handshake, in ms (≥ 1).
    int64_t connectTimeoutMs = 5'000;
    /// Longest wait for the next bytes of a response, in ms (≥ 1).
    int64_t readTimeoutMs = 30'000;
    /// Longest wait for a write to make progress, in ms (≥ 1).
    int64_t writeTimeoutMs = 30'000;
    /// Longest response body accepted, in bytes (≥ 1); a longer one is an error.
    size_t maxResponseBytes = 64 * 1024 * 1024;
};

} // namespace tapledger::sync
