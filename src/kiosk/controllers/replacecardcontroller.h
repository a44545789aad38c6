#pragma once

#include "controllers/controllerbase.h"

#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The staff replace-card screen for the member in session (usually found by lookup): lists the
/// member's cards, personalises the blank card in the field as the new card and replaces the
/// chosen lost card with it — one signed pair of entries moves deposit, bonus and points, and the
/// old card is deny-listed (Engine::replaceCard) — and writes those balances onto the new card.
/// The card write and the entries are one step: if the card cannot be personalised nothing is
/// replaced (runCardIssue).
class ReplaceCardController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    /// Issuer code for the new card (default "TAPLEDGER").
    Q_PROPERTY(QString issuer READ issuer WRITE setIssuer NOTIFY cardsChanged)
    /// The member's cards, one map each: cardId, shortId (first 8 hex digits), status ("active",
    /// "replaced", "blocked"), statusText (translated), active (bool: can be replaced).
    Q_PROPERTY(QVariantList oldCards READ oldCards NOTIFY changed)
    /// The new card's id after a replacement ("" before).
    Q_PROPERTY(QString newCardId READ newCardId NOTIFY changed)

public:
    explicit ReplaceCardController(QObject *parent = nullptr);

    QString issuer() const { return m_issuer; }
    void setIssuer(const QString &issuer);
    QVariantList oldCards() const { return m_oldCards; }
    QString newCardId() const { return m_newCardId; }

    /// Replaces the card in row @p row of oldCards with the blank card in the field. Emits
    /// replaced() (the session then holds the receipt; errorTitle is set only in the rare case
    /// that the balances could not be written onto the new card) or failed() with the error set.
    Q_INVOKABLE void replace(int row);

Q_SIGNALS:
    void changed();
    void replaced();
    void failed();

protected:
    void refresh() override;
    void clear() override;

private:
    QString m_issuer;
    QVariantList m_oldCards;
    std::vector<Uuid> m_cardIds;
    QString m_newCardId;
};

} // namespace tapledger::kiosk
