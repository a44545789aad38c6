// Fleet scenarios through the real binaries: `tapledger sim` kiosks with card images
// (--cards), `tapledger sync`, and `tapledger-hq serve` started and stopped here
// (docs/sim.md "A fleet", docs/sync-protocol.md "Worked example").
#include "sync/support/hqprocess.h"
#include "support/testsupport.h"

#include "core/bytes.h"
#include "core/ledger/merkle.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace tapledger::test {
namespace {

const std::string kHq = TAPLEDGER_HQ_PATH;
const std::string kPolicy = TAPLEDGER_EXAMPLE_POLICY;

/// JSON lines of @p text as objects (a line that is no JSON fails the test).
std::vector<json> jsonLines(const std::string &text)
{
    std::vector<json> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        auto j = json::parse(line, nullptr, false);
        EXPECT_FALSE(j.is_discarded()) << line;
        out.push_back(j);
    }
    return out;
}

class SyncCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto init = hq({"init", "--data", hqDir().string()});
        ASSERT_EQ(init.exitCode, 0) << init.err;
        m_server = std::make_unique<HqProcess>(kHq, hqDir(), m_tmp.path());
        const std::string why = m_server->start();
        ASSERT_EQ(why, "");
    }
    void TearDown() override
    {
        if (m_server) {
            EXPECT_EQ(m_server->stop(), 0) << "tapledger-hq serve did not exit 0 on SIGTERM: " << m_server->log();
        }
    }

    fs::path hqDir() const { return m_tmp.path() / "hq"; }
    fs::path kioskDir(const std::string &id) const { return m_tmp.path() / id; }
    fs::path cardsDir(const std::string &name)
    {
        fs::create_directories(m_tmp.path() / name);
        return m_tmp.path() / name;
    }

    static ProcessResult hq(std::vector<std::string> args)
    {
        args.insert(args.begin(), kHq);
        return runProcess(args);
    }
    static ProcessResult cli(std::vector<std::string> args)
    {
        args.insert(args.begin(), cliPath());
        return runProcess(args);
    }

    /// Runs @p lines as a sim script on kiosk @p id (created on first use), with card images in @p cards.
    ProcessResult sim(const std::string &id, const std::vector<std::string> &lines, const fs::path &cards = {})
    {
        const fs::path script = m_tmp.path() / ("script-" + std::to_string(++m_scripts) + ".jsonl");
        std::ofstream(script) << [&] {
            std::string s;
            for (const auto &l : lines)
                s += l + "\n";
            return s;
        }();
        std::vector<std::string> args = {"sim",  "--policy", kPolicy, "--script", script.string(), "--data",
                                         kioskDir(id).string(), "--no-history"};
        if (!fs::exists(kioskDir(id)))
            args.insert(args.end(), {"--kiosk-id", id});
        if (!cards.empty())
            args.insert(args.end(), {"--cards", cards.string()});
        return cli(args);
    }

    /// Creates kiosk @p id and connects it to HQ (provision, enrol-kiosk, install the certificate).
    void provision(const std::string &id)
    {
        auto made = sim(id, {});
        ASSERT_EQ(made.exitCode, 0) << made.err;
        const std::string csr = (m_tmp.path() / (id + ".csr")).string(), pem = (m_tmp.path() / (id + ".pem")).string();
        auto step1 = cli({"provision", "--data", kioskDir(id).string(), "--out-csr", csr});
        ASSERT_EQ(step1.exitCode, 0) << step1.err;
        auto signedCert = hq({"enrol-kiosk", "--data", hqDir().string(), "--kiosk-id", id, "--csr", csr, "--out", pem});
        ASSERT_EQ(signedCert.exitCode, 0) << signedCert.err;
        auto step2 = cli({"provision", "--data", kioskDir(id).string(), "--install-cert", pem, "--hq-ca",
                          (hqDir() / "ca.pem").string(), "--hq", m_server->url(), "--policy", kPolicy});
        ASSERT_EQ(step2.exitCode, 0) << step2.err;
    }

    ProcessResult sync(const std::string &id) { return cli({"sync", "--data", kioskDir(id).string()}); }

    std::vector<json> report(const std::string &command)
    {
        auto r = hq({command, "--data", hqDir().string()});
        EXPECT_EQ(r.exitCode, 0) << command << ": " << r.err;
        return jsonLines(r.out);
    }

    TempDir m_tmp;
    std::unique_ptr<HqProcess> m_server;
    int m_scripts = 0;
};

const std::string kEnrolAnn = R"({"event": "enrol", "member": "ann", "name": "Ann", "pin": "2468"})";
const std::string kIssueAnn = R"({"event": "issue_card", "member": "ann", "card": "ann-1"})";
const std::string kSync = R"({"event": "sync"})";
const std::string kOffline = R"({"event": "set_connectivity", "online": false})";
std::string topUp(const std::string &amount)
{
    return R"({"event": "topup", "card": "ann-1", "amount": ")" + amount + R"(", "pay": "cash"})";
}
std::string spend(const std::string &amount)
{
    return R"({"event": "purchase", "card": "ann-1", "items": [{"category": "dessert", "amount": ")" + amount +
           R"("}], "pay": "stored_value", "pin": "2468"})";
}



