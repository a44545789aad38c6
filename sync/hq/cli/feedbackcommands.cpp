// `tapledger-hq feedback`, `complaints`, `complaint answer|close` (docs/crm.md, "Feedback and complaints").
#include "sync/hq/cli/hqcommands.h"

#include "cli/clisupport.h"
#include "sync/hq/crm/complaintbook.h"
#include "sync/hq/crm/feedbackscores.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/hqdatadir.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <optional>

namespace tapledger::sync::cli {

using nlohmann::json;
using tapledger::cli::orFail;

namespace {
struct FeedbackOptions
{
    std::string data, asOf, status, id, staff, note;
    double halfLifeDays = 90;
    int64_t makeGoodPoints = 0;
    bool json = false;
};

json optionalNumber(const std::optional<double> &v)
{
    return v ? json(*v) : json(nullptr);
}

json groupJson(const char *keyName, const FeedbackGroup &g)
{
    json out = json::object();
    if (keyName)
        out[keyName] = g.key;
    const crm::Satisfaction &s = g.satisfaction;
    out.update({{"score", optionalNumber(s.score)}, {"mean", optionalNumber(s.mean)}, {"ratings", s.ratings},
                {"raters", s.raters}, {"feedback", g.feedback}, {"comments", g.comments}, {"complaints", g.complaints}});
    return out;
}

std::string oneDecimal(const std::optional<double> &v)
{
    if (!v)
        return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", *v);
    return buf;
}

std::string groupLine(const std::string &label, const FeedbackGroup &g)
{
    const crm::Satisfaction &s = g.satisfaction;
    return label + ": score " + oneDecimal(s.score) + " (mean " + oneDecimal(s.mean) + ") from " +
           std::to_string(s.ratings) + " ratings by " + std::to_string(s.raters) + " raters; " +
           std::to_string(g.feedback) + " feedback, " + std::to_string(g.comments) + " comments, " +
           std::to_string(g.complaints) + " complaints";
}

void printScores(const FeedbackOptions &o)
{
    auto dir = orFail(HqDataDir::open(o.data));
    const HqVenue venue = orFail(HqVenue::load(o.data, dir->store()));
    const VenueCalendar &cal = venue.calendar();
    const crm::SatisfactionOptions options{asOfLocalDay(cal, o.asOf), o.halfLifeDays};
    FeedbackScoresReport report;
    orFail(dir->store().read([&](HqReadTx &tx) -> Result<void> {
        auto feedback = MergedFeedback::load(tx);
        if (!feedback)
            return std::move(feedback).error();
        TL_ASSIGN(report, FeedbackScores::compute(*feedback, cal, options));
        return {};
    }));
    const std::string asOf = cal.localDate(cal.startOfLocalDay(options.asOfDay));
    if (o.json) {
        json kiosks = json::array(), categories = json::array();
        for (const auto &g : report.kiosks)
            kiosks.push_back(groupJson("kiosk", g));
        for (const auto &g : report.categories)
            categories.push_back(groupJson("category", g));
        std::cout << json{{"as_of", asOf}, {"half_life_days", o.halfLifeDays}, {"venue", groupJson(nullptr, report.venue)},
                          {"kiosks", kiosks}, {"categories", categories}}
                         .dump()
                  << std::endl;
        return;
    }
    std::cout << "satisfaction as of " << asOf << " (0-100, half-life " << o.halfLifeDays << " days)\n";
    std::cout << groupLine("venue", report.venue) << "\n";
    for (const auto &g : report.kiosks)
        std::cout << groupLine("kiosk " + g.key, g) << "\n";
    for (const auto &g : report.categories)
        std::cout << groupLine("category " + g.key, g) << "\n";
    std::cout.flush();
}

void printComplaints(const FeedbackOptions &o)
{
    auto dir = orFail(HqDataDir::open(o.data));
    const HqVenue venue = orFail(HqVenue::load(o.data, dir->store()));
    const VenueCalendar &cal = venue.calendar();
    std::vector<Complaint> complaints;
    const std::optional<std::string> status = o.status.empty() ? std::nullopt : std::optional<std::string>(o.status);
    orFail(dir->store().read([&](HqReadTx &tx) -> Result<void> {
        TL_ASSIGN(complaints, ComplaintBook::list(tx, status));
        return {};
    }));
    for (const Complaint &c : complaints) {
        const MergedFeedback &f = c.feedback;
        if (!o.json) {
            std::cout << f.id() << "  " << c.status << "  " << cal.localDateTime(f.timeMs) << "  " << f.feedback.rating
                      << "/5" << (f.feedback.category.empty() ? "" : " " + f.feedback.category) << "  member "
                      << (f.member.isNil() ? "anonymous" : f.member.toString())
                      << (f.feedback.hasComment() ? "  \"" + f.feedback.text + "\"" : "") << "\n";
            for (const ComplaintStep &s : c.steps)
                std::cout << "    " << s.status << " " << cal.localDateTime(s.timeMs) << " by " << s.staff
                          << (s.note.empty() ? "" : ": " + s.note)
                          << (s.makeGoodPoints > 0 ? " (+" + std::to_string(s.makeGoodPoints) + " points)" : "") << "\n";
            continue;
        }
        json steps = json::array();
        for (const ComplaintStep &s : c.steps)
            steps.push_back({{"status", s.status}, {"staff", s.staff}, {"note", s.note},
                             {"time", cal.localDateTime(s.timeMs)}, {"make_good_points", s.makeGoodPoints}});
        std::cout << json{{"id", f.id()}, {"kiosk", f.kioskId}, {"seq", f.seq},
                          {"member", f.member.isNil() ? json(nullptr) : json(f.member.toString())},
                          {"time", cal.localDateTime(f.timeMs)}, {"rating", f.feedback.rating},
                          {"category", f.feedback.category}, {"text", f.feedback.text}, {"status", c.status},
                          {"steps", steps}}
                         .dump()
                  << "\n";
    }
    std::cout.flush();
}

/// `complaint answer` (@p close false) or `complaint close`: one store transaction.
void takeStep(const FeedbackOptions &o, bool close)
{
    auto dir = orFail(HqDataDir::open(o.data));
    const ComplaintAction action{o.id, o.staff, o.note, o.makeGoodPoints, tapledger::cli::nowUtcMillis()};
    const auto key = dir->key();
    ComplaintStep step;
    orFail(dir->store().write([&](HqWriteTx &tx) -> Result<void> {
        TL_ASSIGN(step, close ? ComplaintBook::close(tx, action, *key) : ComplaintBook::answer(tx, action));
        return {};
    }));
    std::cout << "ok: complaint " << o.id << " " << step.status << " by " << step.staff;
    if (step.makeGoodPoints > 0)
        std::cout << "; " << step.makeGoodPoints << " make-good points granted through HQ's ledger";
    std::cout << std::endl;
}

void addStepOptions(CLI::App *cmd, FeedbackOptions &o)
{
    cmd->add_option("--data", o.data, "HQ directory")->required();
    cmd->add_option("--id", o.id, "The complaint: <kiosk>:<seq> of its feedback entry (see `complaints`)")->required();
    cmd->add_option("--staff", o.staff, "The HQ operator taking this step")->required();
}
} // namespace

void addFeedbackCommands(CLI::App &app)
{
    auto o = std::make_shared<FeedbackOptions>();

    auto *scores = app.add_subcommand(
        "feedback", "Weighted satisfaction (0-100) of the venue, per kiosk and per category (docs/crm.md)");
    scores->add_option("--data", o->data, "HQ directory")->required();
    scores->add_option("--as-of", o->asOf, "Score as of the end of this local day, YYYY-MM-DD (default today)");
    scores->add_option("--half-life-days", o->halfLifeDays, "A rating's weight halves every this many days (default 90)")
        ->check(CLI::Range(1.0, 36500.0));
    scores->add_flag("--json", o->json, "One JSON object instead of text lines");
    scores->callback([o] { printScores(*o); });

    auto *list = app.add_subcommand("complaints", "The complaint follow-up list: open, answered, closed (docs/crm.md)");
    list->add_option("--data", o->data, "HQ directory")->required();
    list->add_option("--status", o->status, "Only complaints in this status")
        ->check(CLI::IsMember({"open", "answered", "closed"}));
    list->add_flag("--json", o->json, "One JSON line per complaint instead of text");
    list->callback([o] { printComplaints(*o); });

    auto *complaint = app.add_subcommand("complaint", "Follow up a complaint");
    complaint->require_subcommand(1);
    auto *answer = complaint->add_subcommand("answer", "Record the answer given to an open complaint");
    addStepOptions(answer, *o);
    answer->add_option("--note", o->note, "What the member was told")->required();
    answer->callback([o] { takeStep(*o, false); });
    auto *close = complaint->add_subcommand("close", "Close an open or answered complaint");
    addStepOptions(close, *o);
    close->add_option("--note", o->note, "How it was resolved");
    close->add_option("--make-good-points", o->makeGoodPoints,
                      "Give the member this many points through HQ's ledger (an HQ-signed adjust entry)")
        ->check(CLI::Range(int64_t{1}, ComplaintBook::kMaxMakeGoodPoints));
    close->callback([o] { takeStep(*o, true); });
}

} // namespace tapledger::sync::cli
