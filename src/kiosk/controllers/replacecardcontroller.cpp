#include "controllers/replacecardcontroller.h"

#include "services/cardissue.h"

#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

ReplaceCardController::ReplaceCardController(QObject *parent)
    : ControllerBase(parent), m_issuer(QString::fromLatin1(kDefaultCardIssuer))
{
}

void ReplaceCardController::setIssuer(const QString &issuer)
{
    if (issuer == m_issuer)
        return;
    m_issuer = issuer;
    Q_EMIT cardsChanged();
}

void ReplaceCardController::refresh()
{
    if (!hasMember()) {
        clear();
        return;
    }
    auto view = engine().member(session()->member());
    if (!view) {
        reportError(view.error());
        return;
    }
    m_oldCards.clear();
    m_cardIds = view->cards;
    for (const Uuid &card : view->cards) {
        auto status = engine().cardStatus(card);
        const std::string s = status ? status->status : std::string();
        QString text = tr("Unknown");
        if (s == "active")
            text = tr("Active");
        else if (s == "replaced")
            text = tr("Replaced");
        else if (s == "blocked")
            text = tr("Blocked");
        const QString id = qs(card.toString());
        m_oldCards << QVariantMap{{u"cardId"_s, id},
                                  {u"shortId"_s, id.left(8)},
                                  {u"status"_s, qs(s)},
                                  {u"statusText"_s, text},
                                  {u"active"_s, s == "active"}};
    }
    Q_EMIT changed();
}

void ReplaceCardController::clear()
{
    m_oldCards.clear();
    m_cardIds.clear();
    m_newCardId.clear();
    Q_EMIT changed();
}

void ReplaceCardController::replace(int row)
{
    if (busy())
        return;
    if (!requireStaff(true)) {
        Q_EMIT failed();
        return;
    }
    if (row < 0 || static_cast<size_t>(row) >= m_cardIds.size()) {
        setError(tr("Choose the lost card"));
        Q_EMIT failed();
        return;
    }
    if (!cards() || session()->busy()) {
        setError(tr("The card reader is not available"));
        Q_EMIT failed();
        return;
    }
    clearError();
    const Uuid oldCard = m_cardIds[static_cast<size_t>(row)], member = session()->member(),
               staff = session()->staffId();
    runCardIssue(
        *engineService(), *cards(), member, m_issuer, this,
        [this, oldCard, staff](const Uuid &newCard) { return engine().replaceCard(oldCard, newCard, staff); },
        [this](bool b) { setBusy(b); },
        [this](const CardIssueOutcome &outcome) {
            if (!outcome.receipt) {
                if (outcome.cardFailed)
                    setError(cardIssueTitle(outcome.receipt.error()),
                             qs(outcome.receipt.error().message));
                else
                    reportError(outcome.receipt.error());
                Q_EMIT failed();
                return;
            }
            m_newCardId = qs(outcome.cardId.toString());
            if (hasMember())
                session()->setReceipt(*outcome.receipt, tr("Card replaced"), engineService()->nowMs());
            refresh();
            if (!outcome.balancesWritten)
                setError(tr("Card replaced, but its balance is not on the card yet"),
                         tr("The balance is safe in the ledger; the card gets it at its next top-up or payment."));
            Q_EMIT replaced();
        });
}

} // namespace tapledger::kiosk