// docs/sync-protocol.md "Worked example": lobby-1 has 3 entries (enrol, issue, top-up 3000.00
// CNY + 900.00 bonus); one round uploads them and adopts 2 feed items; the next uploads those 2.
TEST_F(SyncCli, WorkedExample)
{
    ASSERT_NO_FATAL_FAILURE(provision("lobby-1"));
    auto made = sim("lobby-1", {kEnrolAnn, kIssueAnn, R"({"event": "topup", "card": "ann-1", "amount": "3000.00", "pay": "cash"})"});
    ASSERT_EQ(made.exitCode, 0) << made.err;
    EXPECT_EQ(json::parse(made.out)["ledger"]["entries"], 3);

    auto first = sync("lobby-1");
    ASSERT_EQ(first.exitCode, 0) << first.err;
    const json s1 = json::parse(first.out);
    EXPECT_EQ(s1["status"], "ok");
    EXPECT_EQ(s1["uploaded"], 3);
    EXPECT_EQ(s1["acked_seq"], 3);
    EXPECT_EQ(s1["feed_items"], 2);
    EXPECT_EQ(s1["applied"], 2);
    EXPECT_EQ(s1["cursor"], 2);
    EXPECT_EQ(s1["pending"], 2); // the two hq_sync entries, seq 4 and 5
    EXPECT_EQ(s1["alerts"], 0);

    const auto balances = report("balances");
    ASSERT_EQ(balances.size(), 1u);
    EXPECT_EQ(balances[0]["deposit"], 300000);
    EXPECT_EQ(balances[0]["bonus"], 90000);
    EXPECT_EQ(balances[0]["debt"], 0);

    auto second = sync("lobby-1");
    ASSERT_EQ(second.exitCode, 0) << second.err;
    const json s2 = json::parse(second.out);
    EXPECT_EQ(s2["uploaded"], 2);
    EXPECT_EQ(s2["acked_seq"], 5);
    EXPECT_EQ(s2["pending"], 0);
    EXPECT_EQ(report("balances"), balances); // the hq_sync entries carry no deltas
    EXPECT_EQ(hq({"verify", "--data", hqDir().string()}).exitCode, 0);
}

// A member enrolled at kiosk A taps and spends at kiosk B after one sync of each; the card
// (one image folder: the physical card travels) carries A's signed state to B.
TEST_F(SyncCli, EnrolledAtOneKioskTapsAtAnother)
{
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-a"));
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-b"));
    const fs::path card = cardsDir("cards");
    auto a = sim("kiosk-a", {kEnrolAnn, kIssueAnn, topUp("100.00"), kSync}, card);
    ASSERT_EQ(a.exitCode, 0) << a.err;
    EXPECT_EQ(json::parse(a.out)["syncs"].size(), 1u);

    // Before B has synced it knows neither the member nor A's key.
    auto early = sim("kiosk-b", {R"({"event": "tap", "card": "ann-1"})"}, card);
    EXPECT_EQ(early.exitCode, 1);
    EXPECT_NE(early.err.find("untrusted_signer"), std::string::npos) << early.err;

    auto b = sim("kiosk-b", {kSync, R"({"event": "tap", "card": "ann-1"})", spend("30.00")}, card);
    ASSERT_EQ(b.exitCode, 0) << b.err;
    const json state = json::parse(b.out);
    EXPECT_EQ(state["members"]["ann"]["deposit"], "70.00");
    const json image = json::parse(readFile(card / "ann-1.json"));
    EXPECT_EQ(image["kiosk"], "kiosk-b");
    EXPECT_GT(image["counter"].get<int>(), 1);
}

