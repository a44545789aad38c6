#pragma once

#include "controllers/controllerbase.h"

#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The staff login screen: a staff card was tapped (SessionService::staffPinPending), the staff
/// member enters the PIN. The engine checks it with the member lock-out rules (policy pin:
/// 5 wrong PINs → locked for 30 minutes); the error line says "Wrong PIN" or "PIN locked".
class StaffLoginController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    /// A staff card waits for its PIN.
    Q_PROPERTY(bool pinPending READ pinPending NOTIFY changed)
    /// Name of the staff member whose card waits for the PIN ("" when unknown or none).
    Q_PROPERTY(QString pendingName READ pendingName NOTIFY changed)
    /// A staff member is logged in.
    Q_PROPERTY(bool loggedIn READ loggedIn NOTIFY changed)

public:
    explicit StaffLoginController(QObject *parent = nullptr);

    bool pinPending() const;
    QString pendingName() const { return m_pendingName; }
    bool loggedIn() const;

    /// Checks @p pin for the pending staff card; on success starts the staff session (emits
    /// loginSucceeded()), otherwise sets the error (wrong PIN, locked, unknown staff) and emits failed().
    Q_INVOKABLE bool login(const QString &pin);
    /// Ends the staff session, and a guest session opened by staff lookup (no card) with it.
    Q_INVOKABLE void logout();
    /// Drops a pending staff card without logging in.
    Q_INVOKABLE void cancel();

Q_SIGNALS:
    void changed();
    void loginSucceeded();
    void loggedOut();
    void failed();

protected:
    void refresh() override;

private:
    QString m_pendingName;
};

} // namespace tapledger::kiosk
