#include "services/cardservice.h"

#include "services/engineservice.h"

#include <QMetaObject>

using namespace std::chrono_literals;

namespace tapledger::kiosk {

CardService::CardService(std::unique_ptr<nfc::CardTerminal> terminal,
                         std::vector<std::shared_ptr<void>> keepAlive, const Ed25519SecretKey &deviceKey,
                         QObject *parent)
    : QObject(parent), m_deviceKey(deviceKey), m_keepAlive(std::move(keepAlive)),
      m_terminal(std::move(terminal))
{
    installEventHandler();
}

void CardService::installEventHandler()
{
    m_terminal->setEventHandler([this](const nfc::ReaderEvent &e) {
        using K = nfc::ReaderEvent::Kind;
        if (e.kind != K::ReaderReady && e.kind != K::ReaderUnplugged)
            return;
        const bool ready = e.kind == K::ReaderReady;
        post([this, ready, detail = qs(e.detail)] {
            if (m_onReader)
                m_onReader(ready, detail);
        });
    });
}

CardService::~CardService()
{
    stop();
}

void CardService::start()
{
    if (m_worker.joinable())
        return;
    m_worker = std::jthread([this](std::stop_token st) { run(st); });
}

void CardService::stop()
{
    if (!m_worker.joinable())
        return;
    m_worker.request_stop();
    m_worker.join();
}

void CardService::post(std::function<void()> onGui)
{
    QMetaObject::invokeMethod(this, std::move(onGui), Qt::QueuedConnection);
}

void CardService::enqueue(Job job)
{
    std::lock_guard lock(m_mutex);
    m_jobs.push_back(std::move(job));
    m_wakeWorker.request_stop();
}

void CardService::setPresent(bool present)
{
    if (present == m_cardPresent)
        return;
    m_cardPresent = present;
    Q_EMIT cardPresentChanged();
}

nfc::StateWriteOutcome CardService::write(nfc::CardTerminal &t, const CardStateUpdate &u) const
{
    return t.writeState(u.member, u.deposit, u.bonus, u.points, u.currency, u.ledgerSeq, u.timeMs, m_deviceKey);
}

void CardService::writeState(CardStateUpdate u, QObject *context,
                             std::function<void(const nfc::StateWriteOutcome &)> done)
{
    QPointer<QObject> ctx(context);
    enqueue([this, u = std::move(u), ctx, done = std::move(done)](nfc::CardTerminal &t) {
        auto outcome = write(t, u);
        QMetaObject::invokeMethod(
            ctx.data(), [done, outcome = std::move(outcome)] { done(outcome); }, Qt::QueuedConnection);
    });
}

void CardService::issueCard(nfc::MemberRecord record, int64_t timeMs, std::optional<CardStateUpdate> initialState,
                            QObject *context, std::function<void(const CardIssueResult &)> done)
{
    QPointer<QObject> ctx(context);
    enqueue([this, record = std::move(record), timeMs, initialState = std::move(initialState), ctx,
             done = std::move(done)](nfc::CardTerminal &t) {
        CardIssueResult result{t.issueCard(record, m_deviceKey, timeMs), std::nullopt};
        // A fresh card counts as tapped (CardTerminal::issueCard), so its state can follow at once.
        if (result.uid && initialState)
            result.state = write(t, *initialState);
        QMetaObject::invokeMethod(
            ctx.data(), [done, result = std::move(result)] { done(result); }, Qt::QueuedConnection);
    });
}

void CardService::setTrustedSigners(std::vector<Ed25519PublicKey> signers)
{
    if (!m_factory)
        return;
    std::lock_guard lock(m_mutex);
    m_pendingSigners = std::move(signers);
    m_wakeWorker.request_stop();
}

void CardService::applyTrustedSigners()
{
    std::optional<std::vector<Ed25519PublicKey>> signers;
    {
        std::lock_guard lock(m_mutex);
        signers.swap(m_pendingSigners);
    }
    if (!signers)
        return;
    // The old terminal lets go of the reader's event handler before the new one takes it.
    m_terminal.reset();
    m_terminal = m_factory(std::move(*signers));
    installEventHandler();
}

void CardService::run(std::stop_token stop)
{
    bool present = false;
    while (!stop.stop_requested()) {
        if (!present)
            applyTrustedSigners();
        for (;;) {
            Job job;
            {
                std::lock_guard lock(m_mutex);
                if (m_jobs.empty())
                    break;
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            job(*m_terminal);
        }
        // A queued job or new signers end the wait at once (the reader aborts its poll), so the
        // wait itself can be long: a tap is seen when it happens, not at the next round.
        std::stop_source wake;
        {
            std::lock_guard lock(m_mutex);
            m_wakeWorker = wake;
            if (!m_jobs.empty() || (m_pendingSigners && !present))
                wake.request_stop();
        }
        const std::stop_callback forward(stop, [&wake] { wake.request_stop(); });
        if (!present) {
            auto tap = m_terminal->waitForTap(1s, wake.get_token());
            if (tap) {
                present = true;
                post([this, tap = std::move(*tap)] {
                    setPresent(true);
                    if (m_onTap)
                        m_onTap(tap);
                });
            } else if (tap.error().code != ErrorCode::NotFound && !wake.stop_requested()) {
                // Reader gone or a broken tag: the event handler has told the status bar; back off.
                std::this_thread::sleep_for(200ms);
            }
        } else {
            auto gone = m_terminal->waitForRemoval(1s, wake.get_token());
            if (gone) {
                present = false;
                post([this] {
                    setPresent(false);
                    if (m_onRemoved)
                        m_onRemoved();
                });
            }
        }
    }
}

} // namespace tapledger::kiosk
