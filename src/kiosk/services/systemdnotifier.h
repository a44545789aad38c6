#pragma once

#include <QObject>
#include <QTimer>

class QQuickWindow;

namespace tapledger::kiosk {

/// Tells systemd how the kiosk is (sd_notify(3), firmware-config/systemd/tapledger-kiosk.service,
/// Type=notify + WatchdogSec=): READY=1 once the first frame of the attract screen is on the
/// screen, then WATCHDOG=1 from the GUI thread at half the watchdog interval systemd asks for
/// (sd_watchdog_enabled), so a hung UI thread stops the pings and systemd restarts the kiosk.
/// Without NOTIFY_SOCKET (not under systemd) every call does nothing.
class SystemdNotifier : public QObject
{
    Q_OBJECT

public:
    explicit SystemdNotifier(QObject *parent = nullptr);

    /// Sends READY=1 (with STATUS=) after the first frame @p window swaps while its root item's
    /// `screen` property is "attract", and starts the watchdog pings. Call once.
    void watch(QQuickWindow &window);
    /// True once READY=1 was sent.
    bool ready() const noexcept { return m_ready; }
    /// The watchdog ping interval in ms (half of WATCHDOG_USEC); 0 when systemd wants none.
    int pingIntervalMs() const noexcept { return m_pingMs; }

private:
    void onFrame(QQuickWindow &window);

    QTimer m_watchdog;
    int m_pingMs = 0;
    bool m_ready = false;
};

} // namespace tapledger::kiosk