// The card travels from kiosk A to kiosk B with no sync in between (docs/sync-protocol.md, "The
// card's token in the view"): B's view after the tap is A's token, B spends from there, and once
// both have synced HQ holds the sum of the master ledger with nothing counted twice.
TEST_F(SyncCli, OfflineSpendingAtOneKioskReachesTheNextWithTheCard)
{
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-a"));
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-b"));
    const fs::path card = cardsDir("cards");
    ASSERT_EQ(sim("kiosk-a", {kEnrolAnn, kIssueAnn, topUp("100.00"), kSync}, card).exitCode, 0);
    ASSERT_EQ(sim("kiosk-b", {kSync}).exitCode, 0); // B learns Ann (100.00) and A's key

    auto a = sim("kiosk-a", {kOffline, spend("30.00")}, card);
    ASSERT_EQ(a.exitCode, 0) << a.err;
    const json atA = json::parse(a.out)["members"]["ann"];
    ASSERT_EQ(json::parse(readFile(card / "ann-1.json"))["kiosk"], "kiosk-a");

    auto tap = sim("kiosk-b", {kOffline, R"({"event": "tap", "card": "ann-1"})"}, card);
    ASSERT_EQ(tap.exitCode, 0) << tap.err;
    const json atB = json::parse(tap.out)["members"]["ann"];
    for (const char *k : {"deposit", "bonus", "points"})
        EXPECT_EQ(atB[k], atA[k]) << k << ": B's view after the tap is A's token";
    const auto kinds = [&](const std::string &id) {
        std::vector<std::string> out;
        for (const auto &e : jsonLines(cli({"ledger", "show", "--data", kioskDir(id).string()}).out))
            out.push_back(e["kind"].get<std::string>());
        return out;
    };
    EXPECT_EQ(kinds("kiosk-b").back(), "card_sync");
    auto verified = cli({"ledger", "verify", "--data", kioskDir("kiosk-b").string()});
    EXPECT_EQ(verified.exitCode, 0) << verified.out << verified.err;

    auto b = sim("kiosk-b", {kOffline, spend("20.00")}, card);
    ASSERT_EQ(b.exitCode, 0) << b.err;
    const json afterB = json::parse(b.out)["members"]["ann"];
    EXPECT_EQ(json::parse(readFile(card / "ann-1.json"))["kiosk"], "kiosk-b");

    // Both sync (B first: HQ has not seen A's spending yet), then both read the result.
    for (const char *id : {"kiosk-b", "kiosk-a", "kiosk-b", "kiosk-a"}) {
        auto r = sync(id);
        ASSERT_EQ(r.exitCode, 0) << id << ": " << r.err;
    }
    EXPECT_TRUE(report("alerts").empty()) << hq({"alerts", "--data", hqDir().string()}).out;
    EXPECT_TRUE(report("deny-list").empty());
    const auto balances = report("balances");
    ASSERT_EQ(balances.size(), 1u);
    EXPECT_EQ(balances[0]["debt"], 0);
    // 100.00 topped up, 30.00 spent at A, 20.00 at B: exactly what B showed after its spend.
    const auto minor = [](const json &amount) {
        const std::string s = amount.get<std::string>();
        const auto dot = s.find('.');
        return std::stoll(s.substr(0, dot)) * 100 + std::stoll(s.substr(dot + 1));
    };
    EXPECT_EQ(balances[0]["deposit"], minor(afterB["deposit"])) << balances[0].dump();
    EXPECT_EQ(balances[0]["bonus"], minor(afterB["bonus"])) << balances[0].dump();
    EXPECT_EQ(balances[0]["points"], afterB["points"]) << balances[0].dump();
    EXPECT_EQ(balances[0]["deposit"].get<int64_t>() + balances[0]["bonus"].get<int64_t>(),
              minor(atA["deposit"]) + minor(atA["bonus"]) - 2000);
    auto hqVerify = hq({"verify", "--data", hqDir().string()});
    EXPECT_EQ(hqVerify.exitCode, 0) << hqVerify.out << hqVerify.err;

    // B's view is HQ's now: a tap shows the master balances, the card (B's own token) changes nothing.
    auto again = sim("kiosk-b", {R"({"event": "tap", "card": "ann-1"})"}, card);
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(minor(json::parse(again.out)["members"]["ann"]["deposit"]), balances[0]["deposit"]);
}

// One card cloned (its image copied) and spent offline at two kiosks: HQ finds the fork and the
// overspend, books debt (never a negative balance), deny-lists the card; a third kiosk refuses it
// after its next sync.
TEST_F(SyncCli, ClonedCardSpentAtTwoKiosks)
{
    for (const char *id : {"kiosk-a", "kiosk-b", "kiosk-c"})
        ASSERT_NO_FATAL_FAILURE(provision(id));
    const fs::path cardsA = cardsDir("cards-a"), cardsB = cardsDir("cards-b"), cardsC = cardsDir("cards-c");
    ASSERT_EQ(sim("kiosk-a", {kEnrolAnn, kIssueAnn, topUp("100.00"), kSync}, cardsA).exitCode, 0);
    ASSERT_EQ(sim("kiosk-b", {kSync}).exitCode, 0);
    fs::copy_file(cardsA / "ann-1.json", cardsB / "ann-1.json");
    fs::copy_file(cardsA / "ann-1.json", cardsC / "ann-1.json");

    auto a = sim("kiosk-a", {kOffline, spend("80.00")}, cardsA);
    ASSERT_EQ(a.exitCode, 0) << a.err;
    auto b = sim("kiosk-b", {kOffline, spend("80.00")}, cardsB);
    ASSERT_EQ(b.exitCode, 0) << b.err;
    ASSERT_EQ(sync("kiosk-a").exitCode, 0);
    auto bSync = sync("kiosk-b");
    ASSERT_EQ(bSync.exitCode, 0) << bSync.err;

    std::set<std::string> types;
    for (const auto &alert : report("alerts"))
        types.insert(alert["type"].get<std::string>());
    EXPECT_TRUE(types.count("fork")) << "alerts: " << hq({"alerts", "--data", hqDir().string()}).out;
    EXPECT_TRUE(types.count("overspend"));
    const auto balances = report("balances");
    ASSERT_EQ(balances.size(), 1u);
    EXPECT_EQ(balances[0]["debt"], 6000) << balances[0].dump(); // 160.00 spent of 100.00
    EXPECT_EQ(balances[0]["deposit"], 0);
    EXPECT_GE(balances[0]["bonus"].get<int64_t>(), 0);
    const auto deny = report("deny-list");
    ASSERT_EQ(deny.size(), 1u);
    EXPECT_EQ(deny[0]["member"], balances[0]["member"]);
    EXPECT_EQ(hq({"verify", "--data", hqDir().string()}).exitCode, 0);

    auto c = sim("kiosk-c", {kSync, R"({"event": "tap", "card": "ann-1"})"}, cardsC);
    EXPECT_EQ(c.exitCode, 1);
    EXPECT_NE(c.err.find("blocked"), std::string::npos) << c.err;
}

