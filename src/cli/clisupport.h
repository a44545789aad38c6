#pragma once

#include "core/result.h"

#include <string>

namespace tapledger::cli {

/// Process exit codes of the `tapledger` CLI (README "Exit codes").
enum ExitCode : int {
    kExitOk = 0,      ///< success
    kExitFailed = 1,  ///< the operation failed or the check found a problem
    kExitUsage = 2,   ///< bad command line
};

/// Thrown by command callbacks to end with a message on stderr and an exit code.
struct CommandError
{
    int exitCode;
    std::string message;
};

/// Throws CommandError(kExitFailed, error.message) when @p result failed; otherwise returns the value.
template<typename T>
T orFail(Result<T> result)
{
    if (!result.ok())
        throw CommandError{kExitFailed, result.error().message};
    return std::move(result).value();
}

/// Throws CommandError(kExitFailed) when @p result failed.
void orFail(Result<void> result);

/// Current UTC time in milliseconds since the Unix epoch.
int64_t nowUtcMillis();

} // namespace tapledger::cli
