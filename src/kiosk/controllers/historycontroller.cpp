#include "controllers/historycontroller.h"

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
    m_lines.setLines(std::move(*lines), [svc](int64_t ms) { return svc ? svc->localDateTime(ms) : QString(); });
}

void HistoryController::clear()
{
    m_lines.clear();
}

} // namespace tapledger::kiosk
