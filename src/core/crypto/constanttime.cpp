#include "core/crypto/constanttime.h"

#include <openssl/crypto.h>

namespace tapledger {

bool constantTimeEqual(ByteView a, ByteView b) noexcept
{
    if (a.size() != b.size())
        return false;
    if (a.empty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void secureZero(std::span<uint8_t> data) noexcept
{
    if (!data.empty())
        OPENSSL_cleanse(data.data(), data.size());
}

} // namespace tapledger
