#include "core/ledger/signedtreehead.h"

#include "core/bytes.h"
#include "core/crypto/ed25519secretkey.h"
#include "core/ledger/merkle.h"

#include <nlohmann/json.hpp>

#include <algorithm>

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
    const auto bad = fail(ErrorCode::InvalidArgument, "malformed signed tree head");
    auto j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return bad;
    try {
        if (j.at("format_version").get<int>() != kFormatVersion)
            return fail(ErrorCode::InvalidArgument, "unsupported tree head version");
        SignedTreeHead h;
        h.kioskId = j.at("kiosk_id").get<std::string>();
        h.treeSize = j.at("tree_size").get<uint64_t>();
        h.timeMs = j.at("time_ms").get<int64_t>();
        auto root = fromHexExact(j.at("root_hash").get<std::string>(), 32, "root_hash");
        auto sig = fromHexExact(j.at("signature").get<std::string>(), 64, "signature");
        if (!root || !sig || h.kioskId.empty() || h.kioskId.size() > 64)
            return bad;
        std::copy(root->begin(), root->end(), h.rootHash.begin());
        std::copy(sig->begin(), sig->end(), h.signature.begin());
        return h;
    } catch (const nlohmann::json::exception &) {
        return bad;
    }
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
