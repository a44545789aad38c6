#include "cli/simcommand.h"

#include "cli/clisupport.h"
#include "core/device/datadir.h"
#include "core/engine/engine.h"
#include "core/engine/policyparser.h"
#include "core/engine/simulator.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace fs = std::filesystem;

namespace tapledger::cli {

namespace {
struct SimOptions
{
    std::string policy, script, data, start = "2026-01-01T00:00:00Z";
    size_t batch = 1;
    bool noHistory = false;
};

/// A temporary data directory, removed when the simulation ends.
struct TempDataDir
{
    fs::path path;
    ~TempDataDir()
    {
        std::error_code ec;
        if (!path.empty())
            fs::remove_all(path.parent_path(), ec);
    }
};

void runSim(const SimOptions &o)
{
    Policy policy = orFail(PolicyParser::load(o.policy));
    std::ifstream script(o.script);
    if (!script)
        throw CommandError{kExitFailed, "cannot read script " + o.script};
    auto cal = orFail(VenueCalendar::create(policy.timezone, policy.weekStart));
    auto clock = std::make_shared<ManualClock>(orFail(cal.parseInstant(o.start)));

    TempDataDir temp;
    std::unique_ptr<Engine> engine;
    if (o.data.empty()) {
        std::string tmpl = (fs::temp_directory_path() / "tapledger-sim-XXXXXX").string();
        if (!::mkdtemp(tmpl.data()))
            throw CommandError{kExitFailed, "cannot create a temporary data directory"};
        temp.path = fs::path(tmpl) / "data";
        engine = orFail(Engine::init(temp.path, "sim-kiosk", std::move(policy), clock));
    } else if (fs::exists(fs::path(o.data) / DataDir::kLedgerFile)) {
        engine = orFail(Engine::open(o.data, std::move(policy), clock));
    } else {
        engine = orFail(Engine::init(o.data, "sim-kiosk", std::move(policy), clock));
    }
    // An existing ledger continues from its last entry's time: the clock never goes back.
    if (engine->ledger().size() > 0) {
        const auto last = orFail(engine->ledger().entry(engine->ledger().size()));
        if (last.entry.timeMs > clock->nowMs())
            clock->set(last.entry.timeMs);
    }
    Simulator sim(*engine, *clock, {o.batch, !o.noHistory});
    auto ran = sim.run(script);
    std::optional<Error> error;
    if (!ran)
        error = ran.error();
    std::cout << sim.stateJson(error);
    if (error)
        throw CommandError{kExitFailed, error->message};
}
} // namespace

void addSimCommand(CLI::App &app)
{
    auto o = std::make_shared<SimOptions>();
    auto *sim = app.add_subcommand("sim", "Run a JSON Lines event script through the loyalty engine (docs/sim.md)");
    sim->add_option("--policy", o->policy, "Policy file (JSON, docs/policy.md)")->required()->check(CLI::ExistingFile);
    sim->add_option("--script", o->script, "Event script (JSON Lines)")->required()->check(CLI::ExistingFile);
    sim->add_option("--data", o->data, "Kiosk data directory (created when missing; default: a temporary one)");
    sim->add_option("--start", o->start, "Clock at the start (ISO 8601; default 2026-01-01T00:00:00Z)");
    sim->add_option("--batch", o->batch, "Events per durable commit (default 1)")->check(CLI::Range(1, 1000000));
    sim->add_flag("--no-history", o->noHistory, "Leave the explained history lines out of the output");
    sim->callback([o] { runSim(*o); });
}

} // namespace tapledger::cli
