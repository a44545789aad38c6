// libFuzzer target: HQ's `GET /v1/hello` answer, the handshake a kiosk reads first
// (docs/sync-protocol.md). Whatever decodes must re-encode to the same JSON value.
#include "sync/protocol/hello.h"
#include "syncroundtrip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapledger;
    const auto text = fuzz::asText(data, size);
    if (auto hello = sync::Hello::fromJson(text))
        fuzz::requireSameJson(text, hello->toJson(), "hello");
    return 0;
}
