#include "sync/protocol/feedpage.h"

#include "core/crypto/ed25519secretkey.h"
#include "core/ledger/canonicalcodec.h"
#include "sync/protocol/jsonfields_p.h"
#include "sync/protocol/protocol.h"

#include <cassert>

namespace tapledger::sync {

namespace {
void putU64(std::vector<uint8_t> &out, uint64_t v)
{
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<uint8_t>(v >> shift));
}

void putMagic(std::vector<uint8_t> &out, std::string_view magic)
{
    out.insert(out.end(), magic.begin(), magic.end());
    out.push_back(0x01);
}
} // namespace

std::vector<uint8_t> feedItemSignedBytes(const HqFeedItem &item)
{
    assert(item.type.size() <= 255);
    std::vector<uint8_t> out;
    out.reserve(16 + item.type.size() + item.body.size());
    putMagic(out, "TLFEED");
    putU64(out, item.seq);
    out.push_back(static_cast<uint8_t>(item.type.size()));
    out.insert(out.end(), item.type.begin(), item.type.end());
    out.insert(out.end(), item.body.begin(), item.body.end());
    return out;
}

void signFeedItem(HqFeedItem &item, const Ed25519SecretKey &hqKey)
{
    item.signature = hqKey.sign(feedItemSignedBytes(item));
}

bool verifyFeedItem(const HqFeedItem &item, const Ed25519PublicKey &hqKey)
{
    return item.type.size() <= 255 && ed25519Verify(hqKey, feedItemSignedBytes(item), item.signature);
}

std::vector<uint8_t> FeedPage::signedBytes() const
{
    std::vector<uint8_t> out;
    putMagic(out, "TLPAGE");
    putU64(out, after);
    putU64(out, next);
    out.push_back(end ? 1 : 0);
    const auto count = static_cast<uint32_t>(items.size());
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<uint8_t>(count >> shift));
    for (const auto &item : items)
        out.insert(out.end(), item.signature.begin(), item.signature.end());
    return out;
}

void FeedPage::sign(const Ed25519SecretKey &hqKey)
{
    signature = hqKey.sign(signedBytes());
}

Result<void> FeedPage::verify(const Ed25519PublicKey &hqKey) const
{
    if (!ed25519Verify(hqKey, signedBytes(), signature))
        return fail(ErrorCode::Crypto, "feed page " + std::to_string(after) + "→" + std::to_string(next) +
                                           ": HQ's signature does not verify with the pinned HQ key");
    uint64_t last = after;
    for (const auto &item : items) {
        if (item.seq <= last || item.seq > next)
            return fail(ErrorCode::InvalidArgument, "feed page: item " + std::to_string(item.seq) + " is out of order");
        if (!verifyFeedItem(item, hqKey))
            return fail(ErrorCode::Crypto,
                        "feed item " + std::to_string(item.seq) + ": HQ's signature does not verify with the pinned HQ key");
        last = item.seq;
    }
    if (next < after)
        return fail(ErrorCode::InvalidArgument, "feed page: next cursor is before the page");
    return {};
}

std::string FeedPage::toJson() const
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto &item : items)
        list.push_back({{"seq", item.seq},
                        {"type", item.type},
                        {"body", nlohmann::json::parse(item.body)},
                        {"signature", toHex(item.signature)}});
    return nlohmann::json{{"protocol", kProtocolVersion}, {"after", after}, {"next", next}, {"end", end},
                          {"items", std::move(list)},     {"signature", toHex(signature)}}
        .dump();
}

Result<FeedPage> FeedPage::fromJson(std::string_view text)
{
    constexpr std::string_view what = "feed page";
    auto j = json::parseObject(text, what);
    if (!j)
        return std::move(j).error();
    TL_TRY(json::checkProtocol(*j, what));
    TL_TRY(json::onlyKeys(*j, {"protocol", "after", "next", "end", "items", "signature"}, what));
    FeedPage p;
    TL_ASSIGN(p.after, json::unsignedInteger(*j, "after", what));
    TL_ASSIGN(p.next, json::unsignedInteger(*j, "next", what));
    if (p.next < p.after)
        return fail(ErrorCode::InvalidArgument, "feed page: next cursor is before the page");
    TL_ASSIGN(p.end, json::boolean(*j, "end", what));
    TL_ASSIGN(p.signature, json::hexArray<64>(*j, "signature", what));
    auto list = j->find("items");
    if (list == j->end() || !list->is_array())
        return fail(ErrorCode::InvalidArgument, "feed page: items must be an array");
    if (list->size() > kMaxFeedItems)
        return fail(ErrorCode::InvalidArgument, "feed page: more than " + std::to_string(kMaxFeedItems) + " items");
    for (const auto &x : *list) {
        if (!x.is_object())
            return fail(ErrorCode::InvalidArgument, "feed page: an item is not an object");
        const std::string at = "feed item";
        TL_TRY(json::onlyKeys(x, {"seq", "type", "body", "signature"}, at));
        HqFeedItem item;
        TL_ASSIGN(item.seq, json::unsignedInteger(x, "seq", at));
        TL_ASSIGN(item.type, json::string(x, "type", at));
        if (item.type.empty() || item.type.size() > 255)
            return fail(ErrorCode::InvalidArgument, "feed item " + std::to_string(item.seq) + ": type must be 1..255 bytes");
        TL_ASSIGN(item.signature, json::hexArray<64>(x, "signature", at));
        auto body = x.find("body");
        if (body == x.end() || !body->is_object())
            return fail(ErrorCode::InvalidArgument, "feed item " + std::to_string(item.seq) + ": body must be an object");
        TL_TRY(json::onlyInt64Numbers(*body, "feed item " + std::to_string(item.seq) + ": body"));
        auto canonical = CanonicalCodec::canonicalJson(body->dump());
        if (!canonical)
            return fail(ErrorCode::InvalidArgument, "feed item " + std::to_string(item.seq) + ": " + canonical.error().message);
        item.body = std::move(*canonical);
        p.items.push_back(std::move(item));
    }
    return p;
}

} // namespace tapledger::sync
