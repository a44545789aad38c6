#pragma once

#include "sync/hq/hqdatadir.h"
#include "sync/hq/posdesk.h"
#include "sync/hq/reconciler.h"
#include "sync/transport/httpsserver.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace tapledger::sync {

/// `tapledger-hq serve`: the sync endpoints of docs/sync-protocol.md (`GET /v1/hello`,
/// `POST /v1/upload`, `GET /v1/feed`) for kiosk certificates and `POST /v1/pos/purchases`
/// (docs/pos-api.md) for point-of-sale certificates, on a mutual-TLS HttpsServer; each role is
/// refused (403) on the other's endpoints. A kiosk or POS whose certificate is revoked,
/// superseded by a newer one or not enrolled is refused during the handshake; the store is the
/// revocation list.
class HqServer
{
public:
    /// The server over @p dir (not yet bound); @p log receives one line per refusal and alert
    /// (thread-safe). Errors as HttpsServer::create.
    static Result<std::unique_ptr<HqServer>> create(HqDataDir &dir, std::shared_ptr<const Clock> clock,
                                                    std::function<void(std::string_view)> log, size_t threads = 8);
    ~HqServer();
    /// Binds @p host:@p port (0 = ephemeral); the port.
    Result<int> bind(const std::string &host, int port);
    /// Serves until stop().
    Result<void> listen();
    /// Safe from any thread.
    void stop();
    Reconciler &reconciler() noexcept { return *m_reconciler; }
    /// The point-of-sale desk (enrolled POS systems, purchases).
    PosDesk &pos() noexcept { return *m_pos; }

private:
    HqServer() = default;
    void routes();
    std::unique_ptr<Reconciler> m_reconciler;
    std::unique_ptr<PosDesk> m_pos;
    std::unique_ptr<HttpsServer> m_https;
    std::function<void(std::string_view)> m_log;
};

} // namespace tapledger::sync
