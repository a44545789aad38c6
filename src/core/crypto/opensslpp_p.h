#pragma once
// Private to src/core: the only place OpenSSL object lifetimes are spelt out.
// Every OpenSSL object in the project is held by one of these unique_ptr aliases.

#include <openssl/bio.h>
#include <openssl/evp.h>

#include <array>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

namespace tapledger::openssl {

template<auto Fn>
struct Deleter
{
    template<typename T>
    void operator()(T *p) const noexcept
    {
        Fn(p);
    }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<&EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<&EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<&EVP_MD_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<&EVP_CIPHER_CTX_free>>;
using MacPtr = std::unique_ptr<EVP_MAC, Deleter<&EVP_MAC_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Deleter<&EVP_MAC_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<&BIO_free_all>>;

/// Ends the process: OpenSSL failed on an operation that cannot fail on valid in-memory input
/// except by running out of memory. Continuing would risk unsigned or unhashed ledger data.
[[noreturn]] inline void fatal()
{
    std::abort();
}

/// A read-only memory BIO over @p data (null when @p data is too large for OpenSSL).
inline BioPtr memoryBio(std::string_view data)
{
    if (data.size() > static_cast<size_t>(INT_MAX))
        return BioPtr(nullptr);
    return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

/// The contents of a memory BIO.
inline std::string bioToString(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<size_t>(len));
}

/// The raw 32-byte public key of an Ed25519 EVP_PKEY.
inline std::array<uint8_t, 32> rawEd25519PublicKey(const EVP_PKEY *pkey)
{
    std::array<uint8_t, 32> pub{};
    size_t len = pub.size();
    if (EVP_PKEY_get_raw_public_key(pkey, pub.data(), &len) != 1 || len != pub.size())
        fatal();
    return pub;
}

} // namespace tapledger::openssl
