#include "sync/hq/cli/hqcommands.h"

#include "cli/clisupport.h"
#include "core/engine/systemclock.h"
#include "core/fileio.h"
#include "sync/hq/hqconfig.h"
#include "sync/hq/hqdatadir.h"
#include "sync/hq/hqserver.h"
#include "sync/transport/certificateauthority.h"

#include <csignal>
#include <iostream>
#include <pthread.h>
#include <thread>

namespace tapledger::sync::cli {

using tapledger::cli::CommandError;
using tapledger::cli::kExitFailed;
using tapledger::cli::kExitUsage;
using tapledger::cli::orFail;

namespace {
constexpr int kKioskCertificateDays = 825;

struct Options
{
    std::string config, data, listen, kioskId, csr, out;
    std::vector<std::string> hosts;
    size_t threads = 8;
};

/// HOST and PORT of @p listen, given as @p what ("--listen" or the configuration's key).
std::pair<std::string, int> hostPort(const std::string &listen, const std::string &what)
{
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0)
        throw CommandError{kExitUsage, what + " must be HOST:PORT, e.g. 127.0.0.1:8443"};
    try {
        size_t used = 0;
        const int port = std::stoi(listen.substr(colon + 1), &used);
        if (used != listen.size() - colon - 1 || port < 0 || port > 65535)
            throw std::invalid_argument("port");
        return {listen.substr(0, colon), port};
    } catch (const std::exception &) {
        throw CommandError{kExitUsage, what + ": bad port in '" + listen + "'"};
    }
}

void serve(Options o, bool threadsGiven)
{
    std::string listenFrom = "--listen";
    if (!o.config.empty()) { // the command line wins over the file
        const HqConfig c = orFail(HqConfig::load(o.config));
        if (o.data.empty() && c.data)
            o.data = c.data->string();
        if (o.listen.empty() && c.listen) {
            o.listen = *c.listen;
            listenFrom = "[hq] listen in " + o.config;
        }
        if (!threadsGiven && c.threads)
            o.threads = *c.threads;
    }
    if (o.data.empty() || o.listen.empty())
        throw CommandError{kExitUsage, std::string("serve needs ") + (o.data.empty() ? "--data" : "--listen") +
                                           " (or [hq] " + (o.data.empty() ? "data" : "listen") + " in --config FILE)"};
    auto [host, port] = hostPort(o.listen, listenFrom);
    auto dir = orFail(HqDataDir::open(o.data));
    // SIGTERM and SIGINT are taken by a waiting thread, which stops the server cleanly.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    auto server = orFail(HqServer::create(*dir, std::make_shared<SystemClock>(),
                                          [](std::string_view line) { std::cerr << "tapledger-hq: " << line << "\n"; },
                                          o.threads));
    const int bound = orFail(server->bind(host, port));
    std::cout << "listening on " << host << ":" << bound << std::endl;
    std::thread waiter([&server, set] {
        int sig = 0;
        sigwait(&set, &sig);
        server->stop();
    });
    auto r = server->listen();
    if (waiter.joinable()) {
        pthread_kill(waiter.native_handle(), SIGTERM); // wake it when listen() ended on its own
        waiter.join();
    }
    orFail(std::move(r));
    std::cerr << "tapledger-hq: stopped" << std::endl;
}
} // namespace

void addAdminCommands(CLI::App &app)
{
    auto o = std::make_shared<Options>();

    auto *init = app.add_subcommand("init", "Create an HQ directory: HQ key, CA (DIR/ca.pem), TLS certificate, store");
    init->add_option("--data", o->data, "HQ directory to create (must not exist or be empty)")->required();
    init->add_option("--host", o->hosts, "Names or IP addresses kiosks connect to (default 127.0.0.1 and localhost)");
    init->callback([o] {
        orFail(HqDataDir::init(o->data, tapledger::cli::nowUtcMillis(), o->hosts));
        std::cout << "ok: HQ initialised in " << o->data << "; give kiosks " << o->data << "/"
                  << CertificateAuthority::kCertificateFile << " as --hq-ca" << std::endl;
    });

    auto *srv = app.add_subcommand("serve", "Serve the sync protocol over mutual TLS until SIGTERM");
    srv->add_option("--config", o->config, "TOML file with [hq] data, listen, threads (the command line wins)");
    srv->add_option("--data", o->data, "HQ directory");
    srv->add_option("--listen", o->listen, "HOST:PORT to listen on (port 0: any free port, printed)");
    auto *threads = srv->add_option("--threads", o->threads, "Worker threads (default 8)")->check(CLI::Range(1, 1024));
    srv->callback([o, threads] { serve(*o, threads->count() > 0); });

    auto *enrol = app.add_subcommand("enrol-kiosk", "Sign a kiosk's certificate request and enrol the kiosk");
    enrol->add_option("--data", o->data, "HQ directory")->required();
    enrol->add_option("--kiosk-id", o->kioskId, "The kiosk's id (must equal the request's CN)")->required();
    enrol->add_option("--csr", o->csr, "Certificate request from `tapledger provision --out-csr`")->required();
    enrol->add_option("--out", o->out, "Where to write the kiosk's certificate (PEM)")->required();
    enrol->callback([o] {
        auto dir = orFail(HqDataDir::open(o->data));
        auto ca = orFail(CertificateAuthority::open(o->data));
        const std::string csr = orFail(readSmallFile(o->csr, "certificate request"));
        auto cert = orFail(ca.signKioskCsr(csr, o->kioskId, tapledger::cli::nowUtcMillis(), kKioskCertificateDays));
        Reconciler reconciler(dir->store(), dir->key(), std::make_shared<SystemClock>());
        orFail(reconciler.enrolKiosk(cert.kioskId, cert.deviceKey, cert.serialHex));
        orFail(writeFileAtomic(o->out, cert.certificatePem, 0644));
        std::cout << "ok: kiosk " << cert.kioskId << " enrolled, certificate serial " << cert.serialHex << " in "
                  << o->out << std::endl;
    });

    auto *revoke = app.add_subcommand("revoke-kiosk", "Revoke a kiosk: its TLS handshakes are refused, its card tokens untrusted");
    revoke->add_option("--data", o->data, "HQ directory")->required();
    revoke->add_option("--kiosk-id", o->kioskId, "The kiosk to revoke")->required();
    revoke->callback([o] {
        auto dir = orFail(HqDataDir::open(o->data));
        Reconciler reconciler(dir->store(), dir->key(), std::make_shared<SystemClock>());
        orFail(reconciler.revokeKiosk(o->kioskId));
        std::cout << "ok: kiosk " << o->kioskId << " revoked" << std::endl;
    });
}

} // namespace tapledger::sync::cli
