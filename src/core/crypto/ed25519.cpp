#include "core/crypto/ed25519.h"

#include "core/crypto/opensslpp_p.h"

#include <openssl/pem.h>

namespace tapledger {


bool ed25519Verify(const Ed25519PublicKey &publicKey, ByteView message, const Ed25519Signature &signature)
{
    openssl::PkeyPtr pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, publicKey.data(), publicKey.size()));
    if (!pkey)
        return false;
    openssl::MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(), message.size()) == 1;
}

std::string ed25519PublicKeyToPem(const Ed25519PublicKey &publicKey)
{
    openssl::PkeyPtr pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, publicKey.data(), publicKey.size()));
    openssl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!pkey || !bio || PEM_write_bio_PUBKEY(bio.get(), pkey.get()) != 1)
        openssl::fatal();
    return openssl::bioToString(bio.get());
}

Result<Ed25519PublicKey> ed25519PublicKeyFromPem(std::string_view pem)
{
    auto bio = openssl::memoryBio(pem);
    openssl::PkeyPtr pkey(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!pkey || EVP_PKEY_get_id(pkey.get()) != EVP_PKEY_ED25519)
        return fail(ErrorCode::Crypto, "not a PEM Ed25519 public key");
    return openssl::rawEd25519PublicKey(pkey.get());
}

} // namespace tapledger
