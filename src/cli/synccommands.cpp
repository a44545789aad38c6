#include "cli/synccommands.h"

#include "cli/clisupport.h"
#include "core/device/datadir.h"
#include "core/engine/policyparser.h"
#include "core/engine/systemclock.h"
#include "core/fileio.h"
#include "sync/client/syncclient.h"
#include "sync/transport/kioskcsr.h"
#include "sync/transport/peer.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace tapledger::cli {

namespace {
/// The policy copy `provision --policy` keeps in the data directory.
constexpr const char *kPolicyFile = "policy.json";

struct Options
{
    std::string data, kioskId, outCsr, installCert, hqCa, hq, policy;
};

void provision(const Options &o)
{
    const bool request = !o.outCsr.empty();
    const bool install = !o.installCert.empty();
    if (request == install)
        throw CommandError{kExitUsage, "give either --out-csr FILE (step 1) or --install-cert CERT --hq-ca FILE --hq URL (step 2)"};
    auto dir = orFail(DataDir::open(o.data));
    if (request) {
        const std::string id = o.kioskId.empty() ? dir->ledger().kioskId() : o.kioskId;
        if (id != dir->ledger().kioskId())
            throw CommandError{kExitFailed, "--kiosk-id " + id + " is not this data directory's kiosk (" +
                                                dir->ledger().kioskId() + ")"};
        const std::string csr = orFail(sync::makeKioskCsr(dir->deviceKey(), id));
        orFail(writeFileAtomic(o.outCsr, csr, 0644));
        std::cout << "ok: certificate request for kiosk " << id << " in " << o.outCsr
                  << "; at HQ run: tapledger-hq enrol-kiosk --data HQDIR --kiosk-id " << id << " --csr " << o.outCsr
                  << " --out CERT" << std::endl;
        return;
    }
    if (o.hqCa.empty() || o.hq.empty())
        throw CommandError{kExitUsage, "--install-cert needs --hq-ca FILE and --hq URL"};
    auto config = orFail(sync::KioskSyncConfig::fromUrl(o.hq));
    const std::string cert = orFail(readSmallFile(o.installCert, "kiosk certificate"));
    const std::string ca = orFail(readSmallFile(o.hqCa, "HQ CA certificate"));
    const auto peer = orFail(sync::peerOfCertificatePem(cert));
    if (peer.role != sync::PeerRole::Kiosk)
        throw CommandError{kExitFailed, "the certificate is a point-of-sale certificate (POS " + peer.kioskId +
                                            "), not a kiosk's: issue one with tapledger-hq enrol-kiosk"};
    if (peer.kioskId != dir->ledger().kioskId())
        throw CommandError{kExitFailed, "the certificate is for kiosk " + peer.kioskId + ", this is kiosk " +
                                            dir->ledger().kioskId()};
    if (!o.policy.empty())
        orFail(PolicyParser::load(o.policy)); // refuse a bad policy before anything is written
    // Checks that the certificate certifies this kiosk's device key and the CA file is usable.
    config.caFile = o.hqCa;
    config.certificatePem = cert;
    orFail(sync::SyncClient::create(o.data, config, dir->deviceKey()));
    orFail(writeFileAtomic(fs::path(o.data) / sync::KioskSyncConfig::kCaFile, ca, 0644));
    orFail(writeFileAtomic(fs::path(o.data) / sync::KioskSyncConfig::kCertificateFile, cert, 0644));
    if (!o.policy.empty())
        orFail(writeFileAtomic(fs::path(o.data) / kPolicyFile, orFail(readSmallFile(o.policy, "policy")), 0644));
    config.hqKey.reset();
    orFail(config.save(o.data));
    std::cout << "ok: kiosk " << peer.kioskId << " will sync with " << o.hq << " (certificate serial " << peer.serialHex
              << ")" << std::endl;
}

void syncRound(const Options &o)
{
    fs::path policyPath = o.policy.empty() ? fs::path(o.data) / kPolicyFile : fs::path(o.policy);
    std::error_code ec;
    if (!fs::exists(policyPath, ec))
        throw CommandError{kExitFailed, "no policy: give --policy FILE (or `tapledger provision ... --policy FILE` once)"};
    auto config = orFail(sync::KioskSyncConfig::load(o.data));
    Policy policy = orFail(PolicyParser::load(policyPath.string()));
    auto clock = std::make_shared<SystemClock>();
    auto engine = orFail(Engine::open(o.data, std::move(policy), clock));
    auto client = orFail(sync::SyncClient::create(o.data, std::move(config), engine->deviceKey()));
    sync::EngineSyncLedger ledger(*engine);
    auto summary = client->round(ledger, clock->nowMs());
    if (!summary) {
        std::cout << nlohmann::json{{"status", "refused"}, {"kiosk_id", engine->ledger().kioskId()},
                                    {"error", summary.error().message}}
                         .dump()
                  << std::endl;
        throw CommandError{kExitFailed, summary.error().message};
    }
    std::cout << summary->toJson() << std::endl;
}
} // namespace

void addSyncCommands(CLI::App &app)
{
    auto o = std::make_shared<Options>();
    auto *prov = app.add_subcommand("provision", "Connect a kiosk to HQ: make its certificate request, then install the certificate");
    prov->add_option("--data", o->data, "Kiosk data directory")->required();
    prov->add_option("--kiosk-id", o->kioskId, "Kiosk id (default: the data directory's)");
    prov->add_option("--out-csr", o->outCsr, "Step 1: write the certificate request (PKCS#10 PEM) here");
    prov->add_option("--install-cert", o->installCert, "Step 2: the certificate from `tapledger-hq enrol-kiosk`");
    prov->add_option("--hq-ca", o->hqCa, "Step 2: HQ's CA certificate (HQ's DIR/ca.pem)");
    prov->add_option("--hq", o->hq, "Step 2: HQ's URL, https://host:port");
    prov->add_option("--policy", o->policy, "Step 2: the program policy this kiosk runs (kept as DATA/policy.json)");
    prov->callback([o] { provision(*o); });

    auto *sync = app.add_subcommand("sync", "Run one sync round with HQ and print a JSON summary");
    sync->add_option("--data", o->data, "Kiosk data directory (provisioned)")->required();
    sync->add_option("--policy", o->policy, "Policy file (default: DATA/policy.json from provision)");
    sync->callback([o] { syncRound(*o); });
}

} // namespace tapledger::cli
