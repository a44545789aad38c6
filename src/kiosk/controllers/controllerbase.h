#pragma once

#include "core/engine/enginetypes.h"
#include "core/result.h"
#include "services/cardservice.h"
#include "services/engineservice.h"
#include "services/sessionservice.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <optional>

namespace tapledger::kiosk {

/// Common part of the screen controllers: the services they work on (set from QML:
/// `engineService: EngineService; session: SessionService`), the last error of an action as a
/// translated title and detail (by the error's ErrorReason; for reason None the title by error
/// code and the engine's one-line message as detail), and refresh/clear hooks:
/// refresh() runs when the services are set, the member changes or the ledger changes; clear()
/// when the guest session ends, so no member data outlives it.
class ControllerBase : public QObject
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(tapledger::kiosk::EngineService *engineService READ engineService WRITE setEngineService NOTIFY servicesChanged)
    Q_PROPERTY(tapledger::kiosk::SessionService *session READ session WRITE setSession NOTIFY servicesChanged)
    /// Translated headline of the last error ("Wrong PIN"), "" when the last action succeeded.
    Q_PROPERTY(QString errorTitle READ errorTitle NOTIFY errorChanged)
    /// Translated detail of the last error ("2 attempts left"); the engine's message for errors
    /// without a known reason.
    Q_PROPERTY(QString errorDetail READ errorDetail NOTIFY errorChanged)
    /// The card worker, for controllers that write member cards (null = no card writes).
    Q_PROPERTY(tapledger::kiosk::CardService *cards READ cards WRITE setCards NOTIFY cardsChanged)
    /// True while an action waits for the card.
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)

public:
    explicit ControllerBase(QObject *parent = nullptr);

    EngineService *engineService() const { return m_engine; }
    void setEngineService(EngineService *engine);
    SessionService *session() const { return m_session; }
    void setSession(SessionService *session);
    CardService *cards() const;
    void setCards(CardService *cards);
    QString errorTitle() const { return m_errorTitle; }
    QString errorDetail() const { return m_errorDetail; }
    bool busy() const noexcept { return m_busy; }

    /// Clears the error line.
    Q_INVOKABLE void clearError();

    /// A translated headline and detail line.
    struct ErrorText
    {
        QString title;
        QString detail;
    };
    /// What the screens show for @p error: for a known ErrorReason a translated title and detail
    /// built from the error's numbers (money and times formatted by @p engine: venue zone, policy
    /// currency; plain numbers and UTC without it), never the English message; for
    /// ErrorReason::None titleFor(code) and the engine's message.
    static ErrorText describe(const Error &error, const EngineService *engine);
    /// The translated headline for an error code (errors without a reason).
    static QString titleFor(ErrorCode code);

    /// The policy's pay methods other than stored value ("cash", "bank_card"…); empty without services.
    QStringList payMethods() const;

Q_SIGNALS:
    void servicesChanged();
    void errorChanged();
    void busyChanged();
    void cardsChanged();

protected:
    /// Reloads the screen's data (services are set when this runs).
    virtual void refresh() {}
    /// Drops the member's data.
    virtual void clear() {}
    /// True when both services are set.
    bool ready() const { return m_engine && m_session; }
    /// True when ready and a guest session is running.
    bool hasMember() const { return ready() && m_session->hasMember(); }
    Engine &engine() const { return m_engine->engine(); }
    /// True when ready and a staff member is logged in (and, with @p needMember, a guest session
    /// runs); otherwise shows "Staff login required" (or "Choose a member first") and returns false.
    bool requireStaff(bool needMember = false);
    /// For a staff action on the member in session with an amount the cashier typed
    /// ("120.00"): checks requireStaff(true), parses @p amountText in minor units and clears the
    /// error. nullopt when either fails (the error is shown).
    std::optional<int64_t> staffMemberAmount(const QString &amountText);
    /// Shows @p error; always returns false (for `return reportError(e);`).
    bool reportError(const Error &error);
    /// Shows a screen-made error.
    void setError(const QString &title, const QString &detail = {});
    void setBusy(bool busy);
    /// Runs a value-changing @p action through runCardSpend (services/cardspend.h) with the
    /// session's member card and cards(): on success the session holds the receipt titled @p title and
    /// @p succeeded runs; on error the error is shown and @p failed runs.
    void spend(const QString &title, std::function<Result<Receipt>()> action,
               std::function<void()> succeeded, std::function<void()> failed);
    /// The translated headline for an error of a card personalisation (runCardIssue).
    static QString cardIssueTitle(const Error &error);

private:
    void connectServices();

    QPointer<EngineService> m_engine;
    QPointer<SessionService> m_session;
    QPointer<CardService> m_cards;
    QString m_errorTitle, m_errorDetail;
    bool m_busy = false;
};

} // namespace tapledger::kiosk
