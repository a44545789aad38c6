#include "core/device/datadir.h"

#include "core/bytes.h"
#include "core/crypto/random.h"
#include "core/device/stageddirectory.h"
#include "core/fileio.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace tapledger {

std::string generateKioskId()
{
    std::array<uint8_t, 6> b;
    randomBytes(b);
    return "kiosk-" + toHex(b);
}

Result<std::unique_ptr<DataDir>> DataDir::init(const fs::path &dir, const std::string &kioskId,
                                               std::vector<std::unique_ptr<Projection>> projections)
{
    auto staged = StagedDirectory::create(dir, "an existing kiosk");
    if (!staged)
        return std::move(staged).error();
    const fs::path &staging = staged->path();

    auto key = std::make_shared<const Ed25519SecretKey>(Ed25519SecretKey::generate());
    TL_TRY(writeFileExclusive(staging / kPrivateKeyFile, key->toPem(), 0600));
    TL_TRY(writeFileExclusive(staging / kPublicKeyFile, ed25519PublicKeyToPem(key->publicKey()), 0644));
    {
        auto ledger = Ledger::create(staging / kLedgerFile, kioskId, key);
        if (!ledger)
            return std::move(ledger).error();
    }
    TL_TRY(staged->commit());
    return open(dir, std::move(projections));
}

Result<std::unique_ptr<DataDir>> DataDir::open(const fs::path &dir, std::vector<std::unique_ptr<Projection>> projections)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return fail(ErrorCode::NotFound, "no data directory at " + dir.string() + " (create one with `tapledger init`)");
    const fs::path keyPath = dir / kPrivateKeyFile;
    auto pem = readPrivateKeyFile(keyPath, "device key");
    if (!pem)
        return std::move(pem).error();
    auto key = Ed25519SecretKey::fromPem(*pem);
    if (!key)
        return fail(ErrorCode::Crypto, "device key " + keyPath.string() + " is unusable: " + key.error().message);
    auto pubPem = readSmallFile(dir / kPublicKeyFile, "device public key");
    if (!pubPem)
        return std::move(pubPem).error();
    auto pub = ed25519PublicKeyFromPem(*pubPem);
    if (!pub)
        return fail(ErrorCode::Crypto, (dir / kPublicKeyFile).string() + ": " + pub.error().message);
    if (*pub != key->publicKey())
        return fail(ErrorCode::Crypto, "device.pub.pem does not belong to device.key");

    std::unique_ptr<DataDir> out(new DataDir);
    out->m_path = dir;
    out->m_key = std::make_shared<const Ed25519SecretKey>(std::move(*key));
    if (!fs::exists(dir / kLedgerFile, ec))
        return fail(ErrorCode::NotFound, "ledger missing: " + (dir / kLedgerFile).string());
    auto ledger = Ledger::open(dir / kLedgerFile, *pub, out->m_key, std::move(projections));
    if (!ledger)
        return std::move(ledger).error();
    out->m_ledger = std::move(*ledger);
    return out;
}

} // namespace tapledger
