#include "sync/hq/hqdatadir.h"

#include "core/device/stageddirectory.h"
#include "core/fileio.h"
#include "sync/hq/sqlitehqstore.h"
#include "sync/transport/certificateauthority.h"

namespace fs = std::filesystem;

namespace tapledger::sync {

namespace {
/// Validity of HQ's TLS server certificate, days.
constexpr int kServerCertificateDays = 825;
} // namespace

Result<std::unique_ptr<HqDataDir>> HqDataDir::init(const fs::path &dir, int64_t nowMs,
                                                   const std::vector<std::string> &serverHosts)
{
    auto staged = StagedDirectory::create(dir, "an HQ");
    if (!staged)
        return std::move(staged).error();
    const fs::path &staging = staged->path();

    const Ed25519SecretKey key = Ed25519SecretKey::generate();
    TL_TRY(writeFileExclusive(staging / kKeyFile, key.toPem(), 0600));
    TL_TRY(writeFileExclusive(staging / kPublicKeyFile, ed25519PublicKeyToPem(key.publicKey()), 0644));
    auto ca = CertificateAuthority::create(staging, "TapLedger HQ CA", nowMs);
    if (!ca)
        return std::move(ca).error();
    auto server = ca->issueServerCertificate(serverHosts, nowMs, kServerCertificateDays);
    if (!server)
        return std::move(server).error();
    {
        auto store = SqliteHqStore::create(staging / kStoreFile);
        if (!store)
            return std::move(store).error();
    }
    TL_TRY(staged->commit());
    return open(dir);
}

Result<std::unique_ptr<HqDataDir>> HqDataDir::open(const fs::path &dir)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return fail(ErrorCode::NotFound, "no HQ directory at " + dir.string() + " (create one with `tapledger-hq init`)");
    auto pem = readPrivateKeyFile(dir / kKeyFile, "HQ key");
    if (!pem)
        return std::move(pem).error();
    auto key = Ed25519SecretKey::fromPem(*pem);
    if (!key)
        return fail(ErrorCode::Crypto, "HQ key " + (dir / kKeyFile).string() + " is unusable: " + key.error().message);
    if (!fs::exists(dir / kStoreFile, ec))
        return fail(ErrorCode::NotFound, "HQ store missing: " + (dir / kStoreFile).string());
    auto store = SqliteHqStore::open(dir / kStoreFile);
    if (!store)
        return std::move(store).error();
    std::unique_ptr<HqDataDir> out(new HqDataDir);
    out->m_path = dir;
    out->m_key = std::make_shared<const Ed25519SecretKey>(std::move(*key));
    out->m_store = std::move(*store);
    return out;
}

} // namespace tapledger::sync
