#include "core/crypto/aes128.h"

#include "core/crypto/opensslpp_p.h"

#include <openssl/core_names.h>

#include <algorithm>
#include <cassert>
#include <climits>

namespace tapledger {

namespace {

void cbc(bool encrypt, const Aes128Key &key, AesBlock &iv, ByteView in, std::span<uint8_t> out)
{
    assert(in.size() % 16 == 0 && "AES-CBC input must be whole blocks");
    assert(out.size() == in.size() && "AES-CBC output must match the input size");
    assert(in.size() <= static_cast<size_t>(INT_MAX));
    if (in.empty())
        return;
    AesBlock nextIv;
    const auto lastBlock = in.subspan(in.size() - 16);
    std::copy(lastBlock.begin(), lastBlock.end(), nextIv.begin()); // before out may alias in

    openssl::CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    if (!ctx || EVP_CipherInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, key.data(), iv.data(), encrypt ? 1 : 0) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1 ||
        EVP_CipherUpdate(ctx.get(), out.data(), &len, in.data(), static_cast<int>(in.size())) != 1 ||
        static_cast<size_t>(len) != in.size())
        openssl::fatal();
    if (encrypt)
        std::copy(out.end() - 16, out.end(), iv.begin());
    else
        iv = nextIv;
}
} // namespace

void aes128CbcEncrypt(const Aes128Key &key, AesBlock &iv, ByteView in, std::span<uint8_t> out)
{
    cbc(true, key, iv, in, out);
}

void aes128CbcDecrypt(const Aes128Key &key, AesBlock &iv, ByteView in, std::span<uint8_t> out)
{
    cbc(false, key, iv, in, out);
}

AesBlock aes128Cmac(const Aes128Key &key, ByteView data)
{
    openssl::MacPtr mac(EVP_MAC_fetch(nullptr, "CMAC", nullptr));
    if (!mac)
        openssl::fatal();
    openssl::MacCtxPtr ctx(EVP_MAC_CTX_new(mac.get()));
    char cipherName[] = "AES-128-CBC";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, cipherName, 0),
        OSSL_PARAM_construct_end(),
    };
    AesBlock tag{};
    size_t len = 0;
    if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1 ||
        (!data.empty() && EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1) ||
        EVP_MAC_final(ctx.get(), tag.data(), &len, tag.size()) != 1 || len != tag.size())
        openssl::fatal();
    return tag;
}

} // namespace tapledger
