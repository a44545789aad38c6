// libFuzzer target: a `GET /v1/feed` page (docs/sync-protocol.md): strict parse, then the
// signature, order and bounds check under a fixed HQ key. Whatever decodes must re-encode to the
// same JSON value (item bodies in canonical form).
#include "sync/protocol/feedpage.h"
#include "syncroundtrip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapledger;
    const auto text = fuzz::asText(data, size);
    auto page = sync::FeedPage::fromJson(text);
    if (!page)
        return 0;
    Ed25519PublicKey hqKey{};
    hqKey[0] = 1;
    (void)page->verify(hqKey);
    fuzz::requireSameJson(text, page->toJson(), "feed page");
    return 0;
}
