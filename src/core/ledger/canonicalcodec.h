#pragma once

#include "core/bytes.h"
#include "core/ledger/ledgerentry.h"
#include "core/result.h"

#include <cstddef>

namespace tapledger {

/// The canonical, deterministic byte encoding of ledger entries (docs/ledger-format.md).
/// decode(encode(e)) == e, and decode accepts only bytes that encode() would produce, so an
/// entry has exactly one encoding: the one that is hashed and signed.
class CanonicalCodec
{
public:
    /// Deepest nesting of an entry's extra (docs/ledger-format.md): the top-level object is level 1.
    /// The engine's extras nest a few levels; the limit keeps hostile bytes from overflowing the
    /// stack of the recursive walks and dump() over an extra of up to 64 KiB.
    static constexpr size_t kMaxExtraDepth = 64;

    /// Checks every field rule (kiosk id charset, currency iff value delta, refs, canonical extra);
    /// InvalidArgument naming the first violated rule.
    static Result<void> validate(const LedgerEntry &entry);
    /// Canonical bytes of a valid entry; InvalidArgument when validate() fails.
    static Result<Bytes> encode(const LedgerEntry &entry);
    /// Parses canonical bytes; Corrupt for anything that is not exactly one canonical entry.
    static Result<LedgerEntry> decode(ByteView bytes);
    /// Canonical form of a JSON object text (sorted keys, no spaces, integers/strings/bools/null/arrays/objects
    /// only, nested at most kMaxExtraDepth levels); "" stays "". InvalidArgument for non-objects,
    /// floats, nesting deeper than kMaxExtraDepth, or invalid JSON.
    static Result<std::string> canonicalJson(std::string_view json);
};

} // namespace tapledger
