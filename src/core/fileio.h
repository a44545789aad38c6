#pragma once

#include "core/result.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace tapledger {

/// Replaces @p path with @p content atomically and durably: writes `<path>.tmp` with @p mode,
/// fsyncs it, renames it over @p path and fsyncs the directory, so a power cut leaves the old or
/// the new file, never a mix, and the new one once this returned ok (tests/crash/filecrash_test).
/// Io naming the file on failure (the temporary file may remain).
Result<void> writeFileAtomic(const std::filesystem::path &path, std::string_view content, mode_t mode = 0600);

/// Creates @p path with @p content and @p mode, refusing an existing file (O_EXCL), and fsyncs it.
/// Io naming the file on failure (a partly written file may remain).
Result<void> writeFileExclusive(const std::filesystem::path &path, std::string_view content, mode_t mode);

/// The whole content of a small file (keys, certificates, configuration). NotFound naming @p what
/// and the path when it cannot be opened.
Result<std::string> readSmallFile(const std::filesystem::path &path, std::string_view what);

/// The content of a private key file (@p what names it in messages, e.g. "device key"): NotFound
/// when missing, Denied (with the chmod to run) when group or others may access it. The caller
/// clears the returned string after use.
Result<std::string> readPrivateKeyFile(const std::filesystem::path &path, std::string_view what);

} // namespace tapledger
