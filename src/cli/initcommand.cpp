#include "cli/initcommand.h"

#include "cli/clisupport.h"
#include "core/bytes.h"
#include "core/device/datadir.h"

#include <iostream>

namespace tapledger::cli {

void addInitCommand(CLI::App &app)
{
    auto *cmd = app.add_subcommand("init", "Create a kiosk data directory: device key pair and empty ledger");
    struct Options
    {
        std::string data;
        std::string kioskId;
    };
    auto opts = std::make_shared<Options>();
    cmd->add_option("--data", opts->data, "Data directory to create (must not exist or be empty)")->required();
    cmd->add_option("--kiosk-id", opts->kioskId, "Kiosk id: 1-64 of A-Z a-z 0-9 . _ - (default: random)");
    cmd->callback([opts] {
        const std::string kioskId = opts->kioskId.empty() ? generateKioskId() : opts->kioskId;
        auto dir = orFail(DataDir::init(opts->data, kioskId));
        std::cout << "initialised kiosk " << dir->ledger().kioskId() << " in " << opts->data << "\n"
                  << "device public key: " << toHex(dir->deviceKey().publicKey()) << "\n";
    });
}

} // namespace tapledger::cli
