#pragma once

#include "core/bytes.h"
#include "core/crypto/ed25519.h"
#include "core/ledger/ledgerentry.h"
#include "core/result.h"

#include <string>

namespace tapledger {

/// Checks one kiosk's chain an entry at a time (docs/ledger-format.md, "Verify"): each entry
/// must decode canonically (CanonicalCodec), carry the kiosk id and the next seq, link to the
/// previous entry's hash and verify under the kiosk's Ed25519 device key (RFC 8032). The one
/// chain check of the project: `tapledger ledger verify` and HQ's batch ingest both use it.
class ChainVerifier
{
public:
    /// A verifier for @p kioskId's chain under @p deviceKey, continuing after entry @p lastSeq
    /// whose hash is @p lastHash (0 / all zero = from the start).
    ChainVerifier(std::string kioskId, const Ed25519PublicKey &deviceKey, uint64_t lastSeq = 0,
                  const Sha256Digest &lastHash = {});

    /// Verifies the next entry from its canonical bytes and signature and advances; the decoded
    /// entry on success. Corrupt naming the seq ("seq 7: previous-hash link is broken") and
    /// nothing advanced on failure.
    [[nodiscard]] Result<StoredEntry> next(ByteView canonical, const Ed25519Signature &signature);

    /// Seq of the last entry accepted (the start value before any).
    uint64_t lastSeq() const noexcept { return m_lastSeq; }
    /// Hash of the last entry accepted.
    const Sha256Digest &lastHash() const noexcept { return m_lastHash; }

private:
    std::string m_kioskId;
    Ed25519PublicKey m_key;
    uint64_t m_lastSeq;
    Sha256Digest m_lastHash;
};

} // namespace tapledger
