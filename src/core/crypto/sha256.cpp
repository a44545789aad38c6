#include "core/crypto/sha256.h"

#include "core/crypto/opensslpp_p.h"

#include <cassert>

namespace tapledger {

struct Sha256::Impl
{
    openssl::MdCtxPtr ctx{EVP_MD_CTX_new()};
    bool finished = false;
};

Sha256::Sha256() : d(std::make_unique<Impl>())
{
    if (!d->ctx || EVP_DigestInit_ex(d->ctx.get(), EVP_sha256(), nullptr) != 1)
        openssl::fatal();
}

Sha256::~Sha256() = default;

Sha256 &Sha256::update(ByteView data)
{
    assert(!d->finished);
    if (!data.empty() && EVP_DigestUpdate(d->ctx.get(), data.data(), data.size()) != 1)
        openssl::fatal();
    return *this;
}

Sha256 &Sha256::update(uint8_t byte)
{
    return update(ByteView(&byte, 1));
}

Sha256Digest Sha256::finish()
{
    assert(!d->finished);
    d->finished = true;
    Sha256Digest out{};
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(d->ctx.get(), out.data(), &len) != 1 || len != out.size())
        openssl::fatal();
    return out;
}

Sha256Digest sha256(ByteView data)
{
    Sha256Digest out{};
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr) != 1 || len != out.size())
        openssl::fatal();
    return out;
}

} // namespace tapledger
