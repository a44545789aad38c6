#pragma once
// JSON from untrusted bytes with a nesting limit (ledger extras, sync messages).

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace tapledger {

/// Parses @p text (RFC 8259) as nlohmann does, but refuses a value nested deeper than
/// @p maxDepth levels (each object or array is one level; a top-level object is depth 1).
/// nlohmann parses iteratively, while dump(), == and recursive walks recurse: a value of
/// 100,000 nested '[' fits in a 200 KB message and would overflow the stack of whoever re-encodes
/// it. nullopt when too deep; a discarded value (is_discarded()) for text that is not JSON.
std::optional<nlohmann::json> parseBoundedJson(std::string_view text, size_t maxDepth);

} // namespace tapledger
