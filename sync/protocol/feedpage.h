#pragma once

#include "core/crypto/ed25519.h"
#include "core/engine/hqfeeditem.h"
#include "core/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger {
class Ed25519SecretKey;
}

namespace tapledger::sync {

/// The bytes HQ signs for one feed item: "TLFEED" 01 | seq u64 BE | type (u8 length + bytes) |
/// body (canonical JSON). docs/sync-protocol.md, "GET /v1/feed".
std::vector<uint8_t> feedItemSignedBytes(const HqFeedItem &item);
/// Signs @p item with HQ's key (sets item.signature).
void signFeedItem(HqFeedItem &item, const Ed25519SecretKey &hqKey);
/// True when the item's signature verifies under @p hqKey (RFC 8032 section 5.1.7).
[[nodiscard]] bool verifyFeedItem(const HqFeedItem &item, const Ed25519PublicKey &hqKey);

/// `GET /v1/feed` answer: items after the cursor `after`, the cursor `next` to ask with next,
/// whether the feed ends there, and HQ's signature over the page.
struct FeedPage
{
    uint64_t after = 0;
    uint64_t next = 0;
    bool end = true;
    std::vector<HqFeedItem> items; ///< ascending seq, all > after and <= next
    Ed25519Signature signature{};

    /// "TLPAGE" 01 | after u64 | next u64 | end u8 | count u32 | each item signature.
    std::vector<uint8_t> signedBytes() const;
    void sign(const Ed25519SecretKey &hqKey);
    /// Checks the page signature, every item signature, the item order and bounds under @p hqKey;
    /// Crypto or InvalidArgument with the first defect.
    [[nodiscard]] Result<void> verify(const Ed25519PublicKey &hqKey) const;

    std::string toJson() const;
    /// Strict parse (bodies must be JSON objects without floats); does not verify signatures.
    static Result<FeedPage> fromJson(std::string_view text);
};

} // namespace tapledger::sync
