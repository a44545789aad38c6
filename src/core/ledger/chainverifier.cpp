#include "core/ledger/chainverifier.h"

#include "core/crypto/sha256.h"
#include "core/ledger/canonicalcodec.h"

namespace tapledger {

ChainVerifier::ChainVerifier(std::string kioskId, const Ed25519PublicKey &deviceKey, uint64_t lastSeq,
                             const Sha256Digest &lastHash)
    : m_kioskId(std::move(kioskId)), m_key(deviceKey), m_lastSeq(lastSeq), m_lastHash(lastHash)
{
}

Result<StoredEntry> ChainVerifier::next(ByteView canonical, const Ed25519Signature &signature)
{
    const uint64_t seq = m_lastSeq + 1;
    const std::string at = "seq " + std::to_string(seq) + ": ";
    auto decoded = CanonicalCodec::decode(canonical);
    if (!decoded)
        return fail(ErrorCode::Corrupt, at + decoded.error().message);
    const LedgerEntry &e = *decoded;
    if (e.seq != seq)
        return fail(ErrorCode::Corrupt,
                    at + "entry bytes claim seq " + std::to_string(e.seq) + " (entries reordered or replaced)");
    if (e.kioskId != m_kioskId)
        return fail(ErrorCode::Corrupt, at + "entry belongs to kiosk '" + e.kioskId + "'");
    if (e.prevHash != m_lastHash)
        return fail(ErrorCode::Corrupt, at + "previous-hash link is broken");
    if (!ed25519Verify(m_key, canonical, signature))
        return fail(ErrorCode::Corrupt, at + "signature does not verify with the device key");
    StoredEntry out;
    out.entry = std::move(*decoded);
    out.canonical.assign(canonical.begin(), canonical.end());
    out.hash = sha256(canonical);
    out.signature = signature;
    m_lastSeq = seq;
    m_lastHash = out.hash;
    return out;
}

} // namespace tapledger
