// libFuzzer target: the canonical ledger entry decoder (docs/ledger-format.md). Whatever it
// accepts must re-encode to exactly the same bytes (one encoding per entry).
#include "core/ledger/canonicalcodec.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapledger;
    auto entry = CanonicalCodec::decode(ByteView(data, size));
    if (!entry)
        return 0;
    auto again = CanonicalCodec::encode(*entry);
    if (!again || again->size() != size || !std::equal(again->begin(), again->end(), data))
        std::abort(); // decode accepted bytes encode() would not produce
    return 0;
}
