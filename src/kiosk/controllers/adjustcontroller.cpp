#include "controllers/adjustcontroller.h"


namespace tapledger::kiosk {

AdjustController::AdjustController(QObject *parent) : ControllerBase(parent) {}

qint64 AdjustController::supervisorThreshold() const
{
    return engineService() ? engine().policy().adjust.supervisorThreshold : 0;
}

void AdjustController::refresh()
{
    if (!hasMember()) {
        clear();
        return;
    }
    m_points = engine().ledger().balance(session()->member()).points;
    Q_EMIT changed();
}

void AdjustController::clear()
{
    m_points = 0;
    Q_EMIT changed();
}

bool AdjustController::canAdjust(qint64 pointsDelta, const QString &reason) const
{
    return pointsDelta != 0 && !reason.trimmed().isEmpty();
}

void AdjustController::adjust(qint64 pointsDelta, const QString &reason)
{
    if (busy())
        return;
    if (!requireStaff(true)) {
        Q_EMIT failed();
        return;
    }
    clearError();
    AdjustRequest request;
    request.member = session()->member();
    request.points = pointsDelta;
    request.reason = reason.trimmed().toStdString();
    request.staff = session()->staffId();
    request.staffRole = session()->staffCardRole();
    const QString title = tr("Points adjustment %1").arg(pointsDelta > 0 ? QStringLiteral("+%1").arg(pointsDelta)
                                                                          : QString::number(pointsDelta));
    spend(
        title, [this, request] { return engine().adjustPoints(request); },
        [this] { Q_EMIT adjusted(); }, [this] { Q_EMIT failed(); });
}

} // namespace tapledger::kiosk
