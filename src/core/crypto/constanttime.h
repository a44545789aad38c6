#pragma once

#include "core/bytes.h"

#include <span>

namespace tapledger {

/// Compares two byte strings in time that depends only on their lengths, never on their contents
/// (CRYPTO_memcmp). Use for MACs, hashes of secrets and PIN hashes. Different lengths → false.
[[nodiscard]] bool constantTimeEqual(ByteView a, ByteView b) noexcept;

/// Overwrites @p data with zeros in a way the compiler cannot elide (OPENSSL_cleanse).
void secureZero(std::span<uint8_t> data) noexcept;

} // namespace tapledger
