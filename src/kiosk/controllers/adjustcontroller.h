#pragma once

#include "controllers/controllerbase.h"
#include "services/cardservice.h"

#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The staff points-adjustment screen for the member in session: a signed number of points and
/// a mandatory reason, recorded with the staff member and role. The engine enforces the rules
/// (reason required, above policy adjust.supervisor_threshold only Supervisor or Admin, never
/// below zero). With a tapped card the new balance is committed on the card first (runCardSpend).
class AdjustController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    /// The member's points now.
    Q_PROPERTY(qint64 points READ points NOTIFY changed)
    /// |points| above this needs a supervisor (policy adjust.supervisor_threshold).
    Q_PROPERTY(qint64 supervisorThreshold READ supervisorThreshold NOTIFY servicesChanged)

public:
    explicit AdjustController(QObject *parent = nullptr);

    qint64 points() const noexcept { return m_points; }
    qint64 supervisorThreshold() const;

    /// True when the form is complete (points != 0 and a reason), to enable the button.
    Q_INVOKABLE bool canAdjust(qint64 pointsDelta, const QString &reason) const;
    /// Adds (or with a negative @p pointsDelta takes) points with @p reason. Emits adjusted()
    /// (the session then holds the receipt) or failed() with the error set.
    Q_INVOKABLE void adjust(qint64 pointsDelta, const QString &reason);

Q_SIGNALS:
    void changed();
    void adjusted();
    void failed();

protected:
    void refresh() override;
    void clear() override;

private:
    qint64 m_points = 0;
};

} // namespace tapledger::kiosk
