// `tapledger-hq report NAME --data DIR --out DIR` (docs/crm.md, "Reports").
#include "cli/clisupport.h"
#include "core/fileio.h"
#include "sync/hq/cli/hqcommands.h"
#include "sync/hq/cli/progressbar.h"
#include "sync/hq/crm/hqvenue.h"
#include "sync/hq/hqdatadir.h"
#include "sync/hq/reports/reportrunner.h"

#include <filesystem>
#include <iostream>
#include <optional>

namespace tapledger::sync::cli {

using tapledger::cli::CommandError;
using tapledger::cli::kExitFailed;
using tapledger::cli::orFail;

namespace {
struct ReportArgs
{
    std::string name, data, out, asOf, date, from, by = "month";
    int64_t months = 12, windowDays = 365;
};

/// The local day of @p text (YYYY-MM-DD) for option @p option; a bad date fails the command.
int64_t dayOf(const VenueCalendar &cal, const std::string &option, const std::string &text)
{
    auto midnight = cal.parseLocalDate(text);
    if (!midnight)
        throw CommandError{kExitFailed, option + " must be a date YYYY-MM-DD, got '" + text + "'"};
    return cal.localDay(*midnight);
}

void writeReport(const std::filesystem::path &out, const std::string &name, const ReportFiles &files)
{
    for (const auto &[ext, content] : {std::pair{".csv", &files.csv}, std::pair{".html", &files.html}}) {
        const auto path = out / (name + ext);
        auto written = writeFileAtomic(path, *content, 0644);
        if (!written)
            throw CommandError{kExitFailed, "cannot write " + path.string() + ": " + written.error().message};
    }
    std::cout << "ok: wrote " << (out / (name + ".csv")).string() << " and "
              << (out / (name + ".html")).string() << " (" << files.summary << ")" << std::endl;
}

void report(const ReportArgs &a)
{
    orFail(ReportRunner::checkName(a.name));
    const std::vector<std::string> names =
        a.name == "all" ? ReportRunner::names() : std::vector<std::string>{a.name};
    auto dir = orFail(HqDataDir::open(a.data));
    const HqVenue venue = orFail(HqVenue::load(a.data, dir->store()));
    const VenueCalendar &cal = venue.calendar();

    ReportOptions o;
    o.asOfDay = cal.localDay(tapledger::cli::nowUtcMillis());
    if (!a.date.empty() && (!a.asOf.empty() || !a.from.empty()))
        throw CommandError{tapledger::cli::kExitUsage,
                           "--date is one day: give it alone, or --from and --as-of"};
    if (!a.date.empty())
        o.asOfDay = dayOf(cal, "--date", a.date);
    if (!a.asOf.empty())
        o.asOfDay = dayOf(cal, "--as-of", a.asOf);
    o.byDay = a.by == "day";
    // settlement: the as-of day alone; liability by day: the 30 days up to it.
    std::optional<int64_t> from;
    if (!a.from.empty())
        from = dayOf(cal, "--from", a.from);
    o.months = a.months;
    o.windowDays = a.windowDays;

    std::error_code ec;
    std::filesystem::create_directories(a.out, ec);
    if (ec || !std::filesystem::is_directory(a.out))
        throw CommandError{kExitFailed, "--out " + a.out + " is not a writable directory" +
                                            (ec ? ": " + ec.message() : "")};
    for (const std::string &name : names) {
        o.fromDay = from.value_or(name == "liability" ? o.asOfDay - 29 : o.asOfDay);
        ProgressBar bar(name);
        const ReportFiles files = orFail(ReportRunner::run(
            name, dir->store(), venue, o, [&bar](size_t done, size_t total) { bar.update(done, total); }));
        writeReport(a.out, name, files);
    }
}
} // namespace

void addReportFilesCommand(CLI::App &app)
{
    auto a = std::make_shared<ReportArgs>();
    auto *cmd = app.add_subcommand(
        "report",
        "Write a report as NAME.csv and a self-contained NAME.html: settlement, liability, segments, cards "
        "or all (docs/crm.md, \"Reports\")");
    cmd->add_option("name", a->name, "settlement, liability, segments, cards or all")->required();
    cmd->add_option("--data", a->data, "HQ directory")->required();
    cmd->add_option("--out", a->out, "Directory to write NAME.csv and NAME.html into (created when missing)")
        ->required();
    cmd->add_option("--as-of,--to", a->asOf,
                    "Report as of the end of this local day, YYYY-MM-DD (default today); "
                    "settlement: the last day");
    cmd->add_option("--date", a->date, "settlement: this one local day, YYYY-MM-DD");
    cmd->add_option("--from", a->from,
                    "settlement and liability --by day: the first local day, YYYY-MM-DD "
                    "(default: the as-of day; liability: 29 days before it)");
    cmd->add_option("--months", a->months,
                    "segments, cards, liability: month-ends shown, the as-of day last (default 12)")
        ->check(CLI::Range(int64_t{1}, int64_t{120}));
    cmd->add_option("--window-days", a->windowDays,
                    "segments, cards: the CRM analysis window in days (default 365)")
        ->check(CLI::Range(int64_t{1}, int64_t{36500}));
    cmd->add_option("--by", a->by, "liability: one row per month-end (month, default) or per day (day)")
        ->check(CLI::IsMember({"month", "day"}));
    cmd->callback([a] { report(*a); });
}

} // namespace tapledger::sync::cli
