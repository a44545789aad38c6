#include "tapbenchrunner.h"

#include "services/demoservice.h"
#include "services/sessionservice.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

namespace {
constexpr int kSettleMs = 1000;
constexpr int kStepTimeoutMs = 5000;
constexpr int kMaxTapDelayMs = 100;

double percentile(std::vector<double> sorted, double p)
{
    if (sorted.empty())
        return 0;
    std::sort(sorted.begin(), sorted.end());
    const auto index = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}
} // namespace

TapBenchRunner::TapBenchRunner(QQuickWindow &window, SessionService &session, DemoService &demo, int taps,
                               int memberCards, QObject *parent)
    : QObject(parent), m_window(window), m_session(session), m_demo(demo), m_taps(taps),
      m_memberCards(std::max(1, memberCards))
{
    m_ms.reserve(static_cast<size_t>(std::max(0, taps)));
}

namespace {
// The kB figure of the line starting with @p field in a /proc file.
long procKb(const QString &file, const char *field)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const auto skip = static_cast<qsizetype>(qstrlen(field));
    for (QByteArray line = f.readLine(); !line.isEmpty(); line = f.readLine()) {
        if (line.startsWith(field))
            return line.mid(skip).trimmed().split(' ').value(0).toLong();
    }
    return 0;
}
} // namespace

long TapBenchRunner::residentKb()
{
    return procKb(u"/proc/self/status"_s, "VmRSS:");
}

long TapBenchRunner::proportionalKb(const char *field)
{
    return procKb(u"/proc/self/smaps_rollup"_s, field);
}

void TapBenchRunner::start()
{
    m_clock.start();
    connect(&m_window, &QQuickWindow::frameSwapped, this, &TapBenchRunner::onFrame, Qt::QueuedConnection);
    connect(&m_session, &SessionService::memberChanged, this, [this] {
        if (m_waitingForHome && m_session.hasMember())
            m_sessionNs = m_clock.nsecsElapsed();
    });
    QTimer::singleShot(kSettleMs, this, [this] {
        m_rssIdle = residentKb();
        m_pssIdle = proportionalKb();
        m_pssAnonIdle = proportionalKb("Pss_Anon:");
        if (m_taps <= 0) {
            finish(0, nullptr);
            return;
        }
        tap();
    });
}

void TapBenchRunner::tap()
{
    const int index = m_done;
    m_waitingForHome = true;
    m_tapStartNs = m_clock.nsecsElapsed();
    m_demo.tap(index % m_memberCards);
    // Only catches a tap that never lands (a screen switch renders a frame of its own).
    QTimer::singleShot(kStepTimeoutMs, this, [this, index] {
        if (m_done == index && m_waitingForHome)
            finish(1, "a tap did not reach the member home screen within 5 s");
    });
}

void TapBenchRunner::onFrame()
{
    const QString screen = m_window.property("screen").toString();
    if (m_waitingForHome && m_session.hasMember() && screen == u"home"_s) {
        m_ms.push_back(static_cast<double>(m_clock.nsecsElapsed() - m_tapStartNs) / 1e6);
        m_sessionMs.push_back(static_cast<double>(m_sessionNs - m_tapStartNs) / 1e6);
        m_waitingForHome = false;
        ++m_done;
        if (m_done == std::max(1, m_taps / 10))
            m_rssWarm = residentKb();
        m_waitingForAttract = true;
        m_demo.remove();
        return;
    }
    if (m_waitingForAttract && !m_session.hasMember() && screen == u"attract"_s) {
        m_waitingForAttract = false;
        if (m_done >= m_taps)
            finish(0, nullptr);
        else
            QTimer::singleShot(std::uniform_int_distribution<int>(0, kMaxTapDelayMs)(m_random), this,
                               &TapBenchRunner::tap);
    }
}

void TapBenchRunner::finish(int code, const char *why)
{
    disconnect(&m_window, nullptr, this, nullptr);
    disconnect(&m_session, nullptr, this, nullptr);
    if (why)
        std::fprintf(stderr, "tapledger-kiosk: bench: %s\n", why);
    const long rssEnd = residentKb();
    std::printf("tapledger-kiosk: bench: taps %d\n", m_done);
    if (!m_ms.empty())
        std::printf("tapledger-kiosk: bench: tap to home rendered ms: median %.2f p95 %.2f max %.2f\n",
                    percentile(m_ms, 0.5), percentile(m_ms, 0.95), *std::max_element(m_ms.begin(), m_ms.end()));
    if (!m_sessionMs.empty())
        std::printf("tapledger-kiosk: bench: of which tap to session (poll, card read, verify, engine) ms: median %.2f "
                    "p95 %.2f\n",
                    percentile(m_sessionMs, 0.5), percentile(m_sessionMs, 0.95));
    std::printf("tapledger-kiosk: bench: rss kB: idle %ld warm %ld end %ld (end - warm %+ld)\n", m_rssIdle,
                m_rssWarm ? m_rssWarm : m_rssIdle, rssEnd, rssEnd - (m_rssWarm ? m_rssWarm : m_rssIdle));
    std::printf("tapledger-kiosk: bench: pss kB: idle %ld (anonymous %ld)\n", m_pssIdle, m_pssAnonIdle);
    std::fflush(stdout);
    QCoreApplication::exit(code);
}

} // namespace tapledger::kiosk
