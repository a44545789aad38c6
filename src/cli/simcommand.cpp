#include "cli/simcommand.h"

#include "cli/clisupport.h"
#include "cli/simcardfolder.h"
#include "core/device/datadir.h"
#include "core/engine/engine.h"
#include "core/engine/policyparser.h"
#include "core/engine/simulator.h"
#include "core/kioskid.h"
#include "sync/client/syncclient.h"

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
    std::string kioskId = "sim-kiosk", cards;
    size_t batch = 1;
    bool noHistory = false;
    bool kioskIdGiven = false;
};

/// The `sync` event for the kiosk in @p dataDir: one round with its configured HQ
/// (`tapledger provision`), the client made at the first round.
Simulator::SyncHook syncHookFor(const fs::path &dataDir)
{
    auto client = std::make_shared<std::unique_ptr<sync::SyncClient>>();
    return [dataDir, client](Engine &engine, int64_t nowMs) -> Result<std::string> {
        if (!*client) {
            auto config = sync::KioskSyncConfig::load(dataDir);
            if (!config)
                return std::move(config).error();
            auto made = sync::SyncClient::create(dataDir, std::move(*config), engine.deviceKey());
            if (!made)
                return std::move(made).error();
            *client = std::move(*made);
        }
        sync::EngineSyncLedger ledger(engine);
        auto summary = (*client)->round(ledger, nowMs);
        if (!summary)
            return std::move(summary).error();
        return summary->toJson();
    };
}

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
    if (!isValidKioskId(o.kioskId))
        throw CommandError{kExitUsage, "--kiosk-id: " + std::string(kKioskIdRule)};
    std::optional<SimCardFolder> cards;
    if (!o.cards.empty()) {
        std::error_code ec;
        if (!fs::is_directory(o.cards, ec))
            throw CommandError{kExitFailed, "--cards: " + o.cards + " is not a directory"};
        cards.emplace(o.cards, *clock);
    }

    TempDataDir temp;
    std::unique_ptr<Engine> engine;
    if (o.data.empty()) {
        std::string tmpl = (fs::temp_directory_path() / "tapledger-sim-XXXXXX").string();
        if (!::mkdtemp(tmpl.data()))
            throw CommandError{kExitFailed, "cannot create a temporary data directory"};
        temp.path = fs::path(tmpl) / "data";
        engine = orFail(Engine::init(temp.path, o.kioskId, std::move(policy), clock));
    } else if (fs::exists(fs::path(o.data) / DataDir::kLedgerFile)) {
        engine = orFail(Engine::open(o.data, std::move(policy), clock));
    } else {
        engine = orFail(Engine::init(o.data, o.kioskId, std::move(policy), clock));
    }
    if (o.kioskIdGiven && engine->ledger().kioskId() != o.kioskId)
        throw CommandError{kExitFailed, "--kiosk-id " + o.kioskId + ": " + o.data + " belongs to kiosk " +
                                            engine->ledger().kioskId()};
    // An existing ledger continues from its last entry's time: the clock never goes back.
    if (engine->ledger().size() > 0) {
        const auto last = orFail(engine->ledger().entry(engine->ledger().size()));
        if (last.entry.timeMs > clock->nowMs())
            clock->set(last.entry.timeMs);
    }
    Simulator sim(*engine, *clock, {o.batch, !o.noHistory});
    if (!o.data.empty())
        sim.setSyncHook(syncHookFor(o.data));
    if (cards)
        sim.setCards(&*cards);
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
    auto *kioskId = sim->add_option("--kiosk-id", o->kioskId, "Kiosk id of a data directory the sim creates (default sim-kiosk)");
    sim->add_option("--cards", o->cards, "Folder of card images, one DIR/<card handle>.json per card (docs/sim.md)");
    sim->add_flag("--no-history", o->noHistory, "Leave the explained history lines out of the output");
    sim->callback([o, kioskId] {
        o->kioskIdGiven = kioskId->count() > 0;
        runSim(*o);
    });
}

} // namespace tapledger::cli
