#pragma once

#include "core/result.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tapledger::sync {

/// `tapledger-hq serve`'s configuration file (TOML 1.0, docs/operations.md "Running an HQ";
/// sample firmware-config/hq.toml; systemd passes /etc/tapledger-hq/hq.toml):
/// ```toml
/// [hq]
/// data = "/var/lib/tapledger-hq"   # HQ directory made by `tapledger-hq init`
/// listen = "0.0.0.0:443"           # HOST:PORT, port 0..65535 (0: any free port, printed)
/// threads = 16                     # worker threads, 1..1024 (default 8)
/// ```
/// Every key is optional in the file (the command line may give it); an unknown table or key, a
/// value of the wrong type or out of range is an error naming the file, line and key.
struct HqConfig
{
    std::optional<std::filesystem::path> data; ///< HQ directory; relative paths are taken from the file's folder
    std::optional<std::string> listen;         ///< HOST:PORT as written (checked by serve)
    std::optional<size_t> threads;             ///< worker threads, 1..1024

    /// Reads and checks @p file (at most 64 KiB). NotFound / Io for an unreadable file;
    /// InvalidArgument "<file>:<line>:<column>: …" for a syntax error, an unknown key, a wrong type
    /// or an out-of-range value. Nothing is partly returned.
    static Result<HqConfig> load(const std::filesystem::path &file);
    /// As load() over @p toml, read from @p sourceName (for messages; relative `data` is taken
    /// from @p baseDir).
    static Result<HqConfig> parse(std::string_view toml, std::string_view sourceName,
                                  const std::filesystem::path &baseDir);
};

} // namespace tapledger::sync
