// tapledger-hq: the HQ sync server and its operator commands (docs/sync-protocol.md).
#include "cli/clisupport.h"
#include "sync/hq/cli/hqcommands.h"

#include <iostream>

int main(int argc, char **argv)
{
    using namespace tapledger::cli;
    CLI::App app{"TapLedger HQ: mutual-TLS sync server, reconciliation across kiosks, deny-list, reports"};
    app.set_version_flag("--version", "tapledger-hq 0.1.0");
    app.require_subcommand(1);
    tapledger::sync::cli::addAdminCommands(app);
    tapledger::sync::cli::addFeedCommands(app);
    tapledger::sync::cli::addReportCommands(app);
    tapledger::sync::cli::addReportFilesCommand(app);
    tapledger::sync::cli::addCrmCommands(app);
    tapledger::sync::cli::addFeedbackCommands(app);
    tapledger::sync::cli::addPosCommands(app);
    tapledger::sync::cli::addMergeCommands(app);
    tapledger::sync::cli::addProfileCommands(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        const int rc = app.exit(e);
        return rc == 0 ? kExitOk : kExitUsage;
    } catch (const CommandError &e) {
        std::cerr << "tapledger-hq: error: " << e.message << "\n";
        return e.exitCode;
    }
    return kExitOk;
}
