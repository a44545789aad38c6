#include "controllers/devicestatuscontroller.h"

namespace tapledger::kiosk {

DeviceStatusController::DeviceStatusController(QObject *parent) : ControllerBase(parent) {}

void DeviceStatusController::setStatus(StatusService *status)
{
    if (status == m_status)
        return;
    if (m_status)
        disconnect(m_status, nullptr, this, nullptr);
    m_status = status;
    if (m_status)
        connect(m_status, &StatusService::changed, this, &DeviceStatusController::changed);
    Q_EMIT statusChanged();
    Q_EMIT changed();
}

QString DeviceStatusController::kioskId() const
{
    return engineService() ? engineService()->kioskId() : QString();
}

QString DeviceStatusController::policyRef() const
{
    return engineService() ? engineService()->policyRef() : QString();
}

qint64 DeviceStatusController::ledgerHeight() const
{
    return engineService() ? engineService()->ledgerHeight() : 0;
}

QString DeviceStatusController::headHash() const
{
    return engineService() ? engineService()->headHash() : QString();
}

QString DeviceStatusController::lastSync() const
{
    if (!m_status || m_status->lastSyncMs() == 0 || !engineService())
        return tr("never");
    return engineService()->localDateTime(m_status->lastSyncMs());
}

void DeviceStatusController::refresh()
{
    if (!ready())
        return;
    auto deny = engine().denyList();
    m_denyListSize = deny ? static_cast<int>(deny->size()) : 0;
    m_offlineAllowance.clear();
    if (session()->hasMember() && !session()->memberCard().isNil()) {
        auto a = engine().offlineAllowance(session()->memberCard());
        if (a && a->online)
            m_offlineAllowance = tr("Online: no offline limit applies");
        else if (a)
            m_offlineAllowance = tr("Offline: %n more payment(s), up to %1", nullptr, static_cast<int>(a->redemptionsLeft))
                                     .arg(engineService()->money(a->valueLeft)) +
                                 (a->denyListStale ? tr(" (deny-list too old: offline spending stopped)") : QString());
    }
    Q_EMIT changed();
}

void DeviceStatusController::clear()
{
    refresh();
}

bool DeviceStatusController::verifyLedger()
{
    if (!requireStaff())
        return false;
    clearError();
    const VerifyReport report = engine().ledger().verify();
    m_ledgerOk = report.ok;
    if (report.ok)
        m_verifyResult = tr("Ledger intact: %1 entries checked").arg(report.entries);
    else if (report.badSeq)
        m_verifyResult = tr("Ledger damaged at entry #%1: %2").arg(report.badSeq).arg(qs(report.problem));
    else
        m_verifyResult = tr("Ledger damaged: %1").arg(qs(report.problem));
    Q_EMIT changed();
    return report.ok;
}

} // namespace tapledger::kiosk
