#pragma once

#include "core/crypto/ed25519.h"
#include "core/ledger/signedtreehead.h"
#include "core/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger::sync {

/// One entry as a kiosk uploads it: its canonical bytes (docs/ledger-format.md) and signature.
struct UploadedEntry
{
    std::vector<uint8_t> body;      ///< canonical entry bytes
    Ed25519Signature signature{};   ///< the kiosk's Ed25519 signature over body
};

/// `POST /v1/upload` (docs/sync-protocol.md): entries from_seq … in order, and the kiosk's
/// signed RFC 6962 tree head (required on a round's last batch).
struct UploadBatch
{
    std::string kioskId;
    uint64_t fromSeq = 1;               ///< seq of entries[0] (>= 1)
    std::vector<UploadedEntry> entries; ///< at most kMaxBatchEntries
    std::optional<SignedTreeHead> head;

    std::string toJson() const;
    /// Strict parse; InvalidArgument naming the first bad field (also for more than
    /// kMaxBatchEntries entries or from_seq 0).
    static Result<UploadBatch> fromJson(std::string_view text);
};

/// HQ's answer to an accepted batch.
struct UploadAck
{
    uint64_t ackedSeq = 0; ///< highest seq of the kiosk now stored
    uint64_t merged = 0;   ///< entries of this batch newly merged (0 for a re-sent batch)
    uint64_t alerts = 0;   ///< alerts the batch raised

    std::string toJson() const;
    static Result<UploadAck> fromJson(std::string_view text);
};

/// The body of every refusal: `{"protocol":1,"error":"…"}` plus, for 409, the seq HQ expects.
struct ErrorBody
{
    std::string error;           ///< one line for people
    uint64_t expectedSeq = 0;    ///< 409 out of order: resend from here; else 0
    bool quarantined = false;    ///< the kiosk is quarantined (rollback or rewritten history)

    std::string toJson() const;
    static Result<ErrorBody> fromJson(std::string_view text);
};

} // namespace tapledger::sync
