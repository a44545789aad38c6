#pragma once

#include <cstdint>
#include <span>

namespace tapledger {

/// Fills @p out from OpenSSL's CSPRNG (RAND_bytes). Aborts the process if the RNG cannot be
/// seeded: continuing without randomness would silently weaken keys and challenges.
void randomBytes(std::span<uint8_t> out);

} // namespace tapledger
