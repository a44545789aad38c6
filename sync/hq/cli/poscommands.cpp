// tapledger-hq enrol-pos, revoke-pos (docs/pos-api.md).
#include "sync/hq/cli/hqcommands.h"

#include "cli/clisupport.h"
#include "core/engine/systemclock.h"
#include "core/fileio.h"
#include "sync/hq/hqdatadir.h"
#include "sync/hq/posdesk.h"
#include "sync/transport/certificateauthority.h"

#include <iostream>

namespace tapledger::sync::cli {

using tapledger::cli::orFail;

namespace {
constexpr int kPosCertificateDays = 825;

struct PosOptions
{
    std::string data, posId, csr, out;
};

PosDesk deskOf(HqDataDir &dir)
{
    return PosDesk(dir.store(), dir.path(), dir.key(), std::make_shared<SystemClock>());
}
} // namespace

void addPosCommands(CLI::App &app)
{
    auto o = std::make_shared<PosOptions>();

    auto *enrol = app.add_subcommand("enrol-pos", "Sign a point-of-sale system's certificate request and enrol it");
    enrol->add_option("--data", o->data, "HQ directory")->required();
    enrol->add_option("--pos-id", o->posId, "The POS system's id (must equal the request's CN)")->required();
    enrol->add_option("--csr", o->csr, "Certificate request (PEM) for the POS's Ed25519 key")->required();
    enrol->add_option("--out", o->out, "Where to write the POS's certificate (PEM)")->required();
    enrol->callback([o] {
        auto dir = orFail(HqDataDir::open(o->data));
        auto ca = orFail(CertificateAuthority::open(o->data));
        const std::string csr = orFail(readSmallFile(o->csr, "certificate request"));
        auto cert = orFail(ca.signPosCsr(csr, o->posId, tapledger::cli::nowUtcMillis(), kPosCertificateDays));
        orFail(deskOf(*dir).enrol(cert.kioskId, cert.deviceKey, cert.serialHex));
        orFail(writeFileAtomic(o->out, cert.certificatePem, 0644));
        std::cout << "ok: POS " << cert.kioskId << " enrolled, certificate serial " << cert.serialHex << " in " << o->out
                  << std::endl;
    });

    auto *revoke = app.add_subcommand("revoke-pos", "Revoke a point-of-sale system: its TLS handshakes are refused");
    revoke->add_option("--data", o->data, "HQ directory")->required();
    revoke->add_option("--pos-id", o->posId, "The POS system to revoke")->required();
    revoke->callback([o] {
        auto dir = orFail(HqDataDir::open(o->data));
        orFail(deskOf(*dir).revoke(o->posId));
        std::cout << "ok: POS " << o->posId << " revoked" << std::endl;
    });
}

} // namespace tapledger::sync::cli
