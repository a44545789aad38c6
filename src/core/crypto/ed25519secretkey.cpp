#include "core/crypto/ed25519secretkey.h"

#include "core/crypto/opensslpp_p.h"

#include <openssl/pem.h>

#include <mutex>

namespace tapledger {

struct Ed25519SecretKey::Impl
{
    openssl::PkeyPtr pkey;
    Ed25519PublicKey publicKey{};
    // One signing context, initialised once: EVP_DigestSignInit fetches the algorithm from the
    // provider on every call (~30% of a signature). Guarded, as sign() is const.
    std::mutex signMutex;
    openssl::MdCtxPtr signCtx;

    bool initSigning()
    {
        signCtx.reset(EVP_MD_CTX_new());
        return signCtx && EVP_DigestSignInit(signCtx.get(), nullptr, nullptr, nullptr, pkey.get()) == 1;
    }
};

Ed25519SecretKey::Ed25519SecretKey(std::unique_ptr<Impl> impl) : d(std::move(impl))
{
    d->publicKey = openssl::rawEd25519PublicKey(d->pkey.get());
}

Ed25519SecretKey::Ed25519SecretKey(Ed25519SecretKey &&) noexcept = default;
Ed25519SecretKey &Ed25519SecretKey::operator=(Ed25519SecretKey &&) noexcept = default;
Ed25519SecretKey::~Ed25519SecretKey() = default;

Ed25519SecretKey Ed25519SecretKey::generate()
{
    openssl::PkeyCtxPtr ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
    EVP_PKEY *raw = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1)
        openssl::fatal();
    auto impl = std::make_unique<Impl>();
    impl->pkey.reset(raw);
    return Ed25519SecretKey(std::move(impl));
}

Ed25519SecretKey Ed25519SecretKey::fromSeed(const Ed25519Seed &seed)
{
    auto impl = std::make_unique<Impl>();
    impl->pkey.reset(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
    if (!impl->pkey)
        openssl::fatal();
    return Ed25519SecretKey(std::move(impl));
}

Result<Ed25519SecretKey> Ed25519SecretKey::fromPem(std::string_view pem)
{
    auto bio = openssl::memoryBio(pem);
    // A null passphrase callback that refuses: encrypted keys fail instead of prompting on a tty.
    auto noPassword = [](char *, int, int, void *) -> int { return -1; };
    openssl::PkeyPtr pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassword, nullptr) : nullptr);
    if (!pkey || EVP_PKEY_get_id(pkey.get()) != EVP_PKEY_ED25519)
        return fail(ErrorCode::Crypto, "not an unencrypted PEM Ed25519 private key");
    auto impl = std::make_unique<Impl>();
    impl->pkey = std::move(pkey);
    return Ed25519SecretKey(std::move(impl));
}

std::string Ed25519SecretKey::toPem() const
{
    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), d->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        openssl::fatal();
    return openssl::bioToString(bio.get());
}

const Ed25519PublicKey &Ed25519SecretKey::publicKey() const noexcept
{
    return d->publicKey;
}

Ed25519Signature Ed25519SecretKey::sign(ByteView message) const
{
    Ed25519Signature sig{};
    std::lock_guard lock(d->signMutex);
    const auto signOnce = [&] {
        size_t len = sig.size();
        return EVP_DigestSign(d->signCtx.get(), sig.data(), &len, message.data(), message.size()) == 1 &&
               len == sig.size();
    };
    // A context that refuses to be reused is set up again once before giving up.
    if ((d->signCtx || d->initSigning()) && signOnce())
        return sig;
    if (!d->initSigning() || !signOnce())
        openssl::fatal();
    return sig;
}

} // namespace tapledger
