#pragma once
// What every report takes and gives (docs/crm.md, "Reports").

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace tapledger::sync {

/// Called as a long report advances: @p done of @p total steps (chains scanned, month-ends
/// analysed). The command draws it as a progress bar on a terminal.
using ReportProgress = std::function<void(size_t done, size_t total)>;

/// The options of `tapledger-hq report` (days are local days since 1970-01-01 of the venue).
struct ReportOptions
{
    int64_t asOfDay = 0;      ///< the report's as-of day; it counts to its end
    int64_t fromDay = 0;      ///< settlement and liability by day: first day shown (<= asOfDay)
    int64_t months = 12;      ///< month-ends shown by segments, cards, liability by month: 1..120
    int64_t windowDays = 365; ///< the CRM analysis window (segments, cards), >= 1
    bool byDay = false;       ///< liability: one row per day from fromDay instead of per month-end
};

/// One report's two files and the summary the command prints.
struct ReportFiles
{
    std::string csv;     ///< NAME.csv: RFC 4180, a header line
    std::string html;    ///< NAME.html: self-contained page
    std::string summary; ///< a few words for the ok line, e.g. "3 days, 14 lines"
};

} // namespace tapledger::sync
