#include "controllers/stafflogincontroller.h"

namespace tapledger::kiosk {

StaffLoginController::StaffLoginController(QObject *parent) : ControllerBase(parent)
{
    connect(this, &ControllerBase::servicesChanged, this, [this] {
        if (session())
            connect(session(), &SessionService::staffChanged, this, &StaffLoginController::refresh, Qt::UniqueConnection);
    });
}

bool StaffLoginController::pinPending() const
{
    return session() && session()->staffPinPending();
}

bool StaffLoginController::loggedIn() const
{
    return session() && session()->hasStaff();
}

void StaffLoginController::refresh()
{
    m_pendingName.clear();
    if (ready() && session()->staffPinPending()) {
        auto staff = engine().staff();
        const Uuid pending = session()->pendingStaff();
        if (staff) {
            for (const StaffView &s : *staff)
                if (s.staff == pending)
                    m_pendingName = qs(s.name);
        }
    }
    Q_EMIT changed();
}

bool StaffLoginController::login(const QString &pin)
{
    if (!ready())
        return false;
    if (!session()->staffPinPending()) {
        setError(tr("Tap your staff card first"));
        Q_EMIT failed();
        return false;
    }
    auto staff = engine().staffLogin(session()->pendingStaff(), pin.toStdString());
    if (!staff) {
        reportError(staff.error());
        Q_EMIT failed();
        return false;
    }
    clearError();
    session()->startStaff(*staff);
    Q_EMIT loginSucceeded();
    return true;
}

void StaffLoginController::logout()
{
    if (!ready())
        return;
    clearError();
    const bool had = session()->hasStaff();
    session()->endStaff();
    if (had)
        Q_EMIT loggedOut();
}

void StaffLoginController::cancel()
{
    if (!ready() || session()->hasStaff())
        return;
    clearError();
    session()->endStaff();
}

} // namespace tapledger::kiosk
