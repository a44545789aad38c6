#include "nfc/emulator/desfireimage.h"

#include "core/crypto/random.h"
#include "core/fileio.h"

#include <nlohmann/json.hpp>


#include <cstdio>
#include <fstream>
#include <sstream>

namespace tapledger::nfc {

using nlohmann::json;

DesfireImage DesfireImage::blank(const std::array<uint8_t, 7> &uid)
{
    DesfireImage image;
    image.uid = uid;
    return image;
}

DesfireImage DesfireImage::blankAes(const std::array<uint8_t, 7> &uid)
{
    DesfireImage image = blank(uid);
    image.piccKey.key = DesfireKey::zero(DesfireKeyType::Aes);
    return image;
}

DesfireImage DesfireImage::blankRandom()
{
    std::array<uint8_t, 7> uid{};
    randomBytes(uid);
    uid[0] = 0x04;
    return blank(uid);
}

namespace {

const char *typeName(DesfireKeyType t)
{
    switch (t) {
    case DesfireKeyType::Des: return "des";
    case DesfireKeyType::TwoK3Des: return "2k3des";
    case DesfireKeyType::ThreeK3Des: return "3k3des";
    case DesfireKeyType::Aes: break;
    }
    return "aes";
}

json keyToJson(const DesfireKeySlot &k)
{
    // AES keys keep the original layout (no "type"), so older images and fixtures stay valid.
    json j{{"key", toHex(ByteView(k.key.bytes).first(DesfireKey::length(k.key.type)))}, {"version", k.version()}};
    if (k.key.type != DesfireKeyType::Aes)
        j["type"] = typeName(k.key.type);
    return j;
}

template<size_t N>
bool hexToArray(const json &j, std::array<uint8_t, N> &out)
{
    if (!j.is_string())
        return false;
    auto bytes = fromHexExact(j.get<std::string>(), N, "field");
    if (!bytes)
        return false;
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return true;
}

template<typename T>
bool getUint(const json &j, const char *name, T &out, uint64_t max)
{
    if (!j.contains(name) || !j[name].is_number_unsigned())
        return false;
    const auto v = j[name].get<uint64_t>();
    if (v > max)
        return false;
    out = static_cast<T>(v);
    return true;
}

bool keyFromJson(const json &j, DesfireKeySlot &k)
{
    if (!j.is_object() || !j.contains("key") || !j["key"].is_string())
        return false;
    DesfireKeyType type = DesfireKeyType::Aes;
    if (j.contains("type")) {
        const std::string name = j["type"].is_string() ? j["type"].get<std::string>() : std::string();
        if (name == "2k3des")
            type = DesfireKeyType::TwoK3Des;
        else if (name == "3k3des")
            type = DesfireKeyType::ThreeK3Des;
        else if (name != "aes")
            return false; // a card stores DES keys as 2K3DES
    }
    auto bytes = fromHexExact(j["key"].get<std::string>(), DesfireKey::length(type), "key");
    uint8_t version = 0;
    if (!bytes || !getUint(j, "version", version, 0xFF))
        return false;
    k.key = DesfireKey::of(type, *bytes);
    if (type == DesfireKeyType::Aes)
        k.key.aesVersion = version;
    return k.version() == version; // DES family: the version is the parity bits
}

} // namespace

std::string DesfireImage::toJson() const
{
    json apps = json::object();
    for (const auto &[aid, app] : applications) {
        json keys = json::array();
        for (const auto &k : app.keys)
            keys.push_back(keyToJson(k));
        json files = json::object();
        for (const auto &[no, f] : app.files)
            files[std::to_string(no)] = json{{"type", f.type},
                                             {"comm_mode", f.commMode},
                                             {"access_rights", f.accessRights},
                                             {"data", toHex(f.data)}};
        char aidText[7];
        std::snprintf(aidText, sizeof aidText, "%06x", aid);
        apps[aidText] = json{{"key_settings", app.keySettings}, {"keys", keys}, {"files", files}};
    }
    json j{{"format", "tapledger-desfire-image-1"},
           {"uid", toHex(uid)},
           {"picc_key", keyToJson(piccKey)},
           {"picc_key_settings", piccKeySettings},
           {"applications", apps}};
    if (randomUid)
        j["random_uid"] = true; // absent = off, so older images stay byte-identical
    return j.dump(2) + "\n";
}

Result<DesfireImage> DesfireImage::fromJson(std::string_view text)
{
    const json j = json::parse(text, nullptr, false);
    const auto corrupt = [] { return fail(ErrorCode::Corrupt, "not a valid DESFire card image"); };
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != "tapledger-desfire-image-1")
        return corrupt();
    DesfireImage image;
    if (!j.contains("uid") || !hexToArray(j["uid"], image.uid) || !j.contains("picc_key") ||
        !keyFromJson(j["picc_key"], image.piccKey) || !getUint(j, "picc_key_settings", image.piccKeySettings, 0xFF) ||
        !j.contains("applications") || !j["applications"].is_object())
        return corrupt();
    if (j.contains("random_uid")) {
        if (!j["random_uid"].is_boolean())
            return corrupt();
        image.randomUid = j["random_uid"].get<bool>();
    }
    for (const auto &[aidText, a] : j["applications"].items()) {
        auto aidBytes = fromHexExact(aidText, 3, "aid");
        if (!aidBytes || !a.is_object())
            return corrupt();
        const uint32_t aid = static_cast<uint32_t>((*aidBytes)[0]) << 16 | static_cast<uint32_t>((*aidBytes)[1]) << 8 |
                             (*aidBytes)[2];
        if (aid == 0)
            return corrupt();
        DesfireApplication app;
        if (!getUint(a, "key_settings", app.keySettings, 0xFF) || !a.contains("keys") || !a["keys"].is_array() ||
            a["keys"].empty() || a["keys"].size() > 14 || !a.contains("files") || !a["files"].is_object())
            return corrupt();
        for (const auto &k : a["keys"]) {
            DesfireKeySlot slot;
            if (!keyFromJson(k, slot))
                return corrupt();
            if (!app.keys.empty() && slot.key.type != app.keys.front().key.type)
                return corrupt(); // one key type per application
            app.keys.push_back(slot);
            app.keyType = slot.key.type;
        }
        for (const auto &[noText, f] : a["files"].items()) {
            DesfireFile file;
            unsigned long no = 0;
            try {
                no = std::stoul(noText);
            } catch (...) {
                return corrupt();
            }
            if (no > 31 || !f.is_object() || !getUint(f, "type", file.type, 1) ||
                !getUint(f, "comm_mode", file.commMode, 3) || file.commMode == 2 ||
                !getUint(f, "access_rights", file.accessRights, 0xFFFF) || !f.contains("data") || !f["data"].is_string())
                return corrupt();
            auto data = fromHex(f["data"].get<std::string>());
            if (!data || data->empty() || data->size() > 8191)
                return corrupt();
            file.data = std::move(*data);
            app.files[static_cast<uint8_t>(no)] = std::move(file);
        }
        image.applications[aid] = std::move(app);
    }
    return image;
}

Result<void> DesfireImage::save(const std::filesystem::path &path) const
{
    if (auto written = writeFileAtomic(path, toJson()); !written)
        return fail(ErrorCode::Io, "cannot write card image " + path.string());
    return {};
}

Result<DesfireImage> DesfireImage::load(const std::filesystem::path &path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return fail(ErrorCode::NotFound, "no card image " + path.string());
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, "cannot read card image " + path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return fromJson(ss.str());
}

} // namespace tapledger::nfc
