#pragma once

#include "nfc/cardreader.h"
#include "nfc/cardterminal.h"
#include "services/qmlsingleton.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <vector>

namespace tapledger::kiosk {

/// The balances mirror to write to a member card after a spend (nfc::CardStateToken fields).
struct CardStateUpdate
{
    Uuid member;
    int64_t deposit = 0, bonus = 0, points = 0; ///< minor units / points after the action
    std::string currency;                       ///< ISO 4217
    uint64_t ledgerSeq = 0;                     ///< the action's last ledger entry
    int64_t timeMs = 0;                         ///< UTC ms
};

/// What CardService::issueCard did to the card in the field.
struct CardIssueResult
{
    Result<nfc::CardUid> uid; ///< the personalised card's anticollision UID, or why it was not personalised
    /// The initial state write, when one was asked for and the card was personalised; nullopt otherwise.
    std::optional<nfc::StateWriteOutcome> state;
};

/// Card I/O off the GUI thread: a worker thread polls the reader through an nfc::CardTerminal
/// (wait for a card → authenticate → read and verify its state; then wait for its removal) and
/// runs card jobs (write the state after a spend, personalise a new card) between polls, so a
/// job always runs before the removal of the card it needs is reported. Every result is
/// delivered on the GUI thread. QML singleton `CardService` (card presence only).
class CardService : public QObject, public QmlSingleton<CardService>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// True while an authenticated or unknown card is in the field.
    Q_PROPERTY(bool cardPresent READ cardPresent NOTIFY cardPresentChanged)

public:
    /// Runs @p terminal; @p keepAlive holds what the terminal references (reader, key store,
    /// counter store) and is released after the terminal. @p deviceKey signs card states.
    CardService(std::unique_ptr<nfc::CardTerminal> terminal,
                std::vector<std::shared_ptr<void>> keepAlive, const Ed25519SecretKey &deviceKey,
                QObject *parent = nullptr);
    ~CardService() override;

    /// Starts polling (idempotent).
    void start();
    /// Stops polling and joins the worker (idempotent; also done by the destructor).
    void stop();

    bool cardPresent() const noexcept { return m_cardPresent; }

    /// Receives each tap (GUI thread).
    void setTapHandler(std::function<void(const nfc::TapResult &)> handler) { m_onTap = std::move(handler); }
    /// Receives the removal of the tapped card (GUI thread).
    void setRemovalHandler(std::function<void()> handler) { m_onRemoved = std::move(handler); }
    /// Receives reader status: ready or not, one line for people (GUI thread).
    void setReaderHandler(std::function<void(bool, const QString &)> handler) { m_onReader = std::move(handler); }

    /// Builds a card terminal that trusts @p signers' card-state tokens, over the reader, key
    /// store and counter store the first one uses (main.cpp).
    using TerminalFactory = std::function<std::unique_ptr<nfc::CardTerminal>(std::vector<Ed25519PublicKey> signers)>;
    /// Sets the factory setTrustedSigners() uses (before start()).
    void setTerminalFactory(TerminalFactory factory) { m_factory = std::move(factory); }
    /// From the next tap on, trusts exactly @p signers (the fleet's active kiosk keys from HQ):
    /// the card worker rebuilds its terminal with them while no card is in the field, so a card
    /// session in progress finishes with the keys it started with. Ignored without a factory.
    void setTrustedSigners(std::vector<Ed25519PublicKey> signers);

    /// Writes a new card state to the card in the field (see nfc::CardTerminal::writeState);
    /// @p done runs on the GUI thread unless @p context was destroyed first.
    void writeState(CardStateUpdate update, QObject *context, std::function<void(const nfc::StateWriteOutcome &)> done);
    /// Personalises the card in the field (blank or formatted) with @p record and then, in the
    /// same card job (no tap or removal in between), writes @p initialState to it when given
    /// (a replacement card takes over the old card's balances). @p done runs on the GUI thread
    /// unless @p context was destroyed first.
    void issueCard(nfc::MemberRecord record, int64_t timeMs, std::optional<CardStateUpdate> initialState,
                   QObject *context, std::function<void(const CardIssueResult &)> done);

Q_SIGNALS:
    void cardPresentChanged();

private:
    using Job = std::function<void(nfc::CardTerminal &)>;
    nfc::StateWriteOutcome write(nfc::CardTerminal &terminal, const CardStateUpdate &update) const;
    void run(std::stop_token stop);
    void post(std::function<void()> onGui);
    void enqueue(Job job);
    void setPresent(bool present);
    void installEventHandler();
    void applyTrustedSigners();

    const Ed25519SecretKey &m_deviceKey;
    std::vector<std::shared_ptr<void>> m_keepAlive;
    std::unique_ptr<nfc::CardTerminal> m_terminal;
    std::mutex m_mutex;
    std::deque<Job> m_jobs;
    TerminalFactory m_factory;
    std::optional<std::vector<Ed25519PublicKey>> m_pendingSigners; // under m_mutex
    std::stop_source m_wakeWorker; // under m_mutex: ends the worker's current wait (a job was queued)
    std::jthread m_worker;
    bool m_cardPresent = false;
    std::function<void(const nfc::TapResult &)> m_onTap;
    std::function<void()> m_onRemoved;
    std::function<void(bool, const QString &)> m_onReader;
};

} // namespace tapledger::kiosk
