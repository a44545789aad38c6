#pragma once
// Private to the transport: a peer that closes its end (a TLS alert on a refused certificate, a
// cut connection) makes the next write raise SIGPIPE, which kills the process by default.
// cpp-httplib and OpenSSL write with write(2), not send(MSG_NOSIGNAL), so the process ignores
// SIGPIPE once and the write fails with EPIPE, reported as an Io error.

#include <csignal>
#include <mutex>

namespace tapledger::sync::detail {

/// Sets SIGPIPE to SIG_IGN for the process, once (first HttpsClient or HttpsServer made).
inline void ignoreSigpipe()
{
    static std::once_flag once;
    std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

} // namespace tapledger::sync::detail
