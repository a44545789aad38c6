#include "controllers/historycontroller.h"

#include "models/historyphrase.h"

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

HistoryController::HistoryController(QObject *parent) : ControllerBase(parent) {}

void HistoryController::refresh()
{
    if (!hasMember()) {
        clear();
        return;
    }
    auto lines = engine().history(session()->member());
    if (!lines) {
        reportError(lines.error());
        return;
    }
    QPointer<EngineService> svc = engineService();
    // The running balance is the sum of the member's own entries up to each line, oldest first:
    // the same derivation as the ledger's balances (DESIGN.md invariant 2).
    std::vector<HistoryModel::Line> rows;
    rows.reserve(lines->size());
    int64_t points = 0, stored = 0;
    for (HistoryLine &l : *lines) {
        HistoryModel::Line row{std::move(l), {}, {}, {}, {}};
        auto entry = engine().ledger().entry(row.line.seq);
        if (entry) {
            const LedgerEntry &e = entry->entry;
            points += e.pointsDelta;
            stored += e.depositDelta + e.bonusDelta;
            row.headline = HistoryPhrase::headline(e, *svc);
            row.change = HistoryPhrase::change(e, *svc);
            row.reference = HistoryPhrase::reference(e);
        } else {
            row.headline = qs(row.line.text);
        }
        row.balance = tr("%1 pts · %2").arg(points).arg(svc->money(stored));
        rows.push_back(std::move(row));
    }
    m_lines.setLines(std::move(rows), [svc](int64_t ms) { return svc ? svc->localDateTime(ms) : QString(); });
}

void HistoryController::clear()
{
    m_lines.clear();
}

} // namespace tapledger::kiosk
