#include "services/systemdnotifier.h"

#include <QQuickWindow>

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace tapledger::kiosk {

SystemdNotifier::SystemdNotifier(QObject *parent) : QObject(parent)
{
    uint64_t usec = 0;
    // > 0: systemd (WatchdogSec=) wants pings every usec microseconds; ping at half of it.
    if (sd_watchdog_enabled(0, &usec) > 0 && usec >= 2000)
        m_pingMs = static_cast<int>(std::min<uint64_t>(usec / 2000, INT32_MAX));
    m_watchdog.setInterval(m_pingMs);
    m_watchdog.setTimerType(Qt::CoarseTimer);
    // The timer lives on the GUI thread: a blocked event loop sends nothing.
    connect(&m_watchdog, &QTimer::timeout, this, [] { sd_notify(0, "WATCHDOG=1"); });
}

void SystemdNotifier::watch(QQuickWindow &window)
{
    connect(&window, &QQuickWindow::frameSwapped, this, [this, &window] { onFrame(window); });
}

void SystemdNotifier::onFrame(QQuickWindow &window)
{
    if (m_ready)
        return;
    // The root of qml/Main.qml is the window; its `screen` names the screen it shows.
    if (window.property("screen").toString() != QLatin1String("attract"))
        return;
    m_ready = true;
    const int rc = sd_notify(0, "READY=1\nSTATUS=attract screen shown");
    if (rc < 0)
        std::fprintf(stderr, "tapledger-kiosk: sd_notify: error %d\n", -rc);
    if (m_pingMs > 0) {
        sd_notify(0, "WATCHDOG=1");
        m_watchdog.start();
    }
}

} // namespace tapledger::kiosk
