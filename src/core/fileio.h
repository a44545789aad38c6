#pragma once

#include "core/result.h"

#include <filesystem>
#include <string_view>
#include <sys/types.h>

namespace tapledger {

/// Replaces @p path with @p content atomically and durably: writes `<path>.tmp` with @p mode,
/// fsyncs it, renames it over @p path and fsyncs the directory, so a power cut leaves the old or
/// the new file, never a mix, and the new one once this returned ok (tests/crash/filecrash_test).
/// Io naming the file on failure (the temporary file may remain).
Result<void> writeFileAtomic(const std::filesystem::path &path, std::string_view content, mode_t mode = 0600);

} // namespace tapledger
