#pragma once

#include "core/crypto/ed25519.h"
#include "core/result.h"

#include <filesystem>
#include <optional>
#include <string>

namespace tapledger::sync {

/// How a kiosk reaches HQ, kept in its data directory by `tapledger provision` (docs/operations.md):
///   hq.json      {"url": "https://host:port[/prefix]", "hq_key": "<hex32>" (pinned at the first sync)}
///   hq-ca.pem    HQ's CA certificate
///   kiosk.pem    the kiosk's TLS client certificate (its key is device.key)
struct KioskSyncConfig
{
    static constexpr const char *kConfigFile = "hq.json";
    static constexpr const char *kCaFile = "hq-ca.pem";
    static constexpr const char *kCertificateFile = "kiosk.pem";

    std::string url;                          ///< as given to provision
    std::string host;                         ///< from url
    int port = 443;                           ///< from url
    std::string pathPrefix;                   ///< from url, "" or "/prefix" (no trailing slash)
    std::filesystem::path caFile;             ///< <data>/hq-ca.pem
    std::string certificatePem;               ///< <data>/kiosk.pem
    std::optional<Ed25519PublicKey> hqKey;    ///< pinned feed key, nullopt before the first sync

    /// Reads the files of @p dataDir: NotFound "this kiosk is not provisioned for HQ" when hq.json
    /// is missing; Corrupt naming the file and field for a malformed one.
    static Result<KioskSyncConfig> load(const std::filesystem::path &dataDir);
    /// Writes hq.json atomically (url and the pinned key).
    Result<void> save(const std::filesystem::path &dataDir) const;
    /// Parses "https://host[:port][/prefix]"; InvalidArgument for anything else (http, no host,
    /// bad port, query or fragment).
    static Result<KioskSyncConfig> fromUrl(std::string_view url);
};

} // namespace tapledger::sync
