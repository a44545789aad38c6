// libFuzzer target: the signed card-state token (file 0x02, docs/card-format.md) and its
// signature check. Whatever decodes must encode back to the same bytes.
#include "nfc/cardstatetoken.h"

#include <algorithm>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapledger;
    auto token = nfc::CardStateToken::decode(ByteView(data, size));
    if (!token)
        return 0;
    (void)token->verifySignature();
    auto again = token->encode();
    if (!again || size != again->size() || !std::equal(again->begin(), again->end(), data))
        std::abort();
    return 0;
}
