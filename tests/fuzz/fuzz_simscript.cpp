// libFuzzer target: the simulation script reader (docs/sim.md) run through a real Engine: each
// input is a script of JSON lines on a fresh data directory (base policy of tests/data), so
// every run starts from the same state. Slow (a new ledger per input) but end to end.
#include "core/engine/engine.h"
#include "core/engine/manualclock.h"
#include "core/engine/policyparser.h"
#include "core/engine/simulator.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {
const tapledger::Policy &policy()
{
    static const tapledger::Policy p = [] {
        auto loaded = tapledger::PolicyParser::load(TAPLEDGER_FUZZ_POLICY);
        if (!loaded)
            std::abort();
        return std::move(*loaded);
    }();
    return p;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapledger;
    namespace fs = std::filesystem;
    static const fs::path root = [] {
        const char *shm = "/dev/shm";
        fs::path base = fs::exists(shm) ? fs::path(shm) : fs::temp_directory_path();
        return base / ("tapledger-fuzz-sim-" + std::to_string(::getpid()));
    }();
    fs::remove_all(root);
    auto clock = std::make_shared<ManualClock>(1767225600000);
    auto engine = Engine::init(root, "fuzz-kiosk", policy(), clock);
    if (!engine)
        std::abort();
    {
        Simulator sim(**engine, *clock, {});
        std::istringstream script(std::string(reinterpret_cast<const char *>(data), size));
        (void)sim.run(script);
        (void)sim.stateJson(std::nullopt);
    }
    if (!(*engine)->ledger().verify().ok)
        std::abort(); // whatever the script did, the ledger must verify
    engine->reset();
    fs::remove_all(root);
    return 0;
}
