#include "core/crypto/random.h"

#include <openssl/rand.h>

#include <climits>
#include <cstdio>
#include <cstdlib>

namespace tapledger {

void randomBytes(std::span<uint8_t> out)
{
    if (out.empty())
        return;
    if (out.size() > static_cast<size_t>(INT_MAX) || RAND_bytes(out.data(), static_cast<int>(out.size())) != 1) {
        std::fputs("tapledger: fatal: the system random number generator failed\n", stderr);
        std::abort();
    }
}

} // namespace tapledger
