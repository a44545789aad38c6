#pragma once

#include "core/result.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger {

/// An owned byte string.
using Bytes = std::vector<uint8_t>;
/// A borrowed, read-only byte string.
using ByteView = std::span<const uint8_t>;

/// Lower-case hex of @p data ("" for empty input).
std::string toHex(ByteView data);

/// Decodes hex (either case, no separators, even length); InvalidArgument otherwise.
Result<Bytes> fromHex(std::string_view hex);

/// Decodes hex that must be exactly @p size bytes long; InvalidArgument otherwise.
Result<Bytes> fromHexExact(std::string_view hex, size_t size, std::string_view what);

/// True when @p hex has no upper-case digit A-F: the one spelling signed formats accept
/// (docs/sync-protocol.md), so that one value has one encoding.
bool hasNoUpperHex(std::string_view hex) noexcept;

/// Views a string's characters as bytes (no copy).
inline ByteView asBytes(std::string_view s) noexcept
{
    return {reinterpret_cast<const uint8_t *>(s.data()), s.size()};
}

} // namespace tapledger
