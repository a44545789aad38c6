// libFuzzer target: the member record of a card (file 0x01, docs/card-format.md). Whatever it
// accepts must encode back to the same bytes.
#include "nfc/memberrecord.h"

#include <algorithm>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapledger;
    auto record = nfc::MemberRecord::decode(ByteView(data, size));
    if (!record)
        return 0;
    auto again = record->encode();
    if (!again || size != again->size() || !std::equal(again->begin(), again->end(), data))
        std::abort();
    return 0;
}
