// libFuzzer target: the kiosk configuration file (kiosk.toml, docs/operations.md).
#include "kiosk/config/kioskconfig.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)tapledger::kiosk::KioskConfig::parse(std::string_view(reinterpret_cast<const char *>(data), size),
                                               "fuzz.toml", "/nonexistent");
    return 0;
}
