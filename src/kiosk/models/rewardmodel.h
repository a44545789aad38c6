#pragma once

#include "core/engine/policy.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tapledger::kiosk {

/// The rewards catalogue for one member: what the member can redeem first (affordable and in
/// stock), then by point cost.
/// Roles: rewardId, name (in the screen language: EngineService::displayText), points (fixed
/// cost; minimum for variable rewards), cash (formatted cash part, "" when none), affordable,
/// variable, minPoints, maxPoints, step, missing (points the member still lacks for the cheapest
/// choice, 0 when affordable), reachableMax (a variable reward's highest choice this member can
/// pay: maxPoints capped by the balance, on the step grid; minPoints when unaffordable),
/// stockLeft (how many the fleet has left, Engine::rewardStockLeft; -1 = no stock limit),
/// outOfStock (a stocked reward with 0 or fewer left), stockText (translated "N left",
/// "Out of stock", "" without a limit), redeemable (affordable and not out of stock: the screen
/// offers Redeem exactly then).
class RewardModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by RewardsController")

public:
    enum Role {
        RewardIdRole = Qt::UserRole + 1,
        NameRole,
        PointsRole,
        CashRole,
        AffordableRole,
        VariableRole,
        MinPointsRole,
        MaxPointsRole,
        StepRole,
        MissingRole,
        ReachableMaxRole,
        StockLeftRole,
        OutOfStockRole,
        StockTextRole,
        RedeemableRole,
    };
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// How many of a reward are left fleet-wide, nullopt for a reward without a stock limit.
    using StockLeft = std::function<std::optional<int64_t>(const std::string &rewardId)>;

    /// Lists @p rewards for a member holding @p memberPoints; @p money formats minor units;
    /// @p stockLeft says what is left of each (none given: no reward has a limit).
    void setRewards(const std::vector<Reward> &rewards, int64_t memberPoints,
                    const std::function<QString(int64_t)> &money, const StockLeft &stockLeft = {});
    /// Drops every row.
    void clear();
    /// The reward at @p row, nullptr outside the rows.
    const Reward *reward(int row) const;
    /// The row of reward @p id, -1 if absent.
    int rowOf(const QString &id) const;

private:
    struct Row
    {
        Reward reward;
        bool affordable = false;
        QString cash;
        int64_t missing = 0, reachableMax = 0;
        std::optional<int64_t> stockLeft; ///< nullopt = no limit
        bool outOfStock() const { return stockLeft && *stockLeft <= 0; }
    };
    std::vector<Row> m_rows;
};

} // namespace tapledger::kiosk
