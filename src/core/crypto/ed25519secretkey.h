#pragma once

#include "core/crypto/ed25519.h"
#include "core/result.h"

#include <memory>
#include <string>
#include <string_view>

namespace tapledger {

/// An Ed25519 signing key (RFC 8032). Move-only; the key material lives inside OpenSSL and is
/// freed (and cleared by OpenSSL) with the object. Never printed, never logged.
class Ed25519SecretKey
{
public:
    /// A fresh key from OpenSSL's CSPRNG.
    static Ed25519SecretKey generate();
    /// The key for a 32-byte RFC 8032 seed (test vectors, deterministic fixtures).
    static Ed25519SecretKey fromSeed(const Ed25519Seed &seed);
    /// Reads a PKCS#8 "PRIVATE KEY" PEM block as written by toPem() or `openssl genpkey -algorithm ed25519`;
    /// Crypto error for anything else (other algorithms, encrypted PEM, garbage).
    static Result<Ed25519SecretKey> fromPem(std::string_view pem);

    Ed25519SecretKey(Ed25519SecretKey &&) noexcept;
    Ed25519SecretKey &operator=(Ed25519SecretKey &&) noexcept;
    ~Ed25519SecretKey();

    /// PKCS#8 "PRIVATE KEY" PEM (unencrypted: protect the file with mode 0600 or a KeyStore).
    std::string toPem() const;
    /// The matching public key.
    const Ed25519PublicKey &publicKey() const noexcept;
    /// Signs @p message (pure Ed25519, deterministic).
    Ed25519Signature sign(ByteView message) const;

private:
    struct Impl;
    explicit Ed25519SecretKey(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace tapledger
