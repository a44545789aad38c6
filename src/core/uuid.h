#pragma once

#include "core/result.h"

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace tapledger {

/// A 128-bit identifier (RFC 4122). Members, cards, staff and idempotency keys use random
/// version-4 UUIDs from OpenSSL's CSPRNG. The nil UUID (all zero) means "none".
class Uuid
{
public:
    using Bytes16 = std::array<uint8_t, 16>;

    /// The nil UUID.
    constexpr Uuid() noexcept = default;
    explicit constexpr Uuid(const Bytes16 &bytes) noexcept : m_bytes(bytes) {}

    /// A random version-4 UUID (RFC 4122 section 4.4).
    static Uuid generate();
    /// Parses the canonical 36-character form (8-4-4-4-12 hex, either case); InvalidArgument otherwise.
    static Result<Uuid> parse(std::string_view text);

    /// Canonical lower-case 8-4-4-4-12 text.
    std::string toString() const;
    const Bytes16 &bytes() const noexcept { return m_bytes; }
    /// True for the nil UUID ("none").
    bool isNil() const noexcept;

    friend bool operator==(const Uuid &, const Uuid &) = default;
    friend auto operator<=>(const Uuid &, const Uuid &) = default;

private:
    Bytes16 m_bytes{};
};

} // namespace tapledger
