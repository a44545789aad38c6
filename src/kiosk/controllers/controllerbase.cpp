#include "controllers/controllerbase.h"

#include "services/cardspend.h"

namespace tapledger::kiosk {

ControllerBase::ControllerBase(QObject *parent) : QObject(parent) {}

void ControllerBase::setEngineService(EngineService *engine)
{
    if (engine == m_engine)
        return;
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    connectServices();
}

void ControllerBase::setSession(SessionService *session)
{
    if (session == m_session)
        return;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    connectServices();
}

CardService *ControllerBase::cards() const
{
    return m_cards;
}

void ControllerBase::setCards(CardService *cards)
{
    if (cards == m_cards)
        return;
    m_cards = cards;
    Q_EMIT cardsChanged();
}

void ControllerBase::connectServices()
{
    if (ready()) {
        // Qt::UniqueConnection does not work with lambdas (Qt refuses the connection), so every
        // connection from the services is dropped and made again; subclasses reconnect theirs
        // in servicesChanged().
        disconnect(m_engine, nullptr, this, nullptr);
        disconnect(m_session, nullptr, this, nullptr);
        connect(m_engine, &EngineService::ledgerChanged, this, [this] { refresh(); });
        connect(m_session, &SessionService::memberChanged, this, [this] { refresh(); });
        connect(m_session, &SessionService::memberEnded, this, [this] {
            clearError();
            clear();
        });
    }
    Q_EMIT servicesChanged();
    if (ready())
        refresh();
}

void ControllerBase::clearError()
{
    if (m_errorTitle.isEmpty() && m_errorDetail.isEmpty())
        return;
    m_errorTitle.clear();
    m_errorDetail.clear();
    Q_EMIT errorChanged();
}

bool ControllerBase::reportError(const Error &error)
{
    setError(titleFor(error.code, error.message), QString::fromStdString(error.message));
    return false;
}

bool ControllerBase::requireStaff(bool needMember)
{
    if (!ready() || !m_session->hasStaff()) {
        setError(tr("Staff login required"));
        return false;
    }
    if (needMember && !m_session->hasMember()) {
        setError(tr("Choose a member first"), tr("Tap the member's card or look the member up."));
        return false;
    }
    return true;
}

void ControllerBase::setError(const QString &title, const QString &detail)
{
    m_errorTitle = title;
    m_errorDetail = detail;
    Q_EMIT errorChanged();
}

void ControllerBase::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    if (m_session)
        m_session->setBusy(busy);
    Q_EMIT busyChanged();
}

void ControllerBase::spend(const QString &title, std::function<Result<Receipt>()> action,
                           std::function<void()> succeeded, std::function<void()> failed)
{
    runCardSpend(*m_engine, *m_session, m_cards, this, action, [this](bool b) { setBusy(b); },
                 [this, title, succeeded, failed](const Result<Receipt> &receipt) {
                     if (!receipt) {
                         reportError(receipt.error());
                         failed();
                         return;
                     }
                     m_session->setReceipt(*receipt, title, m_engine->nowMs());
                     succeeded();
                 });
}

QString ControllerBase::titleFor(ErrorCode code, const std::string &message)
{
    switch (code) {
    case ErrorCode::Denied:
        if (message.find("locked") != std::string::npos)
            return tr("PIN locked");
        if (message.find("PIN") != std::string::npos)
            return tr("Wrong PIN");
        return tr("Not permitted");
    case ErrorCode::Insufficient:
        return tr("Not enough balance");
    case ErrorCode::NotFound:
        return tr("Not found");
    case ErrorCode::AlreadyExists:
        return tr("Already exists");
    case ErrorCode::InvalidArgument:
        return tr("Please check your input");
    case ErrorCode::Conflict:
        return tr("Cannot do that now");
    case ErrorCode::Io:
        if (message.find("card left") != std::string::npos)
            return tr("Card removed: nothing was charged");
        return tr("Kiosk error: please ask our staff");
    case ErrorCode::Corrupt:
    case ErrorCode::Crypto:
    case ErrorCode::Overflow:
        return tr("Kiosk error: please ask our staff");
    }
    return tr("Error");
}

QString ControllerBase::cardIssueTitle(const Error &error)
{
    switch (error.code) {
    case ErrorCode::NotFound:
        return tr("Put a blank card on the reader");
    case ErrorCode::Conflict:
        return tr("This card is already in use: use a blank card");
    case ErrorCode::Denied:
        return tr("This card belongs to another system");
    case ErrorCode::Io:
        return tr("The card left the reader: try again");
    default:
        return titleFor(error.code, error.message);
    }
}

} // namespace tapledger::kiosk
