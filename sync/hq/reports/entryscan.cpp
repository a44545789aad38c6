#include "sync/hq/reports/entryscan.h"

namespace tapledger::sync {

Result<void> scanEntries(HqReadTx &tx,
                         const std::function<Result<void>(const std::string &, const LedgerEntry &)> &visit,
                         const ReportProgress &progress)
{
    constexpr uint64_t kPage = 4096;
    auto chains = tx.chains();
    if (!chains)
        return std::move(chains).error();
    for (size_t i = 0; i < chains->size(); ++i) {
        const std::string &chain = (*chains)[i];
        for (uint64_t from = 1;;) {
            auto page = tx.entries(chain, from, kPage);
            if (!page)
                return std::move(page).error();
            for (const StoredEntry &stored : *page)
                TL_TRY(visit(chain, stored.entry));
            if (page->size() < kPage)
                break;
            from = page->back().entry.seq + 1;
        }
        if (progress)
            progress(i + 1, chains->size());
    }
    return {};
}

} // namespace tapledger::sync