// A card image refused at the kiosk: an older image put back (rollback), an image bound to
// another UID (clone), a re-issue over an existing image. Each refusal is a clear error, writes a
// card_alert entry (not for the re-issue) and spends nothing.
TEST_F(SyncCli, RefusedCardImagesAreAlertedAndSpendNothing)
{
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-a"));
    const fs::path cards = cardsDir("cards");
    ASSERT_EQ(sim("kiosk-a", {kEnrolAnn, kIssueAnn, topUp("100.00")}, cards).exitCode, 0);
    const std::string old = readFile(cards / "ann-1.json");
    ASSERT_EQ(sim("kiosk-a", {spend("10.00")}, cards).exitCode, 0);
    const std::string current = readFile(cards / "ann-1.json");
    const auto entries = [&] {
        return jsonLines(cli({"ledger", "show", "--data", kioskDir("kiosk-a").string()}).out);
    };
    const size_t before = entries().size();

    std::ofstream(cards / "ann-1.json") << old;
    auto rollback = sim("kiosk-a", {spend("10.00")}, cards);
    EXPECT_EQ(rollback.exitCode, 1);
    EXPECT_NE(rollback.err.find("card 'ann-1' refused (rollback)"), std::string::npos) << rollback.err;

    json cloned = json::parse(current);
    cloned["uid"] = "01020304050607";
    std::ofstream(cards / "ann-1.json") << cloned.dump();
    auto clone = sim("kiosk-a", {R"({"event": "tap", "card": "ann-1"})"}, cards);
    EXPECT_EQ(clone.exitCode, 1);
    EXPECT_NE(clone.err.find("card 'ann-1' refused (clone)"), std::string::npos) << clone.err;

    auto after = entries();
    ASSERT_EQ(after.size(), before + 2);
    EXPECT_EQ(after[before]["kind"], "card_alert");
    EXPECT_EQ(after[before]["extra"]["reason"], "rollback");
    EXPECT_EQ(after[before + 1]["extra"]["reason"], "clone");

    std::ofstream(cards / "ann-1.json") << current;
    auto reissue = sim("kiosk-a", {kIssueAnn}, cards);
    EXPECT_EQ(reissue.exitCode, 1);
    EXPECT_NE(reissue.err.find("is issued already"), std::string::npos) << reissue.err;
    auto ok = sim("kiosk-a", {spend("10.00")}, cards);
    ASSERT_EQ(ok.exitCode, 0) << ok.err;
    EXPECT_EQ(json::parse(ok.out)["members"]["ann"]["deposit"], "80.00");
    EXPECT_GT(entries().size(), before + 2); // the spend wrote; the refused re-issue did not
}

// A revoked kiosk's next round is refused with a one-line reason and nothing of it is stored.
TEST_F(SyncCli, RevokedKioskIsRefused)
{
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-a"));
    ASSERT_EQ(sim("kiosk-a", {kEnrolAnn, kIssueAnn, topUp("100.00")}).exitCode, 0);
    auto revoked = hq({"revoke-kiosk", "--data", hqDir().string(), "--kiosk-id", "kiosk-a"});
    ASSERT_EQ(revoked.exitCode, 0) << revoked.err;
    auto r = sync("kiosk-a");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_FALSE(r.err.empty());
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err; // exactly one line
    EXPECT_TRUE(report("balances").empty());
    auto simSync = sim("kiosk-a", {kSync});
    EXPECT_EQ(simSync.exitCode, 1);
    EXPECT_NE(simSync.err.find("sync refused"), std::string::npos) << simSync.err;
}

