#include "core/ledger/signedtreehead.h"

#include "core/bytes.h"
#include "core/crypto/ed25519secretkey.h"
#include "core/kioskid.h"
#include "core/ledger/merkle.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

namespace tapledger {

std::vector<uint8_t> SignedTreeHead::signedBytes() const
{
    std::vector<uint8_t> out = {'T', 'L', 'S', 'T', 'H', kFormatVersion};
    out.push_back(static_cast<uint8_t>(kioskId.size()));
    out.insert(out.end(), kioskId.begin(), kioskId.end());
    for (int i = 7; i >= 0; --i)
        out.push_back(static_cast<uint8_t>(treeSize >> (8 * i)));
    out.insert(out.end(), rootHash.begin(), rootHash.end());
    for (int i = 7; i >= 0; --i)
        out.push_back(static_cast<uint8_t>(static_cast<uint64_t>(timeMs) >> (8 * i)));
    return out;
}

void SignedTreeHead::sign(const Ed25519SecretKey &key)
{
    signature = key.sign(signedBytes());
}

bool SignedTreeHead::verify(const Ed25519PublicKey &publicKey) const
{
    return ed25519Verify(publicKey, signedBytes(), signature);
}

std::string SignedTreeHead::toJson() const
{
    nlohmann::json j = {
        {"format_version", kFormatVersion},
        {"kiosk_id", kioskId},
        {"tree_size", treeSize},
        {"root_hash", toHex(rootHash)},
        {"time_ms", timeMs},
        {"signature", toHex(signature)},
    };
    return j.dump();
}

Result<SignedTreeHead> SignedTreeHead::fromJson(std::string_view json)
{
    const auto bad = [](const std::string &why) {
        return fail(ErrorCode::InvalidArgument, "malformed signed tree head: " + why);
    };
    auto j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return bad("not a JSON object");
    static constexpr std::array<std::string_view, 6> kKeys = {"format_version", "kiosk_id", "tree_size",
                                                              "root_hash",      "time_ms",  "signature"};
    for (const auto &item : j.items()) {
        if (std::find(kKeys.begin(), kKeys.end(), item.key()) == kKeys.end())
            return bad("unknown field '" + item.key() + "'");
    }
    // Exact JSON types: get<int>() would read 1.5 or 4294967297 as version 1, get<uint64_t>() a
    // negative size as a huge one, get<int64_t>() a size past INT64_MAX as a negative one.
    const auto inInt64 = [&j](const char *key, bool nonNegative) {
        const auto it = j.find(key);
        if (it == j.end() || !it->is_number_integer())
            return false;
        if (it->is_number_unsigned())
            return it->get<uint64_t>() <= static_cast<uint64_t>(INT64_MAX);
        return !nonNegative;
    };
    const auto lowerHex = [&j](const char *key, size_t size) -> Result<Bytes> {
        const auto it = j.find(key);
        if (it == j.end() || !it->is_string())
            return fail(ErrorCode::InvalidArgument, std::string(key) + " must be a string");
        const auto &text = it->get_ref<const std::string &>();
        if (!hasNoUpperHex(text))
            return fail(ErrorCode::InvalidArgument, std::string(key) + " must be lower-case hex");
        return fromHexExact(text, size, key);
    };
    if (!inInt64("format_version", true))
        return bad("format_version must be an integer");
    if (j["format_version"].get<uint64_t>() != kFormatVersion)
        return fail(ErrorCode::InvalidArgument, "unsupported tree head version");
    SignedTreeHead h;
    const auto kiosk = j.find("kiosk_id");
    if (kiosk == j.end() || !kiosk->is_string() || !isValidKioskId(kiosk->get_ref<const std::string &>()))
        return bad("kiosk_id must be " + std::string(kKioskIdRule));
    h.kioskId = kiosk->get<std::string>();
    if (!inInt64("tree_size", true))
        return bad("tree_size must be an integer 0 … 2^63 − 1");
    h.treeSize = j["tree_size"].get<uint64_t>();
    if (!inInt64("time_ms", false))
        return bad("time_ms must be an int64 integer");
    h.timeMs = j["time_ms"].get<int64_t>();
    auto root = lowerHex("root_hash", 32);
    if (!root)
        return bad(root.error().message);
    auto sig = lowerHex("signature", 64);
    if (!sig)
        return bad(sig.error().message);
    std::copy(root->begin(), root->end(), h.rootHash.begin());
    std::copy(sig->begin(), sig->end(), h.signature.begin());
    return h;
}

Result<void> checkTreeHeadConsistency(const SignedTreeHead &older, const SignedTreeHead &newer,
                                      std::span<const Sha256Digest> proof)
{
    if (older.kioskId != newer.kioskId)
        return fail(ErrorCode::Conflict, "tree heads belong to different kiosks");
    if (newer.treeSize < older.treeSize)
        return fail(ErrorCode::Conflict, "ledger rolled back: tree size went from " + std::to_string(older.treeSize) +
                                             " to " + std::to_string(newer.treeSize));
    if (!merkle::verifyConsistency(older.treeSize, newer.treeSize, older.rootHash, newer.rootHash, proof))
        return fail(ErrorCode::Conflict, "ledger rewritten: tree head of size " + std::to_string(newer.treeSize) +
                                             " does not extend the one of size " + std::to_string(older.treeSize));
    return {};
}

} // namespace tapledger
