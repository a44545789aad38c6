#include "sync/protocol/uploadbatch.h"

#include "core/kioskid.h"
#include "sync/protocol/jsonfields_p.h"
#include "sync/protocol/protocol.h"

namespace tapledger::sync {

std::string UploadBatch::toJson() const
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto &e : entries)
        list.push_back({{"body", toHex(e.body)}, {"signature", toHex(e.signature)}});
    nlohmann::json j{{"protocol", kProtocolVersion}, {"kiosk_id", kioskId}, {"from_seq", fromSeq}, {"entries", std::move(list)}};
    if (head)
        j["head"] = nlohmann::json::parse(head->toJson());
    return j.dump();
}

Result<UploadBatch> UploadBatch::fromJson(std::string_view text)
{
    constexpr std::string_view what = "upload batch";
    auto j = json::parseObject(text, what);
    if (!j)
        return std::move(j).error();
    TL_TRY(json::checkProtocol(*j, what));
    TL_TRY(json::onlyKeys(*j, {"protocol", "kiosk_id", "from_seq", "entries", "head"}, what));
    UploadBatch b;
    TL_ASSIGN(b.kioskId, json::string(*j, "kiosk_id", what));
    if (!isValidKioskId(b.kioskId))
        return fail(ErrorCode::InvalidArgument, "upload batch: kiosk_id must be " + std::string(kKioskIdRule));
    TL_ASSIGN(b.fromSeq, json::unsignedInteger(*j, "from_seq", what));
    if (b.fromSeq == 0)
        return fail(ErrorCode::InvalidArgument, "upload batch: from_seq must be at least 1");
    auto list = j->find("entries");
    if (list == j->end() || !list->is_array())
        return fail(ErrorCode::InvalidArgument, "upload batch: entries must be an array");
    if (list->size() > kMaxBatchEntries)
        return fail(ErrorCode::InvalidArgument, "upload batch: " + std::to_string(list->size()) +
                                                    " entries, at most " + std::to_string(kMaxBatchEntries));
    // The last seq must still be an int64 (HQ stores seqs as SQL integers).
    if (!list->empty() && b.fromSeq - 1 > static_cast<uint64_t>(INT64_MAX) - list->size())
        return fail(ErrorCode::InvalidArgument, "upload batch: from_seq + entries runs past the int64 range");
    for (const auto &item : *list) {
        const std::string at = "upload batch: entry " + std::to_string(b.fromSeq + b.entries.size());
        if (!item.is_object())
            return fail(ErrorCode::InvalidArgument, at + " is not an object");
        TL_TRY(json::onlyKeys(item, {"body", "signature"}, at));
        UploadedEntry e;
        TL_ASSIGN(e.body, json::lowerHex(item, "body", at));
        TL_ASSIGN(e.signature, json::hexArray<64>(item, "signature", at));
        b.entries.push_back(std::move(e));
    }
    if (auto h = j->find("head"); h != j->end()) {
        if (!h->is_object())
            return fail(ErrorCode::InvalidArgument, "upload batch: head must be an object");
        auto head = SignedTreeHead::fromJson(h->dump()); // depth bounded by parseObject
        if (!head)
            return fail(ErrorCode::InvalidArgument, "upload batch: head: " + head.error().message);
        b.head = std::move(*head);
    }
    return b;
}

std::string UploadAck::toJson() const
{
    return nlohmann::json{{"protocol", kProtocolVersion}, {"acked_seq", ackedSeq}, {"merged", merged}, {"alerts", alerts}}
        .dump();
}

Result<UploadAck> UploadAck::fromJson(std::string_view text)
{
    constexpr std::string_view what = "upload ack";
    auto j = json::parseObject(text, what);
    if (!j)
        return std::move(j).error();
    TL_TRY(json::checkProtocol(*j, what));
    TL_TRY(json::onlyKeys(*j, {"protocol", "acked_seq", "merged", "alerts"}, what));
    UploadAck a;
    TL_ASSIGN(a.ackedSeq, json::unsignedInteger(*j, "acked_seq", what));
    TL_ASSIGN(a.merged, json::unsignedInteger(*j, "merged", what));
    TL_ASSIGN(a.alerts, json::unsignedInteger(*j, "alerts", what));
    return a;
}

std::string ErrorBody::toJson() const
{
    nlohmann::json j{{"protocol", kProtocolVersion}, {"error", error}};
    if (expectedSeq)
        j["expected_seq"] = expectedSeq;
    if (quarantined)
        j["quarantined"] = true;
    return j.dump();
}

Result<ErrorBody> ErrorBody::fromJson(std::string_view text)
{
    constexpr std::string_view what = "error body";
    auto j = json::parseObject(text, what);
    if (!j)
        return std::move(j).error();
    TL_TRY(json::checkProtocol(*j, what));
    TL_TRY(json::onlyKeys(*j, {"protocol", "error", "expected_seq", "quarantined"}, what));
    ErrorBody e;
    TL_ASSIGN(e.error, json::string(*j, "error", what));
    // Both are optional and written only when set, so each value has one spelling.
    if (j->contains("expected_seq")) {
        TL_ASSIGN(e.expectedSeq, json::unsignedInteger(*j, "expected_seq", what));
        if (e.expectedSeq == 0)
            return fail(ErrorCode::InvalidArgument, "error body: expected_seq is at least 1 when present");
    }
    if (j->contains("quarantined")) {
        TL_ASSIGN(e.quarantined, json::boolean(*j, "quarantined", what));
        if (!e.quarantined)
            return fail(ErrorCode::InvalidArgument, "error body: quarantined is sent only as true");
    }
    return e;
}

} // namespace tapledger::sync
