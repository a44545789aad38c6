#include "sync/hq/hqserver.h"

#include "sync/protocol/protocol.h"
#include "sync/transport/certificateauthority.h"

#include <charconv>
#include <mutex>

namespace tapledger::sync {

namespace {
constexpr const char *kJson = "application/json";

void reply(httplib::Response &res, int status, const std::string &body)
{
    res.status = status;
    res.set_content(body, kJson);
}

void replyError(httplib::Response &res, int status, std::string message, uint64_t expectedSeq = 0, bool quarantined = false)
{
    reply(res, status, ErrorBody{std::move(message), expectedSeq, quarantined}.toJson());
}

/// The kiosk on the connection; nullopt after a 403 for no certificate or a POS certificate.
std::optional<Peer> kioskPeer(const httplib::Request &req, httplib::Response &res)
{
    auto peer = HttpsServer::peerOf(req);
    if (!peer) {
        replyError(res, 403, "no client certificate");
        return std::nullopt;
    }
    if (peer->role != PeerRole::Kiosk) {
        replyError(res, 403, "POS " + peer->kioskId + " has a point-of-sale certificate: it cannot sync a ledger");
        return std::nullopt;
    }
    return peer;
}

std::optional<uint64_t> queryNumber(const httplib::Request &req, const char *name, uint64_t fallback)
{
    if (!req.has_param(name))
        return fallback;
    const std::string v = req.get_param_value(name);
    uint64_t out = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc{} || p != v.data() + v.size())
        return std::nullopt;
    return out;
}
} // namespace

Result<std::unique_ptr<HqServer>> HqServer::create(HqDataDir &dir, std::shared_ptr<const Clock> clock,
                                                   std::function<void(std::string_view)> log, size_t threads)
{
    std::unique_ptr<HqServer> s(new HqServer);
    auto shared = std::make_shared<std::mutex>();
    s->m_log = [log, shared](std::string_view line) {
        if (!log)
            return;
        std::lock_guard lock(*shared);
        log(line);
    };
    s->m_reconciler = std::make_unique<Reconciler>(dir.store(), dir.key(), clock, s->m_log);
    s->m_pos = std::make_unique<PosDesk>(dir.store(), dir.path(), dir.key(), std::move(clock), s->m_log);
    HttpsServerOptions o;
    o.certificateFile = dir.path() / CertificateAuthority::kServerCertificateFile;
    o.keyFile = dir.path() / CertificateAuthority::kServerKeyFile;
    o.clientCaFile = dir.path() / CertificateAuthority::kCertificateFile;
    o.threads = threads;
    o.maxBodyBytes = kMaxBodyBytes;
    HqStore &store = dir.store();
    // Revoked, superseded (re-enrolled with a new certificate) and unknown kiosks are refused in
    // the handshake; a quarantined kiosk still connects and is told why.
    o.isRevoked = [&store](const std::string &kioskId, const std::string &serialHex) {
        bool revoked = true;
        auto r = store.read([&](HqReadTx &tx) -> Result<void> {
            auto k = tx.kiosk(kioskId);
            if (!k)
                return std::move(k).error();
            revoked = !*k || (*k)->status == "revoked" || (*k)->certSerial != serialHex;
            return {};
        });
        return !r || revoked;
    };
    o.isPosRevoked = [pos = s->m_pos.get()](const std::string &posId, const std::string &serialHex) {
        return pos->isRevoked(posId, serialHex);
    };
    o.log = s->m_log;
    auto https = HttpsServer::create(std::move(o));
    if (!https)
        return std::move(https).error();
    s->m_https = std::move(*https);
    s->routes();
    return s;
}

HqServer::~HqServer() = default;

Result<int> HqServer::bind(const std::string &host, int port)
{
    return m_https->bind(host, port);
}

Result<void> HqServer::listen()
{
    return m_https->listen();
}

void HqServer::stop()
{
    m_https->stop();
}

void HqServer::routes()
{
    m_https->Get("/v1/hello", [this](const httplib::Request &req, httplib::Response &res) {
        const auto peer = kioskPeer(req, res);
        if (!peer)
            return;
        auto h = m_reconciler->hello(peer->kioskId);
        if (!h) {
            m_log("hello refused for " + peer->kioskId + ": " + h.error().message);
            return replyError(res, h.error().code == ErrorCode::Denied ? 403 : 500, h.error().message);
        }
        reply(res, 200, h->toJson());
    });
    m_https->Post("/v1/upload", [this](const httplib::Request &req, httplib::Response &res) {
        const auto peer = kioskPeer(req, res);
        if (!peer)
            return;
        auto batch = UploadBatch::fromJson(req.body);
        if (!batch) {
            m_log("malformed batch from " + peer->kioskId + ": " + batch.error().message);
            return replyError(res, 400, batch.error().message);
        }
        auto outcome = m_reconciler->ingest(peer->kioskId, *batch);
        if (const auto *ack = std::get_if<UploadAck>(&outcome))
            return reply(res, 200, ack->toJson());
        const auto &refusal = std::get<Refusal>(outcome);
        switch (refusal.kind) {
        case Refusal::Kind::Forbidden:
            return replyError(res, 403, refusal.message);
        case Refusal::Kind::Quarantined:
            return replyError(res, 409, refusal.message, 0, true);
        case Refusal::Kind::OutOfOrder:
            return replyError(res, 409, refusal.message, refusal.expectedSeq);
        case Refusal::Kind::Invalid:
            return replyError(res, 422, refusal.message);
        case Refusal::Kind::Internal:
            return replyError(res, 500, "HQ could not store the batch; try again later");
        }
    });
    m_https->Get("/v1/feed", [this](const httplib::Request &req, httplib::Response &res) {
        const auto peer = kioskPeer(req, res);
        if (!peer)
            return;
        const auto after = queryNumber(req, "after", 0);
        const auto limit = queryNumber(req, "limit", kDefaultFeedItems);
        if (!after || !limit || *limit == 0 || *limit > kMaxFeedItems)
            return replyError(res, 400, "after must be a number and limit 1.." + std::to_string(kMaxFeedItems));
        auto h = m_reconciler->hello(peer->kioskId);
        if (!h)
            return replyError(res, 403, h.error().message);
        auto page = m_reconciler->feed(*after, *limit);
        if (!page)
            return replyError(res, 500, page.error().message);
        reply(res, 200, page->toJson());
    });
    m_https->Post("/v1/pos/purchases", [this](const httplib::Request &req, httplib::Response &res) {
        const auto peer = HttpsServer::peerOf(req);
        if (!peer)
            return replyError(res, 403, "no client certificate");
        if (peer->role != PeerRole::Pos)
            return replyError(res, 403, "kiosk " + peer->kioskId + " has a kiosk certificate: only a point-of-sale "
                                        "certificate may post purchases");
        const PosDesk::Reply r = m_pos->post(peer->kioskId, req.body);
        reply(res, r.status, r.body);
    });
}

} // namespace tapledger::sync
