#include "nfc/cardstateverifier.h"

#include "core/crypto/constanttime.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace tapledger::nfc {

std::string_view cardAlertReasonName(CardAlertReason reason) noexcept
{
    switch (reason) {
    case CardAlertReason::Malformed: return "malformed";
    case CardAlertReason::BadSignature: return "bad_signature";
    case CardAlertReason::UntrustedSigner: return "untrusted_signer";
    case CardAlertReason::Rollback: return "rollback";
    case CardAlertReason::Clone: return "clone";
    }
    return "malformed";
}

LedgerEntry CardAlert::toLedgerDraft(int64_t timeMs) const
{
    LedgerEntry e;
    e.timeMs = timeMs;
    e.kind = EntryKind::CardAlert;
    e.card = cardId;
    e.member = memberId;
    e.cardCounter = tokenCounter;
    nlohmann::json extra{{"reason", std::string(cardAlertReasonName(reason))},
                         {"detail", detail},
                         {"uid", toHex(uid)},
                         {"token_counter", tokenCounter}};
    if (lastSeenCounter)
        extra["last_seen"] = *lastSeenCounter;
    e.extra = extra.dump(); // std::map keys: sorted; dump() without indent: no spaces
    return e;
}

CardStateVerifier::CardStateVerifier(std::vector<Ed25519PublicKey> trustedSigners)
    : m_trusted(std::move(trustedSigners))
{
}

CardVerdict CardStateVerifier::check(ByteView tokenBytes, const CardUid &uid, const MemberRecord &record,
                                     std::optional<uint32_t> lastSeenCounter) const
{
    CardVerdict verdict;
    CardAlert alert;
    alert.uid = uid;
    alert.cardId = record.cardId;
    alert.memberId = record.memberId;
    alert.lastSeenCounter = lastSeenCounter;
    const auto refuse = [&](CardAlertReason reason, std::string detail) {
        alert.reason = reason;
        alert.detail = std::move(detail);
        verdict.alert = alert;
        return verdict;
    };
    auto token = CardStateToken::decode(tokenBytes);
    if (!token)
        return refuse(CardAlertReason::Malformed, token.error().message);
    alert.tokenCounter = token->counter;
    if (!token->verifySignature())
        return refuse(CardAlertReason::BadSignature, "card state signature does not verify");
    const bool trusted = std::any_of(m_trusted.begin(), m_trusted.end(), [&](const Ed25519PublicKey &k) {
        return constantTimeEqual(k, token->signer);
    });
    if (!trusted)
        return refuse(CardAlertReason::UntrustedSigner, "card state signed by an unknown kiosk key");
    if (token->uid != uid)
        return refuse(CardAlertReason::Clone, "card state belongs to card UID " + toHex(token->uid));
    if (token->cardId != record.cardId || token->memberId != record.memberId)
        return refuse(CardAlertReason::Clone, "card state belongs to card " + token->cardId.toString());
    if (lastSeenCounter && token->counter < *lastSeenCounter)
        return refuse(CardAlertReason::Rollback, "card counter " + std::to_string(token->counter) +
                                                     " is below the last seen " + std::to_string(*lastSeenCounter));
    verdict.token = std::move(*token);
    return verdict;
}

} // namespace tapledger::nfc