// enrol-pos signs a point-of-sale certificate (docs/pos-api.md); a kiosk refuses to install one,
// and revoke-pos revokes only a POS that is enrolled.
TEST_F(SyncCli, PosCertificatesAreEnrolledRevokedAndNeverInstalledOnAKiosk)
{
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-a"));
    ASSERT_EQ(sim("till-1", {}).exitCode, 0);
    const std::string csr = (m_tmp.path() / "till-1.csr").string(), pem = (m_tmp.path() / "till-1.pem").string();
    ASSERT_EQ(cli({"provision", "--data", kioskDir("till-1").string(), "--out-csr", csr}).exitCode, 0);
    auto enrolled = hq({"enrol-pos", "--data", hqDir().string(), "--pos-id", "till-1", "--csr", csr, "--out", pem});
    ASSERT_EQ(enrolled.exitCode, 0) << enrolled.err;
    EXPECT_NE(enrolled.out.find("ok: POS till-1 enrolled"), std::string::npos) << enrolled.out;
    auto install = cli({"provision", "--data", kioskDir("till-1").string(), "--install-cert", pem, "--hq-ca",
                        (hqDir() / "ca.pem").string(), "--hq", m_server->url()});
    EXPECT_EQ(install.exitCode, 1) << install.out;
    EXPECT_NE(install.err.find("point-of-sale certificate"), std::string::npos) << install.err;
    auto other = hq({"enrol-pos", "--data", hqDir().string(), "--pos-id", "till-2", "--csr", csr, "--out", pem});
    EXPECT_EQ(other.exitCode, 1);
    EXPECT_NE(other.err.find("the request is for POS \"till-1\", not till-2"), std::string::npos) << other.err;
    auto revoked = hq({"revoke-pos", "--data", hqDir().string(), "--pos-id", "till-1"});
    EXPECT_EQ(revoked.exitCode, 0) << revoked.err;
    auto unknown = hq({"revoke-pos", "--data", hqDir().string(), "--pos-id", "till-9"});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.err.find("POS till-9 is not enrolled"), std::string::npos) << unknown.err;
    // The kiosk is not affected.
    EXPECT_EQ(sync("kiosk-a").exitCode, 0);
}

// A kiosk restored from an old copy of its data directory is quarantined; nothing of the
// rewritten history is merged.
TEST_F(SyncCli, KioskRestoredFromOldCopyIsQuarantined)
{
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-a"));
    ASSERT_EQ(sim("kiosk-a", {kEnrolAnn, kIssueAnn}).exitCode, 0);
    const fs::path backup = m_tmp.path() / "backup";
    fs::copy(kioskDir("kiosk-a"), backup, fs::copy_options::recursive);
    ASSERT_EQ(sim("kiosk-a", {topUp("100.00")}).exitCode, 0);
    ASSERT_EQ(sync("kiosk-a").exitCode, 0);
    const auto before = report("balances");

    fs::remove_all(kioskDir("kiosk-a"));
    fs::copy(backup, kioskDir("kiosk-a"), fs::copy_options::recursive);
    ASSERT_EQ(sim("kiosk-a", {topUp("500.00"), topUp("500.00"), topUp("500.00")}).exitCode, 0);
    auto r = sync("kiosk-a");
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.err.find("restored from an old backup"), std::string::npos) << r.err;
    std::set<std::string> types;
    for (const auto &alert : report("alerts"))
        types.insert(alert["type"].get<std::string>());
    EXPECT_TRUE(types.count("rollback")) << hq({"alerts", "--data", hqDir().string()}).out;
    EXPECT_EQ(report("balances"), before);
    // Quarantined: the next round is refused as well, and still nothing is merged.
    auto again = sync("kiosk-a");
    EXPECT_EQ(again.exitCode, 1) << again.out;
    EXPECT_NE(again.err.find("quarantine"), std::string::npos) << again.err;
    EXPECT_EQ(report("balances"), before);
}

