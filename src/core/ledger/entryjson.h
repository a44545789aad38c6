#pragma once

#include "core/ledger/ledgerentry.h"

#include <cstdint>
#include <string>

namespace tapledger {

/// One JSON object (one line, no trailing newline) describing a stored entry: every field of the
/// entry, plus hash, prev_hash and signature in hex, time as ISO 8601 UTC, amounts in minor units.
std::string entryToJson(const StoredEntry &entry);

/// ISO 8601 UTC text for a UTC millisecond timestamp: "2026-11-23T17:05:00.123Z".
std::string formatUtcMillis(int64_t timeMs);

} // namespace tapledger
