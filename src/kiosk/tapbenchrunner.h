#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QQuickWindow>

#include <random>
#include <vector>

namespace tapledger::kiosk {

class DemoService;
class SessionService;

/// `tapledger-kiosk --bench-taps N` (tests/bench/bench_kiosk runs it): taps the emulated demo
/// member cards N times through the real path (emulated PN532 on a pty, libnfc, card read and
/// verify, engine lookup, session, QML) and measures, per tap, the time from putting the card
/// into the field to the first frame swapped with the member home screen on it (ms). Prints the
/// Like a guest's, each tap comes at a random moment (0–100 ms after the attract screen is back), so
/// it lands anywhere in the reader's poll interval. Prints the
/// median, p95 and maximum (and the part until the guest session starts, i.e. reader poll, card
/// read and engine lookup, the rest being QML), the resident set size (kB, /proc/self/status VmRSS) at idle, after the
/// first tenth of the taps (warm) and after all of them, then exits 0. N = 0 only reports idle.
class TapBenchRunner : public QObject
{
    Q_OBJECT

public:
    /// @p memberCards: how many demo cards (from index 0) are member cards; taps rotate over them.
    TapBenchRunner(QQuickWindow &window, SessionService &session, DemoService &demo, int taps, int memberCards,
                   QObject *parent = nullptr);

    /// Starts after the first frame; the app exits when done.
    void start();

    /// Resident set size of this process in kB (0 if /proc is unreadable).
    static long residentKb();
    /// Proportional set size of this process in kB (shared pages split among their users, so it
    /// moves with what else runs on the machine), and its anonymous part (this process's own
    /// heap and stacks); 0 if /proc/self/smaps_rollup is unreadable.
    static long proportionalKb(const char *field = "Pss:");

private:
    void tap();
    void onFrame();
    void finish(int code, const char *why);

    QQuickWindow &m_window;
    SessionService &m_session;
    DemoService &m_demo;
    int m_taps;
    int m_memberCards;
    int m_done = 0;
    bool m_waitingForHome = false;
    bool m_waitingForAttract = false;
    QElapsedTimer m_clock;
    qint64 m_tapStartNs = 0;
    qint64 m_sessionNs = 0;
    std::mt19937 m_random{20261123};
    std::vector<double> m_ms;
    std::vector<double> m_sessionMs; // tap → guest session started (card read, verify, engine)
    long m_rssIdle = 0;
    long m_pssIdle = 0, m_pssAnonIdle = 0;
    long m_rssWarm = 0;
};

} // namespace tapledger::kiosk