// A receipt QR checks at HQ: the entry, its signature and an inclusion proof against the
// kiosk's latest tree head; a wrong hash exits 1.
TEST_F(SyncCli, VerifyEntryFromReceiptQr)
{
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-a"));
    ASSERT_EQ(sim("kiosk-a", {kEnrolAnn, kIssueAnn, topUp("100.00")}).exitCode, 0);
    ASSERT_EQ(sync("kiosk-a").exitCode, 0);
    auto shown = cli({"ledger", "show", "--data", kioskDir("kiosk-a").string()});
    ASSERT_EQ(shown.exitCode, 0) << shown.err;
    const auto entries = jsonLines(shown.out);
    ASSERT_GE(entries.size(), 3u);
    const std::string hash = entries[2]["hash"].get<std::string>();
    auto ok = hq({"verify-entry", "--data", hqDir().string(), "--qr", "tapledger:entry:kiosk-a:3:" + hash});
    ASSERT_EQ(ok.exitCode, 0) << ok.err;
    const json v = json::parse(ok.out);
    EXPECT_EQ(v["hash_matches_receipt"], true);
    EXPECT_EQ(v["signature_verifies"], true);
    ASSERT_TRUE(v.contains("inclusion_proof")) << ok.out;
    EXPECT_EQ(v["inclusion_proof"]["leaf_index"], 2);
    EXPECT_EQ(v["included_in_tree_head"], true);
    // The printed proof checks on its own against the printed root (RFC 9162 section 2.1.3.2).
    const auto digest = [](const json &hex) {
        Sha256Digest d{};
        auto bytes = fromHexExact(hex.get<std::string>(), 32, "digest");
        EXPECT_TRUE(bytes.ok()) << hex;
        if (bytes)
            std::copy(bytes->begin(), bytes->end(), d.begin());
        return d;
    };
    std::vector<Sha256Digest> path;
    for (const auto &p : v["inclusion_proof"]["path"])
        path.push_back(digest(p));
    const auto entryHash = digest(json(hash));
    EXPECT_TRUE(merkle::verifyInclusion(2, v["inclusion_proof"]["tree_size"].get<uint64_t>(),
                                        merkle::leafHash(entryHash), path, digest(v["tree_head"]["root_hash"])));

    std::string wrong = hash;
    wrong[0] = wrong[0] == '0' ? '1' : '0';
    auto bad = hq({"verify-entry", "--data", hqDir().string(), "--qr", "tapledger:entry:kiosk-a:3:" + wrong});
    EXPECT_EQ(bad.exitCode, 1) << bad.out;
}

// Every tapledger-hq command has --help and exits 2 on bad usage.
TEST_F(SyncCli, EveryHqCommandHasHelpAndUsageErrors)
{
    for (const char *command : {"init", "serve", "enrol-kiosk", "revoke-kiosk", "alerts", "deny-list", "balances",
                                "verify", "verify-entry", "publish-policy", "publish-offers", "enrol-pos", "revoke-pos"}) {
        auto help = hq({command, "--help"});
        EXPECT_EQ(help.exitCode, 0) << command;
        EXPECT_NE(help.out.find("--data"), std::string::npos) << command << ": " << help.out;
        EXPECT_EQ(hq({command, "--no-such-option"}).exitCode, 2) << command;
        EXPECT_EQ(hq({command}).exitCode, 2) << command << " without --data";
    }
    EXPECT_EQ(hq({"no-such-command"}).exitCode, 2);
    EXPECT_EQ(hq({"verify-entry", "--data", hqDir().string(), "--qr", "tapledger:entry:x"}).exitCode, 2);
}

TEST_F(SyncCli, ServeTakesItsSettingsFromAConfigFileAndTheCommandLineWins)
{
    const fs::path config = m_tmp.path() / "hq.toml";
    std::ofstream(config) << "[hq]\ndata = \"hq\"\nlisten = \"127.0.0.1:0\"\nthreads = 2\n";
    HqProcess fromFile(kHq, hqDir(), m_tmp.path());
    ASSERT_EQ(fromFile.startWith({"--config", config.string()}), "");
    EXPECT_GT(fromFile.port(), 0);
    EXPECT_EQ(fromFile.stop(), 0) << fromFile.log();

    std::ofstream(config, std::ios::trunc) << "[hq]\ndata = \"hq\"\nlisten = \"127.0.0.1:x\"\n";
    HqProcess overridden(kHq, hqDir(), m_tmp.path());
    ASSERT_EQ(overridden.startWith({"--config", config.string(), "--listen", "127.0.0.1:0"}), "");
    EXPECT_EQ(overridden.stop(), 0) << overridden.log();
    auto badPort = hq({"serve", "--config", config.string()});
    EXPECT_EQ(badPort.exitCode, 2);
    EXPECT_NE(badPort.err.find("[hq] listen in " + config.string() + ": bad port in '127.0.0.1:x'"), std::string::npos)
        << badPort.err;

    std::ofstream(config, std::ios::trunc) << "[hq]\ndata = \"hq\"\nlisten = \"127.0.0.1:0\"\nthreads = 0\n";
    auto bad = hq({"serve", "--config", config.string()});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find(config.string() + ":4:11: [hq] threads must be an integer 1..1024"), std::string::npos)
        << bad.err;
    auto missing = hq({"serve", "--config", (m_tmp.path() / "none.toml").string()});
    EXPECT_EQ(missing.exitCode, 1) << missing.err;
}

/// The example policy at @p version with its pudding costing @p puddingPoints, written to a file.
fs::path examplePolicyVersion(const fs::path &dir, int64_t version, int64_t puddingPoints)
{
    json p = json::parse(readFile(kPolicy));
    p["version"] = version;
    for (auto &r : p["rewards"]) {
        if (r["id"] == "pudding")
            r["points"] = puddingPoints;
    }
    const fs::path out = dir / ("policy-v" + std::to_string(version) + ".json");
    std::ofstream(out) << p.dump(2);
    return out;
}

