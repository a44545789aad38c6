#include "sync/hq/reports/monthendanalysis.h"

#include "sync/hq/crm/crmdataset.h"

namespace tapledger::sync {

Result<std::vector<MonthEndAnalysis>> MonthEndAnalysis::run(HqReadTx &tx, const HqVenue &venue,
                                                            const std::vector<int64_t> &days,
                                                            int64_t windowDays,
                                                            const ReportProgress &progress)
{
    std::vector<MonthEndAnalysis> out;
    for (const int64_t day : days) {
        auto data = CrmDataset::load(tx, venue, day);
        if (!data)
            return std::move(data).error();
        crm::AnalysisOptions options;
        options.asOfDay = day;
        options.windowDays = windowDays;
        auto analysis = crm::analyse(data->members, options);
        if (!analysis)
            return std::move(analysis).error();
        MonthEndAnalysis m;
        m.day = day;
        m.cards = data->cardLiveness(*analysis, day, kCardAliveDays);
        m.analysis = std::move(*analysis);
        out.push_back(std::move(m));
        if (progress)
            progress(out.size(), days.size());
    }
    return out;
}

} // namespace tapledger::sync
