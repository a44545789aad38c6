#pragma once

#include "core/bytes.h"

#include <array>
#include <cstdint>
#include <memory>

namespace tapledger {

/// A SHA-256 digest (FIPS 180-4), 32 bytes.
using Sha256Digest = std::array<uint8_t, 32>;

/// SHA-256 of @p data in one call.
Sha256Digest sha256(ByteView data);

/// Incremental SHA-256 for data that arrives in pieces (Merkle node hashing, streamed files).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    /// Appends @p data to the message.
    Sha256 &update(ByteView data);
    /// Appends one byte (RFC 6962 domain-separation prefixes).
    Sha256 &update(uint8_t byte);
    /// Finishes and returns the digest; the object must not be used afterwards.
    Sha256Digest finish();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tapledger
