// `tapledger-hq import purchases`, `analytics`, `members` (docs/crm.md).
#include "sync/hq/cli/hqcommands.h"

#include "cli/clisupport.h"
#include "core/crm/cardliveness.h"
#include "core/crm/crmanalysis.h"
#include "core/fileio.h"
#include "core/money.h"
#include "sync/hq/crm/crmdataset.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/crm/purchaseimport.h"
#include "sync/hq/crm/segmentoffers.h"
#include "sync/hq/reports/monthendanalysis.h"
#include "sync/hq/reconciler.h"
#include "core/engine/systemclock.h"
#include "sync/hq/hqdatadir.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <map>
#include <optional>

namespace tapledger::sync::cli {

using tapledger::cli::CommandError;
using tapledger::cli::kExitUsage;
using tapledger::cli::orFail;

namespace {
constexpr int64_t kCardAliveDays = MonthEndAnalysis::kCardAliveDays;

struct CrmOptions
{
    std::string data, csv, asOf;
    int64_t windowDays = 365;
    int64_t validDays = 7;
    bool json = false, dryRun = false;
};

void importPurchases(const CrmOptions &o)
{
    auto dir = orFail(HqDataDir::open(o.data));
    const HqVenue venue = orFail(HqVenue::load(o.data, dir->store()));
    const std::string text = orFail(readSmallFile(o.csv, "purchases CSV"));
    const std::string source = "import:" + std::filesystem::path(o.csv).filename().string();
    auto rows = PurchaseImport::parse(text, venue, source);
    if (!rows)
        throw CommandError{tapledger::cli::kExitFailed, o.csv + ": " + rows.error().message + " (nothing imported)"};
    auto report = PurchaseImport::store(dir->store(), *rows, tapledger::cli::nowUtcMillis());
    if (!report)
        throw CommandError{tapledger::cli::kExitFailed, o.csv + ": " + report.error().message + " (nothing imported)"};
    std::cout << "ok: imported " << report->rows << " rows from " << o.csv << ": " << report->added << " new, "
              << report->alreadyStored << " already stored, " << report->newMembers << " new members" << std::endl;
}

/// The analysis of the HQ in o.data as of o.asOf (today in the venue zone when empty).
struct Run
{
    crm::Analysis analysis;
    crm::CardLiveness cards;
    std::string asOf;
    int64_t windowDays = 0;
    int exponent = 2;
    std::optional<HqVenue> venue; ///< the venue the analysis ran in
    int64_t asOfDay = 0;
    std::map<std::string, Uuid> idOf; ///< analysis member name → member id
};

Run analyse(const CrmOptions &o)
{
    auto dir = orFail(HqDataDir::open(o.data));
    const HqVenue venue = orFail(HqVenue::load(o.data, dir->store()));
    const VenueCalendar &cal = venue.calendar();
    const int64_t asOfDay = asOfLocalDay(cal, o.asOf);
    CrmDataset data;
    orFail(dir->store().read([&](HqReadTx &tx) -> Result<void> {
        auto loaded = CrmDataset::load(tx, venue, asOfDay);
        if (!loaded)
            return std::move(loaded).error();
        data = std::move(*loaded);
        return {};
    }));
    crm::AnalysisOptions options;
    options.asOfDay = asOfDay;
    options.windowDays = o.windowDays;
    Run run;
    run.analysis = orFail(crm::analyse(data.members, options));
    run.asOf = cal.localDate(cal.startOfLocalDay(asOfDay));
    run.windowDays = o.windowDays;
    run.exponent = venue.currency().exponent();

    for (size_t i = 0; i < data.memberIds.size(); ++i)
        run.idOf[data.members[i].member] = data.memberIds[i];
    run.cards = data.cardLiveness(run.analysis, asOfDay, kCardAliveDays);
    run.venue = venue;
    run.asOfDay = asOfDay;
    return run;
}

nlohmann::json optionalNumber(const std::optional<double> &v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

void printAnalytics(const Run &run)
{
    using nlohmann::json;
    const crm::FleetAnalysis &f = run.analysis.fleet;
    json out = {{"as_of", run.asOf}, {"window_days", run.windowDays}, {"members", f.members}};
    if (f.fit) {
        const auto &p = f.fit->params;
        out["liveness"] = {{"model", "bg-nbd"}, {"r", p.r}, {"alpha_days", p.alpha}, {"a", p.a}, {"b", p.b},
                           {"log_likelihood", f.fit->logLikelihood}, {"expected_alive", f.expectedAlive},
                           {"alive_over_half", f.aliveOverHalf}};
    } else {
        out["liveness"] = nullptr;
        out["liveness_error"] = f.fitError;
    }
    json pyramid = json::object();
    for (size_t i = 0; i < f.pyramid.size(); ++i)
        pyramid[std::string(crm::pyramidLevelName(static_cast<crm::PyramidLevel>(i)))] = f.pyramid[i];
    out["pyramid"] = pyramid;
    out["top_fifth_share"] = optionalNumber(f.topFifthShare);
    json quadrants = json::object();
    for (size_t i = 0; i < f.quadrants.size(); ++i)
        quadrants[std::string(crm::quadrantName(static_cast<crm::Quadrant>(i)))] = f.quadrants[i];
    out["quadrants"] = quadrants;
    out["churn"] = {{"p_alive_low", f.pAliveLow}, {"gap_beyond_rhythm", f.gapBeyondRhythm}, {"lapsed", f.lapsed}};
    out["birthdays_next_week"] = f.birthdaysNextWeek;
    out["cards"] = {{"issued", run.cards.issued}, {"alive", run.cards.alive},
                    {"expected_alive", run.cards.expectedAlive}, {"alive_days", kCardAliveDays}};
    std::cout << out.dump() << std::endl;
}

void printMembers(const Run &run, const VenueCalendar &cal)
{
    using nlohmann::json;
    const auto date = [&](int64_t day) { return cal.localDate(cal.startOfLocalDay(day)); };
    for (const crm::MemberAnalysis &m : run.analysis.members) {
        json churn = json::array();
        if (m.churn.pAliveLow)
            churn.push_back("p_alive_low");
        if (m.churn.gapBeyondRhythm)
            churn.push_back("gap_beyond_rhythm");
        if (m.churn.lapsed)
            churn.push_back("lapsed");
        json line = {{"member", m.member},
                     {"visits", m.summary.windowVisits},
                     {"spend", formatMinorUnits(m.summary.windowSpend, run.exponent)},
                     {"first", date(m.summary.firstDay)},
                     {"last", date(m.summary.lastDay)},
                     {"p_alive", optionalNumber(m.pAlive)},
                     {"expected_90d", optionalNumber(m.expected)},
                     {"rfm", m.rfm.text()},
                     {"quadrant", m.quadrant ? json(std::string(crm::quadrantName(*m.quadrant))) : json(nullptr)},
                     {"pyramid", std::string(crm::pyramidLevelName(m.pyramid))},
                     {"churn", churn},
                     {"birthday_next_week", m.birthdayNextWeek}};
        std::cout << line.dump() << "\n";
    }
    std::cout.flush();
}

/// `offers`: the programs' segment offer rules over the analysis, published per member.
void segmentOffers(const CrmOptions &o)
{
    const Run run = analyse(o);
    auto dir = orFail(HqDataDir::open(o.data));
    Reconciler reconciler(dir->store(), dir->key(), std::make_shared<SystemClock>());
    const SegmentOffersReport r = orFail(
        SegmentOffers::run(dir->store(), reconciler, *run.venue, run.analysis, run.idOf, run.asOfDay, o.validDays, o.dryRun));
    if (o.json) {
        for (const MemberSegmentOffers &m : r.members) {
            nlohmann::json offers = nlohmann::json::array();
            for (const Offer &offer : m.offers)
                offers.push_back({{"id", offer.id}, {"version", offer.version}, {"title", offer.title},
                                  {"reason", offer.reason}, {"priority", offer.priority}, {"limit_key", offer.limitPeriodKey}});
            std::cout << nlohmann::json{{"member", m.member}, {"at_kiosks", m.atKiosks}, {"offers", offers}}.dump() << "\n";
        }
    }
    std::string by;
    for (const auto &[id, n] : r.byOffer)
        by += (by.empty() ? "" : ", ") + id + ": " + std::to_string(n);
    std::cout << (o.dryRun ? "dry run: " : "ok: ") << r.analysed << " members analysed as of " << run.asOf << ", "
              << r.qualified << " qualify for " << r.offers << " offers" << (by.empty() ? "" : " (" + by + ")") << "; "
              << (o.dryRun ? "would publish " : "published ") << r.published << ", unchanged " << r.unchanged
              << ", withdrawn " << r.withdrawn;
    if (r.importedOnly)
        std::cout << "; " << r.importedOnly << " qualifying members are known only from imports (no card at a kiosk yet)";
    std::cout << std::endl;
}

void addAnalysisOptions(CLI::App *cmd, CrmOptions &o)
{
    cmd->add_option("--data", o.data, "HQ directory")->required();
    cmd->add_option("--as-of", o.asOf, "Analyse as of the end of this local day, YYYY-MM-DD (default today)");
    cmd->add_option("--window-days", o.windowDays, "Analysis window in days, ending with the as-of day")
        ->check(CLI::Range(int64_t{1}, int64_t{36500}));
    cmd->add_flag("--json", o.json, "JSON output (analytics and members: the only format; offers: one JSON line per member before the summary)");
}
} // namespace

int64_t asOfLocalDay(const VenueCalendar &calendar, const std::string &asOf)
{
    if (asOf.empty())
        return calendar.localDay(tapledger::cli::nowUtcMillis());
    auto midnight = calendar.parseLocalDate(asOf);
    if (!midnight)
        throw CommandError{kExitUsage, "--as-of must be a date YYYY-MM-DD, got '" + asOf + "'"};
    return calendar.localDay(*midnight);
}

void addCrmCommands(CLI::App &app)
{
    auto o = std::make_shared<CrmOptions>();

    auto *import = app.add_subcommand("import", "Import data into HQ");
    import->require_subcommand(1);
    auto *purchases = import->add_subcommand(
        "purchases", "Import point-of-sale purchases from a CSV (member,time,amount[,category,sku,quantity,receipt]); "
                     "idempotent, all or nothing (docs/crm.md)");
    purchases->add_option("--data", o->data, "HQ directory (its venue: the published policy, else DIR/policy.json)")->required();
    purchases->add_option("--csv", o->csv, "CSV file with a header line")->required();
    purchases->callback([o] { importPurchases(*o); });

    auto *analytics = app.add_subcommand("analytics", "Segments and the BG/NBD liveness model: one JSON object (docs/crm.md)");
    addAnalysisOptions(analytics, *o);
    analytics->callback([o] { printAnalytics(analyse(*o)); });

    auto *members = app.add_subcommand("members", "Per member: visits, spend, segments, P(alive): JSON lines (docs/crm.md)");
    addAnalysisOptions(members, *o);
    members->callback([o] {
        const Run run = analyse(*o);
        printMembers(run, run.venue->calendar());
    });

    auto *offers = app.add_subcommand(
        "offers", "Evaluate the policy's segment offers (quadrant, pyramid, churn_risk) for every member and publish "
                  "each member's to their kiosks (docs/crm.md, \"Offers from segments\")");
    addAnalysisOptions(offers, *o);
    offers->add_option("--valid-days", o->validDays, "Offers stay valid from the as-of day for this many days (default 7)")
        ->check(CLI::Range(int64_t{1}, int64_t{366}));
    offers->add_flag("--dry-run", o->dryRun, "Show what would be published; publish nothing");
    offers->callback([o] { segmentOffers(*o); });
}

} // namespace tapledger::sync::cli
