#pragma once

#include "core/engine/policy.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <vector>

namespace tapledger::kiosk {

/// The rewards catalogue for one member: what the member can afford first (then by point cost).
/// Roles: rewardId, name (in the screen language: EngineService::displayText), points (fixed
/// cost; minimum for variable rewards), cash (formatted cash part, "" when none), affordable,
/// variable, minPoints, maxPoints, step, missing (points the member still lacks for the cheapest
/// choice, 0 when affordable), reachableMax (a variable reward's highest choice this member can
/// pay: maxPoints capped by the balance, on the step grid; minPoints when unaffordable).
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
    };
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Lists @p rewards for a member holding @p memberPoints; @p money formats minor units.
    void setRewards(const std::vector<Reward> &rewards, int64_t memberPoints,
                    const std::function<QString(int64_t)> &money);
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
    };
    std::vector<Row> m_rows;
};

} // namespace tapledger::kiosk
