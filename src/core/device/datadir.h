#pragma once

#include "core/crypto/ed25519secretkey.h"
#include "core/ledger/ledger.h"
#include "core/result.h"

#include <filesystem>
#include <memory>
#include <string>

namespace tapledger {

/// A kiosk's data directory (docs/operations.md):
///   device.key      Ed25519 private key, PKCS#8 PEM, mode 0600
///   device.pub.pem  the matching public key (SubjectPublicKeyInfo PEM)
///   ledger.db       the ledger (SQLite, WAL: ledger.db-wal / ledger.db-shm beside it)
class DataDir
{
public:
    static constexpr const char *kPrivateKeyFile = "device.key";
    static constexpr const char *kPublicKeyFile = "device.pub.pem";
    static constexpr const char *kLedgerFile = "ledger.db";

    /// Creates @p dir (which must not exist, or be empty) with a fresh device key and an empty ledger
    /// for @p kioskId. Built in a sibling temporary directory and renamed into place, so a failure
    /// leaves nothing behind. AlreadyExists when @p dir holds anything.
    static Result<std::unique_ptr<DataDir>> init(const std::filesystem::path &dir, const std::string &kioskId,
                                                 std::vector<std::unique_ptr<Projection>> projections = {});
    /// Opens an existing data directory: NotFound for a missing dir/key/ledger, Denied when the
    /// private key is readable by group or others, Crypto for an unusable key, Corrupt for a
    /// damaged or foreign ledger.
    static Result<std::unique_ptr<DataDir>> open(const std::filesystem::path &dir,
                                                 std::vector<std::unique_ptr<Projection>> projections = {});

    const std::filesystem::path &path() const noexcept { return m_path; }
    Ledger &ledger() noexcept { return *m_ledger; }
    const Ledger &ledger() const noexcept { return *m_ledger; }
    const Ed25519SecretKey &deviceKey() const noexcept { return *m_key; }

private:
    DataDir() = default;
    std::filesystem::path m_path;
    std::shared_ptr<const Ed25519SecretKey> m_key;
    std::unique_ptr<Ledger> m_ledger;
};

/// A random kiosk id, "kiosk-" followed by 12 hex digits.
std::string generateKioskId();

} // namespace tapledger
