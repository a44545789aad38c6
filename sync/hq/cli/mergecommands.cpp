// `tapledger-hq duplicates`, `merge-members` (docs/crm.md, "Duplicates and merge").
#include "sync/hq/cli/hqcommands.h"

#include "cli/clisupport.h"
#include "sync/hq/duplicatefinder.h"
#include "sync/hq/hqdatadir.h"
#include "sync/hq/membermerge.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace tapledger::sync::cli {

using nlohmann::json;
using tapledger::cli::CommandError;
using tapledger::cli::kExitUsage;
using tapledger::cli::orFail;

namespace {
struct MergeOptions
{
    std::string data, from, into, staff;
    bool json = false, dryRun = false;
};

json candidateJson(const DuplicateCandidate &c)
{
    return {{"member", c.member.toString()}, {"name", c.name},       {"phone", c.phone},
            {"enrolled_at", c.enrolledAt},   {"currency", c.currency}, {"deposit", c.deposit},
            {"bonus", c.bonus},              {"points", c.points}};
}

std::string candidateLine(const DuplicateCandidate &c)
{
    return c.member.toString() + " \"" + c.name + "\" " + (c.phone.empty() ? "-" : c.phone) + " enrolled at " +
           (c.enrolledAt.empty() ? "?" : c.enrolledAt) + ", " + std::to_string(c.deposit) + "+" +
           std::to_string(c.bonus) + " " + (c.currency.empty() ? "-" : c.currency) + ", " + std::to_string(c.points) +
           " points";
}

void printDuplicates(const MergeOptions &o)
{
    auto dir = orFail(HqDataDir::open(o.data));
    std::vector<DuplicateCandidate> members;
    orFail(dir->store().read([&](HqReadTx &tx) -> Result<void> {
        TL_ASSIGN(members, DuplicateFinder::candidates(tx));
        return {};
    }));
    const std::vector<DuplicatePair> pairs = DuplicateFinder::pairs(members);
    for (const DuplicatePair &p : pairs) {
        if (o.json) {
            std::cout << json{{"reasons", p.reasons}, {"a", candidateJson(p.a)}, {"b", candidateJson(p.b)}}.dump() << "\n";
            continue;
        }
        std::string why;
        for (const auto &r : p.reasons)
            why += (why.empty() ? "" : ",") + r;
        std::cout << why << "\n  " << candidateLine(p.a) << "\n  " << candidateLine(p.b) << "\n";
    }
    if (!o.json)
        std::cout << pairs.size() << " candidate pairs among " << members.size() << " members" << "\n";
    std::cout.flush();
}

Uuid memberOption(const std::string &name, const std::string &value)
{
    auto id = Uuid::parse(value);
    if (!id || id->isNil())
        throw CommandError{kExitUsage, name + " must be a member id (UUID), not '" + value + "'"};
    return *id;
}

void mergeMembers(const MergeOptions &o)
{
    const MemberMergeRequest request{memberOption("--from", o.from), memberOption("--into", o.into), o.staff,
                                     tapledger::cli::nowUtcMillis()};
    auto dir = orFail(HqDataDir::open(o.data));
    const auto key = dir->key();
    MemberMergeOutcome out;
    if (o.dryRun) {
        out = orFail(MemberMerge::dryRun(dir->store(), *key, request));
    } else {
        orFail(dir->store().write([&](HqWriteTx &tx) -> Result<void> {
            TL_ASSIGN(out, MemberMerge::merge(tx, *key, request));
            return {};
        }));
    }
    const MemberMoveSummary &m = out.moved;
    const std::string moved = std::to_string(m.deposit) + " deposit and " + std::to_string(m.bonus) + " bonus" +
                              (m.currency.empty() ? "" : " " + m.currency) + ", " + std::to_string(m.points) +
                              " points in " + std::to_string(m.batches) + " batches, " + std::to_string(m.vouchers) +
                              " vouchers, " + std::to_string(m.cards) + " cards, debt " + std::to_string(m.debt) +
                              " and " + std::to_string(m.pointsDebt) + " points; " + std::to_string(m.entries) +
                              " HQ entries";
    if (out.alreadyMerged && m.empty())
        std::cout << "ok: nothing to do: " << o.from << " is already merged into " << o.into << std::endl;
    else
        std::cout << (o.dryRun ? "dry run: would move " : "ok: moved ") << moved << " from " << o.from << " to "
                  << o.into << (out.alreadyMerged ? " (merged since the first merge)" : "") << std::endl;
}
} // namespace

void addMergeCommands(CLI::App &app)
{
    auto o = std::make_shared<MergeOptions>();

    auto *dups = app.add_subcommand(
        "duplicates", "Candidate duplicate members: same phone or near-same name, each pair once (docs/crm.md)");
    dups->add_option("--data", o->data, "HQ directory")->required();
    dups->add_flag("--json", o->json, "One JSON line per pair instead of text");
    dups->callback([o] { printDuplicates(*o); });

    auto *merge = app.add_subcommand(
        "merge-members", "Move everything of one member to another through HQ's ledger; the old id resolves to it");
    merge->add_option("--data", o->data, "HQ directory")->required();
    merge->add_option("--from", o->from, "The member merged away (its id)")->required();
    merge->add_option("--into", o->into, "The surviving member (its id)")->required();
    merge->add_option("--staff", o->staff, "The HQ operator merging");
    merge->add_flag("--dry-run", o->dryRun, "Check and show what would move; store nothing");
    merge->callback([o] { mergeMembers(*o); });
}

} // namespace tapledger::sync::cli
