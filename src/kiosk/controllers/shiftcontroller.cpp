#include "controllers/shiftcontroller.h"

#include "core/checkedmath.h"

#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

ShiftController::ShiftController(QObject *parent) : ControllerBase(parent)
{
    connect(this, &ControllerBase::servicesChanged, this, [this] {
        if (session())
            connect(session(), &SessionService::staffChanged, this, &ShiftController::onStaffChanged,
                    Qt::UniqueConnection);
    });
}

void ShiftController::onStaffChanged()
{
    reset();
    refresh();
}

void ShiftController::refresh()
{
    if (!ready() || !session()->hasStaff()) {
        reset();
        return;
    }
    auto report = engine().shiftReport(session()->staffId());
    if (report)
        show(*report, false);
    else if (!m_closed)
        reset();
}

void ShiftController::reload()
{
    if (!requireStaff())
        return;
    clearError();
    refresh();
}

bool ShiftController::open()
{
    if (!requireStaff())
        return false;
    auto receipt = engine().openShift(session()->staffId());
    if (!receipt)
        return reportError(receipt.error());
    clearError();
    m_closed = false;
    engineService()->notifyWritten();
    refresh();
    Q_EMIT opened();
    return true;
}

bool ShiftController::close()
{
    if (!requireStaff())
        return false;
    auto report = engine().closeShift(session()->staffId());
    if (!report)
        return reportError(report.error());
    clearError();
    show(*report, true);
    engineService()->notifyWritten();
    Q_EMIT shiftClosed();
    return true;
}

void ShiftController::show(const ShiftReport &r, bool closed)
{
    const EngineService &svc = *engineService();
    m_hasReport = true;
    m_closed = closed;
    m_staffName = qs(r.staffName);
    m_openedAt = svc.localDateTime(r.openedMs);
    m_closedAt = r.closedMs ? svc.localDateTime(r.closedMs) : QString();
    m_rows.clear();
    int64_t topUps = 0, purchases = 0, refunds = 0, count = 0;
    bool overflow = false;
    const auto add = [&overflow](int64_t &sum, int64_t value) {
        auto s = checkedAdd(sum, value);
        overflow = overflow || !s;
        sum = s ? *s : sum;
    };
    for (const ShiftTotal &t : r.byPayMethod) {
        m_rows << QVariantMap{{u"payMethod"_s, qs(t.payMethod)},
                              {u"topUps"_s, svc.money(t.topUps)},
                              {u"purchases"_s, svc.money(t.purchases)},
                              {u"refunds"_s, svc.money(t.refunds)},
                              {u"count"_s, static_cast<qint64>(t.count)}};
        add(topUps, t.topUps);
        add(purchases, t.purchases);
        add(refunds, t.refunds);
        add(count, t.count);
    }
    const QString tooLarge = tr("too large");
    m_totalTopUps = overflow ? tooLarge : svc.money(topUps);
    m_totalPurchases = overflow ? tooLarge : svc.money(purchases);
    m_totalRefunds = overflow ? tooLarge : svc.money(refunds);
    m_totalCount = count;
    m_bonusGranted = svc.money(r.bonusGranted);
    m_pointsIssued = r.pointsIssued;
    m_pointsRedeemed = r.pointsRedeemed;
    m_pointsAdjusted = r.pointsAdjusted;
    m_entries = r.firstSeq == r.lastSeq ? u"#%1"_s.arg(r.firstSeq) : u"#%1–%2"_s.arg(r.firstSeq).arg(r.lastSeq);
    Q_EMIT changed();
}

void ShiftController::reset()
{
    m_hasReport = m_closed = false;
    m_staffName.clear();
    m_openedAt.clear();
    m_closedAt.clear();
    m_rows.clear();
    m_totalTopUps.clear();
    m_totalPurchases.clear();
    m_totalRefunds.clear();
    m_bonusGranted.clear();
    m_entries.clear();
    m_totalCount = m_pointsIssued = m_pointsRedeemed = m_pointsAdjusted = 0;
    Q_EMIT changed();
}

} // namespace tapledger::kiosk