// `tapledger-hq publish-policy`: the ok line, and every refusal a one-line reason that changes nothing.
TEST_F(SyncCli, PublishPolicyRefusesBadInputAndStaleVersions)
{
    const std::string data = hqDir().string();
    const std::string v2 = examplePolicyVersion(m_tmp.path(), 2, 400).string();
    auto ok = hq({"publish-policy", "--data", data, "--policy", v2, "--effective", "2026-01-02T12:00:00+08:00"});
    ASSERT_EQ(ok.exitCode, 0) << ok.err;
    EXPECT_NE(ok.out.find("ok: policy harbour-hotel-restaurant@2 published as feed item"), std::string::npos) << ok.out;
    EXPECT_NE(ok.out.find("2026-01-02 04:00"), std::string::npos) << ok.out;

    const fs::path broken = m_tmp.path() / "broken.json";
    std::ofstream(broken) << R"({"schema": "tapledger-policy/1", "id": "x"})";
    const struct
    {
        std::vector<std::string> args;
        int exitCode;
        std::string reason;
    } cases[] = {
        {{"--policy", v2, "--effective", "now"}, 1, "not above version 2"},
        {{"--policy", kPolicy, "--effective", "now"}, 1, "not above version 2"},
        {{"--policy", broken.string(), "--effective", "now"}, 1, "policy: "},
        {{"--policy", (m_tmp.path() / "missing.json").string(), "--effective", "now"}, 1, "missing"},
        {{"--policy", v2, "--effective", "2026-01-02T12:00:00"}, 2, "with a zone"},
        {{"--policy", v2, "--effective", "tomorrow"}, 2, "with a zone"},
        {{"--policy", v2}, 2, "--effective"},
    };
    for (const auto &c : cases) {
        std::vector<std::string> args = {"publish-policy", "--data", data};
        args.insert(args.end(), c.args.begin(), c.args.end());
        auto r = hq(args);
        EXPECT_EQ(r.exitCode, c.exitCode) << c.reason << ": " << r.err;
        EXPECT_NE(r.err.find(c.reason), std::string::npos) << r.err;
        if (c.exitCode == 1) {
            EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
        }
    }
    // Another program HQ also runs: published, but a kiosk of this one records it as refused.
    json other = json::parse(readFile(kPolicy));
    other["id"] = "other-program";
    const fs::path otherFile = m_tmp.path() / "other.json";
    std::ofstream(otherFile) << other.dump();
    ASSERT_EQ(hq({"publish-policy", "--data", data, "--policy", otherFile.string(), "--effective", "now"}).exitCode, 0);

    // Nothing of the refusals reached the feed: a kiosk reads its key and the two policies.
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-a"));
    auto round = sync("kiosk-a");
    ASSERT_EQ(round.exitCode, 0) << round.err;
    const json summary = json::parse(round.out);
    EXPECT_EQ(summary["feed_items"], 3) << round.out;
    ASSERT_EQ(summary["refused"].size(), 1u) << round.out;
    EXPECT_NE(summary["refused"][0].get<std::string>().find("'other-program' is another program"), std::string::npos)
        << round.out;
}

// publish-policy → the kiosk syncs → `tapledger` runs the new version from its effective moment
// (the kiosk's file stays the initial policy; reopening starts with the newest in force).
TEST_F(SyncCli, PublishedPolicyTakesOverAtItsMoment)
{
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-a"));
    const std::string buy = R"({"event": "purchase", "card": "ann-1", "items": [{"category": "dessert", "amount": "10000.00"}], "pay": "cash"})";
    auto made = sim("kiosk-a", {kEnrolAnn, kIssueAnn, buy});
    ASSERT_EQ(made.exitCode, 0) << made.err;
    const int64_t earned = json::parse(made.out)["members"]["ann"]["points"].get<int64_t>();
    ASSERT_GE(earned, 800);

    const std::string v2 = examplePolicyVersion(m_tmp.path(), 2, 500).string();
    auto pub = hq({"publish-policy", "--data", hqDir().string(), "--policy", v2, "--effective", "2026-01-02T12:00:00+08:00"});
    ASSERT_EQ(pub.exitCode, 0) << pub.err;

    const std::string pudding = R"({"event": "redeem", "card": "ann-1", "reward": "pudding", "pin": "2468"})";
    auto before = sim("kiosk-a", {kSync, pudding});
    ASSERT_EQ(before.exitCode, 0) << before.err;
    const int64_t afterOld = json::parse(before.out)["members"]["ann"]["points"].get<int64_t>();
    EXPECT_EQ(earned - afterOld, 300) << "before its moment the file's policy prices the pudding";

    auto after = sim("kiosk-a", {R"({"event": "clock", "time": "2026-01-02T12:00:00+08:00"})", pudding});
    ASSERT_EQ(after.exitCode, 0) << after.err;
    const int64_t afterNew = json::parse(after.out)["members"]["ann"]["points"].get<int64_t>();
    EXPECT_EQ(afterOld - afterNew, 500) << "from its moment on the published version prices it";
    EXPECT_EQ(cli({"ledger", "verify", "--data", kioskDir("kiosk-a").string()}).exitCode, 0);
    auto round = sync("kiosk-a");
    ASSERT_EQ(round.exitCode, 0) << round.err;
    EXPECT_EQ(hq({"verify", "--data", hqDir().string()}).exitCode, 0);
}

