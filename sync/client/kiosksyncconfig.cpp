#include "sync/client/kiosksyncconfig.h"

#include "core/bytes.h"
#include "core/fileio.h"

#include <nlohmann/json.hpp>

#include <charconv>

namespace tapledger::sync {

Result<KioskSyncConfig> KioskSyncConfig::fromUrl(std::string_view url)
{
    const auto bad = [&](std::string_view why) {
        return fail(ErrorCode::InvalidArgument, "HQ URL '" + std::string(url) + "': " + std::string(why) +
                                                    " (expected https://host[:port][/prefix])");
    };
    constexpr std::string_view scheme = "https://";
    if (url.substr(0, scheme.size()) != scheme)
        return bad("must start with https://");
    std::string_view rest = url.substr(scheme.size());
    if (rest.find_first_of("?#@") != std::string_view::npos)
        return bad("no user, query or fragment allowed");
    KioskSyncConfig c;
    c.url = std::string(url);
    const auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) {
        std::string_view prefix = rest.substr(slash);
        while (!prefix.empty() && prefix.back() == '/')
            prefix.remove_suffix(1);
        c.pathPrefix = std::string(prefix);
    }
    std::string_view host = authority;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos)
            return bad("unclosed IPv6 address");
        host = authority.substr(1, close - 1);
        authority.remove_prefix(close + 1);
    } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        authority.remove_prefix(colon);
    } else {
        authority = {};
    }
    if (!authority.empty()) {
        if (authority.front() != ':' || authority.size() < 2)
            return bad("bad port");
        int port = 0;
        const auto [p, ec] = std::from_chars(authority.data() + 1, authority.data() + authority.size(), port);
        if (ec != std::errc{} || p != authority.data() + authority.size() || port < 1 || port > 65535)
            return bad("bad port");
        c.port = port;
    }
    if (host.empty())
        return bad("no host");
    c.host = std::string(host);
    return c;
}

Result<KioskSyncConfig> KioskSyncConfig::load(const std::filesystem::path &dataDir)
{
    const auto path = dataDir / kConfigFile;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return fail(ErrorCode::NotFound, "this kiosk is not provisioned for HQ (" + path.string() +
                                             " missing; run `tapledger provision`)");
    auto text = readSmallFile(path, "HQ settings");
    if (!text)
        return std::move(text).error();
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("url") || !j["url"].is_string())
        return fail(ErrorCode::Corrupt, path.string() + ": must be a JSON object with a string url");
    auto c = fromUrl(j["url"].get<std::string>());
    if (!c)
        return fail(ErrorCode::Corrupt, path.string() + ": " + c.error().message);
    if (auto k = j.find("hq_key"); k != j.end()) {
        auto key = k->is_string() ? fromHexExact(k->get<std::string>(), 32, "hq_key") : Result<Bytes>(fail(ErrorCode::Corrupt, ""));
        if (!key)
            return fail(ErrorCode::Corrupt, path.string() + ": hq_key must be 64 hex digits");
        Ed25519PublicKey pinned{};
        std::copy(key->begin(), key->end(), pinned.begin());
        c->hqKey = pinned;
    }
    c->caFile = dataDir / kCaFile;
    auto cert = readSmallFile(dataDir / kCertificateFile, "kiosk certificate");
    if (!cert)
        return std::move(cert).error();
    c->certificatePem = std::move(*cert);
    return c;
}

Result<void> KioskSyncConfig::save(const std::filesystem::path &dataDir) const
{
    nlohmann::json j{{"url", url}};
    if (hqKey)
        j["hq_key"] = toHex(*hqKey);
    return writeFileAtomic(dataDir / kConfigFile, j.dump(2) + "\n", 0644);
}

} // namespace tapledger::sync
