// Writes the binary seed corpora of the fuzz targets from tests/data (text formats are seeded
// from tests/data directly): SEED_DIR/canonicalcodec (every entry of a ledger built by a golden
// simulation script), SEED_DIR/memberrecord and SEED_DIR/cardstatetoken (files 0x01 and 0x02 of
// every card image in tests/data/cards), SEED_DIR/simscript (the golden cases' scripts),
// SEED_DIR/pn532frame (what libnfc sends a PN532 to open
// it, list a target and select the TapLedger application, docs: shared platform notes), and the
// sync messages of docs/sync-protocol.md built from that same ledger: SEED_DIR/uploadbatch (the
// ledger as upload batches with its signed tree head, an ack, error bodies), SEED_DIR/feedpage
// (the signed feed pages HQ would send of it), SEED_DIR/hello.
// Usage: fuzz_makeseeds TESTS_DATA_DIR SEED_DIR
#include "core/bytes.h"
#include "core/crypto/ed25519secretkey.h"
#include "core/engine/engine.h"
#include "core/engine/manualclock.h"
#include "core/engine/policyparser.h"
#include "core/engine/simulator.h"
#include "nfc/emulator/pn532emulator.h"
#include "sync/protocol/feedpage.h"
#include "sync/protocol/hello.h"
#include "sync/protocol/uploadbatch.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace tapledger;

namespace {
void put(const fs::path &dir, const std::string &name, ByteView bytes)
{
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary).write(reinterpret_cast<const char *>(bytes.data()),
                                                      static_cast<std::streamsize>(bytes.size()));
}
std::string slurp(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
void putText(const fs::path &dir, const std::string &name, const std::string &text)
{
    put(dir, name, asBytes(text));
}

// The sync messages a kiosk and HQ would exchange over @p entries (docs/sync-protocol.md).
void writeSyncSeeds(const fs::path &out, const std::vector<StoredEntry> &entries, const SignedTreeHead &head,
                    const std::string &policyText)
{
    sync::UploadBatch batch;
    batch.kioskId = head.kioskId;
    for (size_t i = 0; i < entries.size(); ++i) {
        batch.entries.push_back({entries[i].canonical, entries[i].signature});
        if (batch.entries.size() == 4 || i + 1 == entries.size()) {
            if (i + 1 == entries.size())
                batch.head = head;
            putText(out / "uploadbatch", "batch-from-" + std::to_string(batch.fromSeq), batch.toJson());
            batch.fromSeq = i + 2;
            batch.entries.clear();
        }
    }
    putText(out / "uploadbatch", "ack", sync::UploadAck{entries.size(), 4, 1}.toJson());
    putText(out / "uploadbatch", "error-out-of-order", sync::ErrorBody{"resend from 5", 5, false}.toJson());
    putText(out / "uploadbatch", "error-quarantined", sync::ErrorBody{"rolled back", 0, true}.toJson());

    const auto hqKey = Ed25519SecretKey::generate();
    sync::FeedPage page;
    uint64_t seq = 0;
    const auto item = [&](std::string type, nlohmann::json body) {
        HqFeedItem i{++seq, std::move(type), body.dump(), {}};
        sync::signFeedItem(i, hqKey);
        page.items.push_back(std::move(i));
    };
    item("kiosk_key", {{"kiosk_id", head.kioskId}, {"public_key", toHex(head.signature).substr(0, 64)}, {"status", "active"}});
    for (const auto &e : entries) {
        if (!e.entry.card.isNil())
            item("deny", {{"card", e.entry.card.toString()}, {"version", seq}, {"reason", "replaced"}, {"time_ms", head.timeMs}});
        if (!e.entry.member.isNil())
            item("member", {{"member", e.entry.member.toString()}, {"version", seq}, {"points", 120}});
        if (page.items.size() >= 6)
            break;
    }
    item("policy", {{"policy_id", "base"}, {"version", 2}, {"effective_ms", head.timeMs},
                    {"policy", nlohmann::json::parse(policyText)}});
    page.next = seq;
    page.end = true;
    page.sign(hqKey);
    putText(out / "feedpage", "page", page.toJson());
    page.items.resize(2);
    page.next = 2;
    page.end = false;
    page.sign(hqKey);
    putText(out / "feedpage", "page-first-two", page.toJson());

    sync::Hello hello;
    hello.kioskId = head.kioskId;
    hello.kioskStatus = "active";
    hello.ackedSeq = head.treeSize;
    hello.ackedRoot = head.rootHash;
    hello.hqKey = hqKey.publicKey();
    hello.feedHead = seq;
    hello.timeMs = head.timeMs;
    putText(out / "hello", "active", hello.toJson());
    hello.kioskStatus = "quarantined";
    putText(out / "hello", "quarantined", hello.toJson());
}

int die(const std::string &what)
{
    std::fprintf(stderr, "fuzz_makeseeds: %s\n", what.c_str());
    return 1;
}
} // namespace

