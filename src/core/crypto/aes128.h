#pragma once

#include "core/bytes.h"

#include <array>
#include <cstdint>
#include <span>

namespace tapledger {

/// An AES-128 key (FIPS 197), 16 bytes. DESFire application keys are of this type.
using Aes128Key = std::array<uint8_t, 16>;
/// One AES block, 16 bytes: an IV, a CMAC tag, a challenge.
using AesBlock = std::array<uint8_t, 16>;

/// AES-128 CMAC (NIST SP 800-38B, RFC 4493) of @p data under @p key.
AesBlock aes128Cmac(const Aes128Key &key, ByteView data);

/// AES-128-CBC encryption without padding, as DESFire secure messaging uses it.
/// @p iv is the chaining value in and the last ciphertext block out (so successive calls chain).
/// Misuse (input not a multiple of 16 bytes, @p out of a different size) is a bug and asserts.
void aes128CbcEncrypt(const Aes128Key &key, AesBlock &iv, ByteView in, std::span<uint8_t> out);

/// AES-128-CBC decryption without padding; @p iv in/out as for aes128CbcEncrypt
/// (out: the last ciphertext block of @p in).
void aes128CbcDecrypt(const Aes128Key &key, AesBlock &iv, ByteView in, std::span<uint8_t> out);

} // namespace tapledger