// Reward stock across the fleet: a stock of 1, redeemed at kiosk A and synced; kiosk B refuses
// the reward after its own sync ("out of stock"), though B's own count says 1 is left.
TEST_F(SyncCli, LastRewardInStockGoesOnce)
{
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-a"));
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-b"));
    json p = json::parse(readFile(kPolicy));
    p["version"] = 2;
    for (auto &r : p["rewards"]) {
        if (r["id"] == "pudding")
            r["stock"] = 1;
    }
    const fs::path v2 = m_tmp.path() / "policy-stock1.json";
    std::ofstream(v2) << p.dump(2);
    auto pub = hq({"publish-policy", "--data", hqDir().string(), "--policy", v2.string(), "--effective",
                   "2025-12-31T00:00:00Z"});
    ASSERT_EQ(pub.exitCode, 0) << pub.err;

    const fs::path card = cardsDir("cards");
    const std::string buy = R"({"event": "purchase", "card": "ann-1", "items": [{"category": "dessert", "amount": "10000.00"}], "pay": "cash"})";
    const std::string pudding = R"({"event": "redeem", "card": "ann-1", "reward": "pudding", "pin": "2468"})";
    auto a = sim("kiosk-a", {kEnrolAnn, kIssueAnn, buy, kSync, pudding, kSync}, card);
    ASSERT_EQ(a.exitCode, 0) << a.err;

    auto b = sim("kiosk-b", {kSync, R"({"event": "tap", "card": "ann-1"})", pudding}, card);
    EXPECT_EQ(b.exitCode, 1) << b.out;
    EXPECT_NE(b.err.find("out of stock"), std::string::npos) << b.err;
    EXPECT_EQ(hq({"verify", "--data", hqDir().string()}).exitCode, 0);
}

// `tapledger-hq publish-offers`: a member's offers from a file, refused with a one-line reason
// for an unknown member or a bad file; the kiosk shows the published one after its sync.
TEST_F(SyncCli, PublishOffersForAMember)
{
    ASSERT_NO_FATAL_FAILURE(provision("kiosk-a"));
    ASSERT_EQ(sim("kiosk-a", {kEnrolAnn, kIssueAnn, kSync}).exitCode, 0);
    const auto balances = report("balances");
    ASSERT_EQ(balances.size(), 1u);
    const std::string member = balances[0]["member"];
    const json offer = {{"id", "winback-7"}, {"version", 1}, {"title", "We miss you"},
                        {"reason", "Come back: 30 points on us"}, {"priority", 70}, {"valid_from_ms", 0},
                        {"valid_until_ms", 4102444800000}, {"per_member_limit", 1},
                        {"grant", {{"type", "points"}, {"points", 30}}}};
    const fs::path good = m_tmp.path() / "offers.json", bad = m_tmp.path() / "bad-offers.json";
    std::ofstream(good) << json{{"offers", json::array({offer})}}.dump(2);
    json broken = offer;
    broken["grant"] = {{"type", "cash"}};
    std::ofstream(bad) << json{{"offers", json::array({broken})}}.dump();
    const std::string data = hqDir().string();
    const struct
    {
        std::vector<std::string> args;
        int exitCode;
        std::string reason;
    } cases[] = {
        {{"--member", "00000000-0000-4000-8000-000000000001", "--file", good.string()}, 1, "not known at HQ"},
        {{"--member", member, "--file", bad.string()}, 1, "offers[0].grant.type"},
        {{"--member", member, "--file", kPolicy}, 1, "expected a JSON object"},
        {{"--member", "ann", "--file", good.string()}, 2, "not a member id"},
    };
    for (const auto &c : cases) {
        std::vector<std::string> args = {"publish-offers", "--data", data};
        args.insert(args.end(), c.args.begin(), c.args.end());
        auto r = hq(args);
        EXPECT_EQ(r.exitCode, c.exitCode) << c.reason << ": " << r.err;
        EXPECT_NE(r.err.find(c.reason), std::string::npos) << r.err;
    }
    auto ok = hq({"publish-offers", "--data", data, "--member", member, "--file", good.string()});
    ASSERT_EQ(ok.exitCode, 0) << ok.err;
    EXPECT_NE(ok.out.find("ok: 1 offers for member " + member), std::string::npos) << ok.out;
    auto round = sync("kiosk-a");
    ASSERT_EQ(round.exitCode, 0) << round.err;
    EXPECT_FALSE(json::parse(round.out).contains("refused")) << round.out;
}

} // namespace
} // namespace tapledger::test
