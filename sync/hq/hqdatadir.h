#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/result.h"
#include "sync/hq/hqstore.h"

#include <filesystem>
#include <memory>

namespace tapledger::sync {

/// HQ's data directory (docs/operations.md, "HQ"):
///   hq.key      HQ's Ed25519 key (signs the feed and HQ's chain), PKCS#8 PEM, mode 0600
///   hq.pub.pem  its public half
///   ca.pem, ca.key, server.pem, server.key   the CA and HQ's TLS certificate (sync-transport.md)
///   hq.db       the store (SQLite)
///   revoked     kiosks whose certificates are revoked, maintained by revoke-kiosk (via the store)
class HqDataDir
{
public:
    static constexpr const char *kKeyFile = "hq.key";
    static constexpr const char *kPublicKeyFile = "hq.pub.pem";
    static constexpr const char *kStoreFile = "hq.db";

    /// Creates @p dir (missing or empty) with a fresh HQ key, the CA and HQ's server certificate
    /// for @p serverHosts (DNS names or IP addresses), and an empty store. AlreadyExists when
    /// @p dir holds anything; a failure leaves nothing behind.
    static Result<std::unique_ptr<HqDataDir>> init(const std::filesystem::path &dir, int64_t nowMs,
                                                   const std::vector<std::string> &serverHosts);
    /// Opens an existing HQ directory: NotFound, Denied (key readable by others), Crypto, Corrupt.
    static Result<std::unique_ptr<HqDataDir>> open(const std::filesystem::path &dir);

    const std::filesystem::path &path() const noexcept { return m_path; }
    HqStore &store() noexcept { return *m_store; }
    std::shared_ptr<const Ed25519SecretKey> key() const noexcept { return m_key; }

private:
    HqDataDir() = default;
    std::filesystem::path m_path;
    std::shared_ptr<const Ed25519SecretKey> m_key;
    std::unique_ptr<HqStore> m_store;
};

} // namespace tapledger::sync
