// `tapledger-hq publish-policy` (and the other feed publications): what HQ tells every kiosk
// besides members and the deny-list (docs/sync-protocol.md, item types).
#include "sync/hq/cli/hqcommands.h"

#include "cli/clisupport.h"
#include "core/engine/hqoffers.h"
#include "core/engine/systemclock.h"
#include "core/engine/venuecalendar.h"
#include "core/fileio.h"
#include "sync/hq/hqdatadir.h"
#include "sync/hq/reconciler.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace tapledger::sync::cli {

using tapledger::cli::CommandError;
using tapledger::cli::kExitUsage;
using tapledger::cli::orFail;

namespace {
/// Largest policy file accepted (policies are a few KiB).
constexpr size_t kMaxPolicyBytes = 1 << 20;

/// "now" or an ISO 8601 instant with "Z" or an offset ("2026-12-03T08:00:00+08:00"): UTC ms.
/// A time without a zone is refused (usage): HQ serves venues in several zones.
int64_t parseEffective(const std::string &text, int64_t nowMs)
{
    if (text == "now")
        return nowMs;
    const bool zoned = !text.empty() && (text.back() == 'Z' || (text.size() > 6 && (text[text.size() - 6] == '+' ||
                                                                                   text[text.size() - 6] == '-')));
    auto utc = VenueCalendar::create("UTC");
    auto ms = zoned && utc ? utc->parseInstant(text) : Result<int64_t>(fail(ErrorCode::InvalidArgument, ""));
    if (!ms)
        throw CommandError{kExitUsage, "--effective: '" + text +
                                           "' is not \"now\" or a time with a zone like 2026-12-03T08:00:00+08:00"};
    return *ms;
}

struct Options
{
    std::string data, policy, effective, member, file;
};

/// The offers of an OFFERS.json file: {"offers": [ … ]} (docs/sync-protocol.md, `offers` body).
std::vector<Offer> readOffersFile(const std::string &path)
{
    const std::string text = orFail(readSmallFile(path, "offers file"));
    if (text.size() > kMaxPolicyBytes)
        throw CommandError{tapledger::cli::kExitFailed, "offers file " + path + " is over 1 MiB"};
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.size() != 1 || !j.contains("offers"))
        throw CommandError{tapledger::cli::kExitFailed,
                           "offers file " + path + ": expected a JSON object {\"offers\": [ … ]} and nothing else"};
    return orFail(HqOffers::parse(j.at("offers").dump()));
}
} // namespace

void addFeedCommands(CLI::App &app)
{
    auto o = std::make_shared<Options>();
    auto *pub = app.add_subcommand("publish-policy",
                                   "Publish a program policy version to every kiosk, in force from a stated moment");
    pub->add_option("--data", o->data, "HQ directory")->required();
    pub->add_option("--policy", o->policy, "Policy file (docs/policy.md); its version must be above the last published")
        ->required();
    pub->add_option("--effective", o->effective,
                    "When kiosks switch to it: \"now\" or ISO 8601 with a zone, e.g. 2026-12-03T08:00:00+08:00")
        ->required();
    pub->callback([o] {
        const int64_t now = tapledger::cli::nowUtcMillis();
        const int64_t effective = parseEffective(o->effective, now);
        const std::string text = orFail(readSmallFile(o->policy, "policy file"));
        if (text.size() > kMaxPolicyBytes)
            throw CommandError{tapledger::cli::kExitFailed, "policy file " + o->policy + " is over 1 MiB"};
        auto dir = orFail(HqDataDir::open(o->data));
        Reconciler reconciler(dir->store(), dir->key(), std::make_shared<SystemClock>());
        const PolicyRecord rec = orFail(reconciler.publishPolicy(text, effective));
        std::cout << "ok: policy " << rec.policyId << "@" << rec.version << " published as feed item " << rec.feedSeq
                  << ", effective " << orFail(VenueCalendar::create("UTC")).localDateTime(rec.effectiveMs) << " UTC"
                  << std::endl;
    });

    auto *offers = app.add_subcommand("publish-offers", "Publish one member's ranked offers to every kiosk (replaces the last)");
    offers->add_option("--data", o->data, "HQ directory")->required();
    offers->add_option("--member", o->member, "The member's id (uuid)")->required();
    offers->add_option("--file", o->file, "OFFERS.json: {\"offers\": [ … ]}; an empty list withdraws them")->required();
    offers->callback([o] {
        auto member = Uuid::parse(o->member);
        if (!member || member->isNil())
            throw CommandError{kExitUsage, "--member: '" + o->member + "' is not a member id (uuid)"};
        const std::vector<Offer> list = readOffersFile(o->file);
        auto dir = orFail(HqDataDir::open(o->data));
        Reconciler reconciler(dir->store(), dir->key(), std::make_shared<SystemClock>());
        const MemberOffersRecord rec = orFail(reconciler.publishMemberOffers(*member, list));
        std::cout << "ok: " << list.size() << " offers for member " << member->toString() << " published as feed item "
                  << rec.feedSeq << std::endl;
    });
}

} // namespace tapledger::sync::cli