int main(int argc, char **argv)
{
    if (argc != 3)
        return die("usage: fuzz_makeseeds TESTS_DATA_DIR SEED_DIR");
    const fs::path data = argv[1], out = argv[2];
    std::error_code ec;
    fs::remove_all(out, ec);

    // Card files.
    for (const char *set : {"valid", "invalid"}) {
        for (const auto &f : fs::directory_iterator(data / "cards" / set)) {
            auto json = nlohmann::json::parse(slurp(f.path()), nullptr, false);
            if (json.is_discarded())
                return die(f.path().string() + ": not JSON");
            const nlohmann::json apps = json.value("applications", nlohmann::json::object());
            for (const auto &[aid, app] : apps.items()) {
                const nlohmann::json files = app.value("files", nlohmann::json::object());
                for (const auto &[no, file] : files.items()) {
                    auto bytes = fromHex(file.value("data", ""));
                    if (!bytes)
                        continue;
                    const char *target = no == "1" ? "memberrecord" : no == "2" ? "cardstatetoken" : nullptr;
                    if (target)
                        put(out / target, f.path().stem().string() + "-" + aid, *bytes);
                }
            }
        }
    }

    // Ledger entries of a golden simulation (the case with card replacement: many kinds).
    const fs::path kase = data / "engine" / "cases" / "replace-card-moves-balances";
    std::string policyName = slurp(kase / "policy.txt");
    while (!policyName.empty() && (policyName.back() == '\n' || policyName.back() == '\r'))
        policyName.pop_back();
    auto policy = PolicyParser::load(data / "engine" / "policies" / policyName);
    if (!policy)
        return die(policy.error().message);
    const fs::path ledgerDir = out / "sim-ledger";
    auto clock = std::make_shared<ManualClock>(1767225600000);
    auto engine = Engine::init(ledgerDir, "seed-kiosk", *policy, clock);
    if (!engine)
        return die(engine.error().message);
    {
        Simulator sim(**engine, *clock, {});
        std::istringstream script(slurp(kase / "script.jsonl"));
        if (auto r = sim.run(script); !r)
            return die(r.error().message);
    }
    std::vector<StoredEntry> entries;
    for (uint64_t seq = 1; seq <= (*engine)->ledger().size(); ++seq) {
        auto e = (*engine)->ledger().entry(seq);
        if (!e)
            return die(e.error().message);
        put(out / "canonicalcodec", "entry-" + std::to_string(seq), e->canonical);
        entries.push_back(std::move(*e));
    }
    auto head = (*engine)->ledger().treeHead(1767225600000);
    if (!head)
        return die(head.error().message);
    writeSyncSeeds(out, entries, *head, slurp(data / "engine" / "policies" / policyName));
    engine->reset();
    fs::remove_all(ledgerDir, ec);

    // Simulation scripts: every golden case's script.jsonl.
    for (const auto &c : fs::directory_iterator(data / "engine" / "cases")) {
        if (fs::exists(c.path() / "script.jsonl")) {
            const std::string text = slurp(c.path() / "script.jsonl");
            put(out / "simscript", c.path().filename().string(), asBytes(text));
        }
    }

    // PN532 frames: libnfc's open sequence, a passive target list and a DESFire SelectApplication.
    const std::vector<std::pair<const char *, Bytes>> frames = {
        {"sam-configuration", {0xD4, 0x14, 0x01}},
        {"get-firmware-version", {0xD4, 0x02}},
        {"diagnose-echo", {0xD4, 0x00, 0x00, 'l', 'i', 'b', 'n', 'f', 'c'}},
        {"read-register", {0xD4, 0x06, 0x63, 0x02, 0x63, 0x03}},
        {"rf-configuration", {0xD4, 0x32, 0x05, 0xFF, 0xFF, 0xFF}},
        {"in-list-passive-target", {0xD4, 0x4A, 0x01, 0x00}},
        {"select-application", {0xD4, 0x40, 0x01, 0x90, 0x5A, 0x00, 0x00, 0x03, 0x4C, 0x54, 0xF5, 0x00}},
        {"get-version", {0xD4, 0x40, 0x01, 0x90, 0x60, 0x00, 0x00, 0x00}},
        {"in-release", {0xD4, 0x52, 0x00}},
    };
    Bytes session;
    for (const auto &[name, payload] : frames) {
        Bytes frame = nfc::Pn532Emulator::encodeFrame(payload);
        // First byte: where the target splits the input into two reads (after the whole frame).
        Bytes seed{static_cast<uint8_t>(std::min<size_t>(frame.size(), 255))};
        seed.insert(seed.end(), frame.begin(), frame.end());
        put(out / "pn532frame", name, seed);
        session.insert(session.end(), frame.begin(), frame.end());
    }
    Bytes whole{static_cast<uint8_t>(std::min<size_t>(session.size() / 2, 255))};
    whole.insert(whole.end(), session.begin(), session.end());
    put(out / "pn532frame", "open-list-select", whole);
    std::printf("fuzz_makeseeds: seeds in %s\n", out.c_str());
    return 0;
}
