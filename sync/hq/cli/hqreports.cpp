#include "sync/hq/cli/hqcommands.h"

#include "cli/clisupport.h"
#include "core/ledger/entryjson.h"
#include "core/ledger/merkle.h"
#include "core/ledger/signedtreehead.h"
#include "sync/hq/hqdatadir.h"
#include "sync/hq/masterverifier.h"
#include "sync/hq/membermerge.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace tapledger::sync::cli {

using tapledger::cli::CommandError;
using tapledger::cli::kExitFailed;
using tapledger::cli::kExitUsage;
using tapledger::cli::orFail;

namespace {
std::string uuidOrNull(const Uuid &id)
{
    return id.isNil() ? std::string() : id.toString();
}

/// Runs @p body over a read transaction of the HQ in @p data.
void withStore(const std::string &data, const std::function<Result<void>(HqReadTx &, HqDataDir &)> &body)
{
    auto dir = orFail(HqDataDir::open(data));
    orFail(dir->store().read([&](HqReadTx &tx) { return body(tx, *dir); }));
}

struct EntryRef
{
    std::string kioskId;
    uint64_t seq = 0;
    Sha256Digest hash{};
};

/// Parses a receipt QR text "tapledger:entry:<kiosk>:<seq>:<sha256 hex>".
EntryRef parseQr(const std::string &qr)
{
    const std::string prefix = "tapledger:entry:";
    const auto usage = [&] {
        return CommandError{kExitUsage, "--qr must be tapledger:entry:<kiosk>:<seq>:<sha256>, got '" + qr + "'"};
    };
    if (qr.rfind(prefix, 0) != 0)
        throw usage();
    const std::string rest = qr.substr(prefix.size());
    const auto c1 = rest.find(':');
    const auto c2 = rest.find(':', c1 == std::string::npos ? c1 : c1 + 1);
    if (c1 == std::string::npos || c2 == std::string::npos)
        throw usage();
    EntryRef ref;
    ref.kioskId = rest.substr(0, c1);
    try {
        size_t used = 0;
        ref.seq = std::stoull(rest.substr(c1 + 1, c2 - c1 - 1), &used);
        if (used != c2 - c1 - 1 || ref.seq == 0)
            throw usage();
    } catch (const std::exception &) {
        throw usage();
    }
    auto hash = fromHexExact(rest.substr(c2 + 1), 32, "entry hash");
    if (!hash)
        throw usage();
    std::copy(hash->begin(), hash->end(), ref.hash.begin());
    return ref;
}
} // namespace

