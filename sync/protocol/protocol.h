#pragma once
// Constants of the sync protocol (docs/sync-protocol.md, version 1).

#include <cstddef>
#include <cstdint>

namespace tapledger::sync {

/// The protocol number every message carries; a peer refuses any other.
inline constexpr int64_t kProtocolVersion = 1;
/// Most entries in one upload batch.
inline constexpr size_t kMaxBatchEntries = 1000;
/// Entries a kiosk puts in one batch.
inline constexpr size_t kUploadBatchEntries = 500;
/// Largest request or response body, bytes.
inline constexpr size_t kMaxBodyBytes = 4 * 1024 * 1024;
/// Most items in one feed page, and the default page size.
inline constexpr size_t kMaxFeedItems = 1000;
inline constexpr size_t kDefaultFeedItems = 500;
/// Deepest nesting of arrays and objects in a message (a feed item's policy body included).
inline constexpr size_t kMaxJsonDepth = 64;
/// The kiosk id of HQ's own chain; no kiosk may enrol under it.
inline constexpr const char *kHqChainId = "hq";

} // namespace tapledger::sync
