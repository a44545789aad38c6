// libFuzzer target: the program policy parser (docs/policy.md), JSON text from HQ.
#include "core/engine/policyparser.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)tapledger::PolicyParser::parse(std::string_view(reinterpret_cast<const char *>(data), size));
    return 0;
}
