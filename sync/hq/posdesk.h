#pragma once

#include "core/crypto/ed25519.h"
#include "core/crypto/ed25519secretkey.h"
#include "core/engine/clock.h"
#include "sync/hq/hqposting.h"
#include "sync/hq/hqstore.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace tapledger::sync {

/// HQ's point-of-sale desk (docs/pos-api.md): the enrolled POS systems (`enrol-pos`,
/// `revoke-pos`) and `POST /v1/pos/purchases`, which posts through HqPosting in one store
/// write transaction. Thread-safe as far as the store is.
class PosDesk
{
public:
    using LogSink = std::function<void(std::string_view)>;

    /// An HTTP answer: status and JSON body.
    struct Reply
    {
        int status = 200;
        std::string body;
    };

    /// The desk of the HQ directory @p hqDir (its venue policy, HqVenue) over @p store; entries are
    /// signed with @p hqKey; @p log gets one line per refusal.
    PosDesk(HqStore &store, std::filesystem::path hqDir, std::shared_ptr<const Ed25519SecretKey> hqKey,
            std::shared_ptr<const Clock> clock, LogSink log = {});

    /// Records POS @p posId with its certificate's key and serial (a new certificate replaces the
    /// old one, which is refused from then on). InvalidArgument for an id that breaks the kiosk id
    /// rule or is "hq".
    Result<void> enrol(const std::string &posId, const Ed25519PublicKey &key, const std::string &certSerial);
    /// Marks POS @p posId revoked: its TLS handshakes are refused. NotFound for an unknown POS.
    Result<void> revoke(const std::string &posId);
    /// True unless @p posId is enrolled, active and its current certificate is @p serialHex (a
    /// store failure counts as revoked).
    bool isRevoked(const std::string &posId, const std::string &serialHex);

    /// Posts @p body (a PosPurchase) from POS @p posId: 200 with the answer, or 400 (malformed),
    /// 403 (revoked), 404 (unknown member, card or receipt), 409 (receipt reused with another
    /// content, return beyond the purchase), 503 (no venue policy), 500 (store), each
    /// `{"error": "..."}` and logged; nothing is stored unless 200.
    Reply post(const std::string &posId, std::string_view body);

private:
    Reply refuse(const std::string &posId, int status, const std::string &message);
    HqStore &m_store;
    std::filesystem::path m_dir;
    std::shared_ptr<const Ed25519SecretKey> m_key;
    std::shared_ptr<const Clock> m_clock;
    LogSink m_log;
};

} // namespace tapledger::sync
