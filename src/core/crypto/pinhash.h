#pragma once

#include "core/result.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tapledger {

/// A salted scrypt (RFC 7914) hash of a member or staff PIN. A 4–6 digit PIN has little entropy,
/// so the hash only slows an offline attacker down; the real defence is the lock-out counter
/// kept by the engine. Stored as text: "scrypt$<log2 N>$<r>$<p>$<salt hex>$<hash hex>".
class PinHash
{
public:
    /// scrypt cost. The defaults (N = 2^14, r = 8, p = 1: 16 MiB, ≈ 40 ms here) suit a kiosk;
    /// tests may pass cheaper ones.
    struct Params
    {
        uint8_t log2N = 14; ///< 10..20
        uint32_t r = 8;     ///< 1..32
        uint32_t p = 1;     ///< 1..4
    };

    /// Hashes @p pin (4–12 ASCII digits) with a fresh 16-byte random salt; InvalidArgument otherwise.
    static Result<PinHash> create(std::string_view pin, Params params);
    static Result<PinHash> create(std::string_view pin) { return create(pin, Params{}); }
    /// Parses the stored text form; Corrupt when it is malformed or its parameters are out of range.
    static Result<PinHash> parse(std::string_view encoded);

    /// True when @p pin matches (constant-time compare of the derived hashes).
    [[nodiscard]] bool verify(std::string_view pin) const;
    /// The stored text form (contains no secret beyond the salted hash).
    std::string encode() const;

private:
    PinHash() = default;
    Params m_params;
    std::array<uint8_t, 16> m_salt{};
    std::array<uint8_t, 32> m_hash{};
};

} // namespace tapledger
