// tapledger: the admin and developer CLI.
#include "cli/cardcommands.h"
#include "cli/clisupport.h"
#include "cli/initcommand.h"
#include "cli/ledgercommands.h"
#include "cli/simcommand.h"
#include "cli/synccommands.h"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char **argv)
{
    using namespace tapledger::cli;
    CLI::App app{"TapLedger admin and developer tool: kiosk data, signed ledger, cards, simulation"};
    app.set_version_flag("--version", "tapledger 0.1.0");
    app.require_subcommand(1);
    addInitCommand(app);
    addLedgerCommands(app);
    addCardCommands(app);
    addSimCommand(app);
    addSyncCommands(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        const int rc = app.exit(e);
        return rc == 0 ? kExitOk : kExitUsage;
    } catch (const CommandError &e) {
        std::cerr << "tapledger: error: " << e.message << "\n";
        return e.exitCode;
    }
    return kExitOk;
}