void addReportCommands(CLI::App &app)
{
    auto data = std::make_shared<std::string>();
    auto qr = std::make_shared<std::string>();

    auto *alerts = app.add_subcommand("alerts", "Security alerts as JSON lines: fork, clone, overspend, rollback, card, voucher");
    alerts->add_option("--data", *data, "HQ directory")->required();
    alerts->callback([data] {
        withStore(*data, [](HqReadTx &tx, HqDataDir &) -> Result<void> {
            auto list = tx.alerts();
            if (!list)
                return std::move(list).error();
            for (const auto &a : *list)
                std::cout << nlohmann::json{{"id", a.id},         {"type", a.type},
                                            {"kiosk", a.kioskId}, {"seq", a.seq},
                                            {"card", uuidOrNull(a.card)}, {"member", uuidOrNull(a.member)},
                                            {"detail", a.detail}, {"time", formatUtcMillis(a.timeMs)}}
                                 .dump()
                          << "\n";
            return {};
        });
    });

    auto *deny = app.add_subcommand("deny-list", "The card deny-list as JSON lines: card, reason, version");
    deny->add_option("--data", *data, "HQ directory")->required();
    deny->callback([data] {
        withStore(*data, [](HqReadTx &tx, HqDataDir &) -> Result<void> {
            auto list = tx.denyList();
            if (!list)
                return std::move(list).error();
            for (const auto &d : *list)
                std::cout << nlohmann::json{{"card", d.card.toString()}, {"member", uuidOrNull(d.member)},
                                            {"reason", d.reason},        {"version", d.version},
                                            {"time", formatUtcMillis(d.timeMs)}}
                                 .dump()
                          << "\n";
            return {};
        });
    });

    auto *balances = app.add_subcommand("balances", "Master balances as JSON lines: member, deposit, bonus, points, debt");
    balances->add_option("--data", *data, "HQ directory")->required();
    auto member = std::make_shared<std::string>();
    balances->add_option("--member", *member, "Only this member (a merged-away id answers with the member it went to)");
    balances->callback([data, member] {
        withStore(*data, [&](HqReadTx &tx, HqDataDir &) -> Result<void> {
            auto list = tx.masterBalances();
            if (!list)
                return std::move(list).error();
            Uuid only;
            if (!member->empty()) {
                auto id = Uuid::parse(*member);
                if (!id)
                    throw CommandError{kExitUsage, "--member must be a member id (UUID), not '" + *member + "'"};
                TL_ASSIGN(only, MemberMerge::resolve(tx, *id));
            }
            for (const auto &b : *list) {
                if (!only.isNil() && b.member != only)
                    continue;
                nlohmann::json line{{"member", b.member.toString()}, {"currency", b.currency},
                                    {"deposit", b.deposit},          {"bonus", b.bonus},
                                    {"points", b.points},            {"debt", b.debt},
                                    {"points_debt", b.pointsDebt}};
                // A merged-away member (docs/crm.md, "Duplicates and merge") says where it went.
                auto end = MemberMerge::resolve(tx, b.member);
                if (!end)
                    return std::move(end).error();
                if (*end != b.member)
                    line["merged_into"] = end->toString();
                std::cout << line.dump() << "\n";
            }
            return {};
        });
    });

    auto *verify = app.add_subcommand("verify", "Re-derive the master state from the master ledger and compare");
    verify->add_option("--data", *data, "HQ directory")->required();
    verify->callback([data] {
        MasterVerifyReport report;
        withStore(*data, [&](HqReadTx &tx, HqDataDir &dir) -> Result<void> {
            report = verifyMasterState(tx, dir.key()->publicKey());
            return {};
        });
        if (!report.ok)
            throw CommandError{kExitFailed, "verify FAILED: " + report.problem};
        std::cout << "ok: " << report.chains << " chains, " << report.entries << " entries, " << report.members
                  << " members; master balances equal the master ledger" << std::endl;
    });

    auto *entry = app.add_subcommand("verify-entry", "Check a receipt's entry: signature and RFC 6962 inclusion proof");
    entry->add_option("--data", *data, "HQ directory")->required();
    entry->add_option("--qr", *qr, "The receipt QR text, tapledger:entry:<kiosk>:<seq>:<sha256>")->required();
    entry->callback([data, qr] {
        const EntryRef ref = parseQr(*qr);
        withStore(*data, [&](HqReadTx &tx, HqDataDir &) -> Result<void> {
            auto kiosk = tx.kiosk(ref.kioskId);
            if (!kiosk)
                return std::move(kiosk).error();
            if (!*kiosk)
                return fail(ErrorCode::NotFound, "kiosk " + ref.kioskId + " is not enrolled at this HQ");
            auto stored = tx.entries(ref.kioskId, ref.seq, 1);
            if (!stored)
                return std::move(stored).error();
            if (stored->empty() || stored->front().entry.seq != ref.seq)
                return fail(ErrorCode::NotFound, "HQ has not received entry " + std::to_string(ref.seq) + " of kiosk " +
                                                     ref.kioskId + " yet (it arrives with the kiosk's next sync)");
            const StoredEntry &e = stored->front();
            const bool hashOk = e.hash == ref.hash && sha256(e.canonical) == e.hash;
            const bool sigOk = ed25519Verify((*kiosk)->deviceKey, e.canonical, e.signature);
            auto tip = tx.chainTip(ref.kioskId);
            if (!tip)
                return std::move(tip).error();
            nlohmann::json out{{"entry", nlohmann::json::parse(entryToJson(e))},
                               {"hash_matches_receipt", hashOk},
                               {"signature_verifies", sigOk}};
            bool included = false;
            if (!tip->headJson.empty()) {
                auto head = SignedTreeHead::fromJson(tip->headJson);
                if (!head)
                    return std::move(head).error();
                auto hashes = tx.entryHashes(ref.kioskId);
                if (!hashes)
                    return std::move(hashes).error();
                out["tree_head"] = nlohmann::json::parse(tip->headJson);
                out["tree_head_signature_verifies"] = head->verify((*kiosk)->deviceKey);
                if (ref.seq <= head->treeSize && head->treeSize <= hashes->size()) {
                    std::vector<Sha256Digest> leaves;
                    leaves.reserve(static_cast<size_t>(head->treeSize));
                    for (uint64_t i = 0; i < head->treeSize; ++i)
                        leaves.push_back(merkle::leafHash((*hashes)[i]));
                    const auto proof = merkle::inclusionProof(leaves, ref.seq - 1);
                    nlohmann::json path = nlohmann::json::array();
                    for (const auto &p : proof)
                        path.push_back(toHex(p));
                    out["inclusion_proof"] = {{"leaf_index", ref.seq - 1}, {"tree_size", head->treeSize}, {"path", path}};
                    included = merkle::verifyInclusion(ref.seq - 1, head->treeSize, leaves[ref.seq - 1], proof, head->rootHash) &&
                               out["tree_head_signature_verifies"].get<bool>();
                }
            }
            out["included_in_tree_head"] = included;
            std::cout << out.dump() << "\n";
            if (!hashOk || !sigOk)
                return fail(ErrorCode::Corrupt, !hashOk ? "the entry HQ holds does not have the receipt's hash"
                                                         : "the entry's signature does not verify with the kiosk's key");
            if (!included)
                return fail(ErrorCode::NotFound, "the entry is not yet covered by a tree head of the kiosk (next sync)");
            return {};
        });
    });
}

} // namespace tapledger::sync::cli
