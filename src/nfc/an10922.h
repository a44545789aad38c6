#pragma once

#include "core/bytes.h"
#include "core/crypto/aes128.h"
#include "core/result.h"

#include <cstdint>

namespace tapledger::nfc {

/// AES-128 key diversification per NXP AN10922 ("Symmetric key diversifications") section 2.2.
/// libfreefare 0.4.0 has no deriver; this one runs over the core AES-CBC primitive.
class An10922
{
public:
    /// Maximum diversification input length M in bytes (AN10922 section 2.2: 1..31).
    static constexpr size_t kMaxInput = 31;

    /// The diversified key: CMAC_K(0x01 || M || padding) with the input padded to 32 bytes
    /// (0x80 00..) and the K2 subkey when padding was needed, K1 otherwise (AN10922 2.2.1).
    /// Note this differs from a plain RFC 4493 CMAC for inputs shorter than 31 bytes.
    /// @p input is M, 1..31 bytes; InvalidArgument otherwise (the result is then all zero).
    static Result<Aes128Key> diversify(const Aes128Key &master, ByteView input);

    /// Builds M = UID || AID (3 bytes, as they appear on the wire, LSB first) || system identifier,
    /// the layout of the AN10922 section 2.2.1 example. @p uid is 4, 7 or 10 bytes (ISO 14443-3);
    /// InvalidArgument for other sizes or when M would exceed 31 bytes.
    static Result<Bytes> input(ByteView uid, ByteView aid, ByteView systemId);
};

} // namespace tapledger::nfc
