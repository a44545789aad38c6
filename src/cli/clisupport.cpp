#include "cli/clisupport.h"

#include <chrono>

namespace tapledger::cli {

void orFail(Result<void> result)
{
    if (!result.ok())
        throw CommandError{kExitFailed, result.error().message};
}

int64_t nowUtcMillis()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace tapledger::cli
