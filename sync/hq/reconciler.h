#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/engine/clock.h"
#include "core/engine/offer.h"
#include "sync/hq/hqstore.h"
#include "sync/protocol/feedpage.h"
#include "sync/protocol/hello.h"
#include "sync/protocol/uploadbatch.h"

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace tapledger::sync {

/// Why HQ refused a batch (docs/sync-protocol.md, "POST /v1/upload"); the server maps the kind
/// to an HTTP status.
struct Refusal
{
    enum class Kind {
        Forbidden,   ///< 403: the certificate's kiosk is another, unknown or revoked
        Quarantined, ///< 409: the kiosk is (now) quarantined: rollback or rewritten history
        OutOfOrder,  ///< 409: from_seq is past what HQ holds; resend from expectedSeq
        Invalid,     ///< 422: an entry or the head does not verify
        Internal,    ///< 500: the store failed
    };
    Kind kind = Kind::Invalid;
    std::string message;      ///< one line, for the log and the kiosk
    uint64_t expectedSeq = 0; ///< OutOfOrder: the seq HQ expects next
};

/// HQ's reconciliation (docs/sync-protocol.md, "Merge at HQ"): verifies every batch with core's
/// ChainVerifier and tree heads, merges entries into the master state, detects forks and
/// overspending, writes HQ-signed compensating entries on HQ's own chain, keeps the deny-list
/// and the signed change feed. Every batch is one store transaction: all of it or nothing.
/// Thread-safe as far as the store is (each call is one or two transactions).
class Reconciler
{
public:
    using LogSink = std::function<void(std::string_view)>;

    /// @p hqKey signs the feed and HQ's chain; @p log receives one line per refusal and alert.
    Reconciler(HqStore &store, std::shared_ptr<const Ed25519SecretKey> hqKey, std::shared_ptr<const Clock> clock,
               LogSink log = {});

    /// What HQ holds of @p kioskId (the certificate's id). Denied for an unknown or revoked kiosk.
    Result<Hello> hello(const std::string &kioskId);
    /// Verifies and merges @p batch sent under the certificate of @p certKioskId.
    std::variant<UploadAck, Refusal> ingest(const std::string &certKioskId, const UploadBatch &batch);
    /// The signed feed page after @p after (at most @p limit items, clamped to 1..kMaxFeedItems).
    Result<FeedPage> feed(uint64_t after, uint64_t limit);

    /// Records an enrolled kiosk (from its certificate) and publishes its key in the feed.
    /// AlreadyExists for a kiosk id already enrolled and active, InvalidArgument for the
    /// reserved id "hq".
    Result<void> enrolKiosk(const std::string &kioskId, const Ed25519PublicKey &deviceKey, const std::string &certSerial);
    /// Marks a kiosk revoked (its TLS handshake is refused from now on) and publishes it in the
    /// feed, so no kiosk trusts its card tokens any more. NotFound for an unknown kiosk.
    Result<void> revokeKiosk(const std::string &kioskId);

    /// Publishes the program policy file @p policyText (docs/policy.md) for every kiosk from
    /// @p effectiveMs (UTC ms) on: parses it with core's PolicyParser, stores it and appends a
    /// signed `policy` feed item, in one transaction. InvalidArgument for a policy that does not
    /// parse; Conflict for a version not above the last published one of the same policy id or a
    /// currency other than that version's. Nothing is stored then.
    Result<PolicyRecord> publishPolicy(std::string_view policyText, int64_t effectiveMs);

    /// Publishes @p member's ranked per-member offers (the CRM's output; docs/sync-protocol.md,
    /// `offers` body): replaces the member's earlier list in the store and in the feed, in one
    /// transaction. An empty list withdraws every offer. NotFound for a member HQ has never
    /// merged; InvalidArgument for offers HqOffers would not read back. Nothing stored then.
    Result<MemberOffersRecord> publishMemberOffers(const Uuid &member, std::span<const Offer> offers);

    /// HQ's feed and chain key, public half.
    const Ed25519PublicKey &hqPublicKey() const noexcept { return m_hqPublic; }

private:
    struct Impl;
    HqStore &m_store;
    std::shared_ptr<const Ed25519SecretKey> m_key;
    Ed25519PublicKey m_hqPublic;
    std::shared_ptr<const Clock> m_clock;
    LogSink m_log;

    void log(const std::string &line) const;
    Result<void> setKioskStatus(const std::string &kioskId, const std::string &status, const std::string &reason,
                                const std::string &alertType, uint64_t seq);
};

} // namespace tapledger::sync
