#include "controllers/controllerbase.h"

#include "services/cardspend.h"

#include <QDateTime>
#include <QTimeZone>

using namespace Qt::StringLiterals;

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
    const ErrorText text = describe(error, m_engine);
    setError(text.title, text.detail);
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

QStringList ControllerBase::payMethods() const
{
    QStringList out;
    if (m_engine)
        for (const auto &m : m_engine->engine().policy().payMethods)
            out << QString::fromStdString(m);
    return out;
}

std::optional<int64_t> ControllerBase::staffMemberAmount(const QString &amountText)
{
    if (!requireStaff(true))
        return std::nullopt;
    auto amount = m_engine->parseMoney(amountText);
    if (!amount) {
        reportError(amount.error());
        return std::nullopt;
    }
    clearError();
    return *amount;
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
                         // The card is off the reader, so the session usually ends next and the
                         // guest sees the attract screen: tell them there too.
                         if (receipt.error().reason == ErrorReason::CardRemoved)
                             m_session->showNotice(m_errorTitle);
                         failed();
                         return;
                     }
                     m_session->setReceipt(*receipt, title, m_engine->nowMs());
                     succeeded();
                 });
}

QString ControllerBase::titleFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Denied:
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
    case ErrorCode::Corrupt:
    case ErrorCode::Crypto:
    case ErrorCode::Overflow:
        return tr("Kiosk error: please ask our staff");
    }
    return tr("Error");
}

ControllerBase::ErrorText ControllerBase::describe(const Error &error, const EngineService *engine)
{
    const auto money = [engine](int64_t minor) {
        return engine ? engine->money(minor) : QString::number(minor);
    };
    const auto date = [engine](int64_t ms) {
        return engine ? engine->localDate(ms)
                      : QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(u"yyyy-MM-dd"_s);
    };
    // "19:30" today, "2026-01-02 19:30" on another day (venue zone).
    const auto time = [engine](int64_t ms) {
        const QString at = engine ? engine->localDateTime(ms)
                                  : QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(u"yyyy-MM-dd HH:mm"_s);
        if (engine && at.startsWith(engine->localDate(engine->nowMs()) + u' '))
            return at.mid(11);
        return at;
    };
    const auto attemptsLeft = [](int32_t n) {
        return n == 1 ? tr("1 attempt left") : tr("%1 attempts left").arg(n);
    };
    switch (error.reason) {
    case ErrorReason::None:
        break;
    case ErrorReason::WrongPin:
    case ErrorReason::StaffPinWrong:
        return {tr("Wrong PIN"), attemptsLeft(error.attemptsLeft)};
    case ErrorReason::PinLocked:
    case ErrorReason::StaffPinLocked:
        return {tr("PIN locked"), tr("Try again after %1").arg(time(error.untilMs))};
    case ErrorReason::InsufficientStoredValue:
        if (error.needed <= 0)
            return {tr("Not enough balance"), tr("There is no stored value on this account.")};
        return {tr("Not enough balance"),
                tr("Stored value %1; this needs %2.").arg(money(error.available), money(error.needed))};
    case ErrorReason::InsufficientPoints:
        return {tr("Not enough points"),
                tr("You have %1 points; this needs %2.").arg(error.available).arg(error.needed)};
    case ErrorReason::OutOfStock:
        return {tr("Out of stock"), tr("Please choose another reward.")};
    case ErrorReason::OverMemberLimit:
        return {tr("Limit reached"), tr("Each member can redeem this reward %1 times at most.").arg(error.needed)};
    case ErrorReason::VoucherExpired:
        return {tr("Voucher expired"), tr("It expired on %1.").arg(date(error.untilMs))};
    case ErrorReason::VoucherUsed:
        return {tr("Voucher already used"), tr("Each voucher can be used once.")};
    case ErrorReason::VoucherMinSpend:
        return {tr("Spend more to use this voucher"),
                tr("Minimum spend %1; this purchase is %2.").arg(money(error.needed), money(error.available))};
    case ErrorReason::UnknownCard:
        return {tr("Card not registered"), tr("Please ask our staff to register this card.")};
    case ErrorReason::CardBlocked:
        return {tr("Card blocked"), tr("This card can no longer be used. Please ask our staff for help.")};
    case ErrorReason::UnknownMember:
        return {tr("Member not found"), tr("Please check the name, phone number or card, or ask our staff.")};
    case ErrorReason::CardRemoved:
        return {tr("Card removed: nothing was charged"),
                tr("Hold your card on the reader until the receipt appears, then try again.")};
    case ErrorReason::SupervisorRequired:
        return {tr("Supervisor required"), tr("Above %1 points a supervisor must do this.").arg(error.needed)};
    case ErrorReason::OfflineCountLimit:
        return {tr("Offline limit reached"),
                tr("This card has made %1 offline payments or redemptions; it can spend again once the kiosk is "
                   "back online.")
                    .arg(error.needed)};
    case ErrorReason::OfflineValueLimit:
        return {tr("Offline limit reached"),
                tr("While offline this card can spend %1 more; this needs %2.").arg(money(error.available), money(error.needed))};
    case ErrorReason::OfflineDenyListStale:
        return {tr("Offline: spending paused"),
                tr("The kiosk has been offline for over %1 hours. Please ask our staff.").arg(error.needed)};
    }
    return {titleFor(error.code), QString::fromStdString(error.message)};
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
        return describe(error, nullptr).title;
    }
}

} // namespace tapledger::kiosk
