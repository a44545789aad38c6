#pragma once

namespace CLI {
class App;
}

namespace tapledger::cli {

/// Adds `tapledger card ...`: derive-key (AN10922), emulate (emulated PN532 on a pty hosting
/// emulated DESFire cards), issue, read and format (any libnfc reader, real or emulated).
void addCardCommands(CLI::App &app);

} // namespace tapledger::cli
