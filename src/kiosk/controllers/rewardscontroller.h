#pragma once

#include "controllers/controllerbase.h"
#include "models/rewardmodel.h"
#include "services/cardservice.h"

#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The rewards screen: the catalogue (affordable first), the member's choice of points for
/// variable rewards, and the redemption itself. A redemption is acknowledged only when it is
/// durable in the ledger and, for a tapped card, committed on the card (DESIGN.md invariant 4):
/// the engine writes inside a batch, the card state is written with CommitTransaction, then the
/// batch commits; a card that leaves the field first rolls the batch back — nothing is charged.
class RewardsController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(tapledger::kiosk::RewardModel *rewards READ rewards CONSTANT)
    /// The member's points.
    Q_PROPERTY(qint64 points READ points NOTIFY changed)

public:
    explicit RewardsController(QObject *parent = nullptr);

    RewardModel *rewards() { return &m_rewards; }
    qint64 points() const noexcept { return m_points; }

    /// What redeeming @p rewardId for @p points (variable rewards; 0 for fixed ones) does to
    /// this member's balances, for the confirm screen: name (screen language), points (the
    /// cost), pointsBefore, pointsAfter, cash ("" when none, money formatted), storedBefore and
    /// storedAfter (money; equal without a cash part or credit), credit (a variable reward's bonus,
    /// "" for fixed ones). Empty for an unknown reward or without a member.
    Q_INVOKABLE QVariantMap preview(const QString &rewardId, qint64 points) const;
    /// Redeems reward @p rewardId for @p points (variable rewards; 0 for fixed ones) with the
    /// member's @p pin; a cash part is paid from stored value. Emits redeemed() once durable
    /// (the session then holds the receipt) or failed() with the error set.
    Q_INVOKABLE void redeem(const QString &rewardId, qint64 points, const QString &pin);

Q_SIGNALS:
    void changed();
    void redeemed();
    void failed();

protected:
    void refresh() override;
    void clear() override;

private:
    RewardModel m_rewards;
    qint64 m_points = 0;
};

} // namespace tapledger::kiosk
