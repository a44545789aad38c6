// libFuzzer target: `POST /v1/upload` and its answers (docs/sync-protocol.md): the upload batch
// with its signed tree head, the upload ack and the error body. Whatever decodes must re-encode
// to the same JSON value.
#include "sync/protocol/uploadbatch.h"
#include "syncroundtrip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapledger;
    const auto text = fuzz::asText(data, size);
    if (auto batch = sync::UploadBatch::fromJson(text)) {
        if (batch->head)
            (void)batch->head->verify(Ed25519PublicKey{});
        fuzz::requireSameJson(text, batch->toJson(), "upload batch");
    }
    if (auto ack = sync::UploadAck::fromJson(text))
        fuzz::requireSameJson(text, ack->toJson(), "upload ack");
    if (auto error = sync::ErrorBody::fromJson(text))
        fuzz::requireSameJson(text, error->toJson(), "error body");
    return 0;
}
