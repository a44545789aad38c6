#include "sync/hq/posdesk.h"

#include "core/kioskid.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/protocol/protocol.h"

#include <nlohmann/json.hpp>

namespace tapledger::sync {

namespace {
int statusOf(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::Overflow:
        return 400;
    case ErrorCode::Denied:
        return 403;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::Conflict:
    case ErrorCode::AlreadyExists:
        return 409;
    default:
        return 500;
    }
}
} // namespace

PosDesk::PosDesk(HqStore &store, std::filesystem::path hqDir, std::shared_ptr<const Ed25519SecretKey> hqKey,
                 std::shared_ptr<const Clock> clock, LogSink log)
    : m_store(store), m_dir(std::move(hqDir)), m_key(std::move(hqKey)), m_clock(std::move(clock)), m_log(std::move(log))
{
}

Result<void> PosDesk::enrol(const std::string &posId, const Ed25519PublicKey &key, const std::string &certSerial)
{
    if (posId == kHqChainId || !isValidKioskId(posId))
        return fail(ErrorCode::InvalidArgument, "POS id '" + posId + "' is not valid (1..63 of A-Z a-z 0-9 . _ -, not 'hq')");
    return m_store.write([&](HqWriteTx &tx) -> Result<void> {
        auto existing = tx.pos(posId);
        if (!existing)
            return std::move(existing).error();
        PosRecord p{posId, key, certSerial, "active", m_clock->nowMs()};
        if (*existing)
            p.enrolledMs = (*existing)->enrolledMs;
        return tx.putPos(p);
    });
}

Result<void> PosDesk::revoke(const std::string &posId)
{
    return m_store.write([&](HqWriteTx &tx) -> Result<void> {
        auto existing = tx.pos(posId);
        if (!existing)
            return std::move(existing).error();
        if (!*existing)
            return fail(ErrorCode::NotFound, "POS " + posId + " is not enrolled");
        PosRecord p = **existing;
        p.status = "revoked";
        return tx.putPos(p);
    });
}

bool PosDesk::isRevoked(const std::string &posId, const std::string &serialHex)
{
    bool revoked = true;
    auto r = m_store.read([&](HqReadTx &tx) -> Result<void> {
        auto p = tx.pos(posId);
        if (!p)
            return std::move(p).error();
        revoked = !*p || (*p)->status != "active" || (*p)->certSerial != serialHex;
        return {};
    });
    return !r || revoked;
}

PosDesk::Reply PosDesk::refuse(const std::string &posId, int status, const std::string &message)
{
    if (m_log)
        m_log("POS " + posId + " purchase refused (" + std::to_string(status) + "): " + message);
    return Reply{status, nlohmann::json{{"error", message}}.dump()};
}

PosDesk::Reply PosDesk::post(const std::string &posId, std::string_view body)
{
    auto venue = HqVenue::load(m_dir, m_store);
    if (!venue)
        return refuse(posId, 503, venue.error().message);
    const int64_t now = m_clock->nowMs();
    auto request = PosPurchase::fromJson(body, *venue, now);
    if (!request)
        return refuse(posId, 400, request.error().message);
    const Policy &policy = venue->programs().front();
    PostingAnswer answer;
    auto r = m_store.write([&](HqWriteTx &tx) -> Result<void> {
        auto pos = tx.pos(posId);
        if (!pos)
            return std::move(pos).error();
        if (!*pos || (*pos)->status != "active")
            return fail(ErrorCode::Denied, "POS " + posId + " is not enrolled or is revoked");
        HqPosting posting(tx, *m_key, now);
        auto a = posting.pos(posId, *request, policy, venue->calendar());
        if (!a)
            return std::move(a).error();
        answer = std::move(*a);
        return {};
    });
    if (!r) {
        const int status = statusOf(r.error().code);
        return refuse(posId, status, status == 500 ? "HQ could not store the purchase; try again later" : r.error().message);
    }
    if (m_log)
        m_log("POS " + posId + " " + answer.kind + " " + request->receipt + " → " + answer.entry + " (" +
              std::to_string(answer.points) + " points" + (answer.duplicate ? ", duplicate" : "") + ")");
    return Reply{200, answer.toJson()};
}

} // namespace tapledger::sync
