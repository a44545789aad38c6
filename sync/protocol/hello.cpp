#include "sync/protocol/hello.h"

#include "core/kioskid.h"
#include "sync/protocol/jsonfields_p.h"
#include "sync/protocol/protocol.h"

namespace tapledger::sync {

std::string Hello::toJson() const
{
    return nlohmann::json{{"protocol", kProtocolVersion}, {"kiosk_id", kioskId}, {"kiosk_status", kioskStatus},
                          {"acked_seq", ackedSeq},        {"acked_root", toHex(ackedRoot)},
                          {"hq_key", toHex(hqKey)},       {"feed_head", feedHead},
                          {"time_ms", timeMs}}
        .dump();
}

Result<Hello> Hello::fromJson(std::string_view text)
{
    constexpr std::string_view what = "hello";
    auto j = json::parseObject(text, what);
    if (!j)
        return std::move(j).error();
    TL_TRY(json::checkProtocol(*j, what));
    TL_TRY(json::onlyKeys(*j, {"protocol", "kiosk_id", "kiosk_status", "acked_seq", "acked_root", "hq_key", "feed_head", "time_ms"},
                          what));
    Hello h;
    TL_ASSIGN(h.kioskId, json::string(*j, "kiosk_id", what));
    if (!isValidKioskId(h.kioskId))
        return fail(ErrorCode::InvalidArgument, "hello: kiosk_id must be " + std::string(kKioskIdRule));
    TL_ASSIGN(h.kioskStatus, json::string(*j, "kiosk_status", what));
    if (h.kioskStatus != "active" && h.kioskStatus != "quarantined")
        return fail(ErrorCode::InvalidArgument, "hello: kiosk_status must be \"active\" or \"quarantined\"");
    TL_ASSIGN(h.ackedSeq, json::unsignedInteger(*j, "acked_seq", what));
    TL_ASSIGN(h.ackedRoot, json::hexArray<32>(*j, "acked_root", what));
    TL_ASSIGN(h.hqKey, json::hexArray<32>(*j, "hq_key", what));
    TL_ASSIGN(h.feedHead, json::unsignedInteger(*j, "feed_head", what));
    TL_ASSIGN(h.timeMs, json::integer(*j, "time_ms", what));
    return h;
}

} // namespace tapledger::sync
