#include "models/rewardmodel.h"

#include "services/engineservice.h"

#include <algorithm>
#include <cstdint>

namespace tapledger::kiosk {

int RewardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant RewardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<size_t>(index.row())];
    const Reward &w = r.reward;
    switch (role) {
    case RewardIdRole:
        return QString::fromStdString(w.rule.id);
    case Qt::DisplayRole:
    case NameRole:
        return EngineService::displayText(w.name);
    case PointsRole:
        return static_cast<qlonglong>(w.variable ? w.minPoints : w.points);
    case CashRole:
        return r.cash;
    case AffordableRole:
        return r.affordable;
    case VariableRole:
        return w.variable;
    case MinPointsRole:
        return static_cast<qlonglong>(w.minPoints);
    case MaxPointsRole:
        return static_cast<qlonglong>(w.maxPoints);
    case StepRole:
        return static_cast<qlonglong>(w.step);
    case MissingRole:
        return static_cast<qlonglong>(r.missing);
    case ReachableMaxRole:
        return static_cast<qlonglong>(r.reachableMax);
    case StockLeftRole:
        return static_cast<qlonglong>(r.stockLeft ? std::max<int64_t>(*r.stockLeft, 0) : -1);
    case OutOfStockRole:
        return r.outOfStock();
    case StockTextRole:
        if (!r.stockLeft)
            return QString();
        return r.outOfStock() ? tr("Out of stock") : tr("%n left", nullptr, static_cast<int>(std::min<int64_t>(*r.stockLeft, INT32_MAX)));
    case RedeemableRole:
        return r.affordable && !r.outOfStock();
    default:
        return {};
    }
}

QHash<int, QByteArray> RewardModel::roleNames() const
{
    return {{RewardIdRole, "rewardId"},     {NameRole, "name"},         {PointsRole, "points"},
            {CashRole, "cash"},             {AffordableRole, "affordable"}, {VariableRole, "variable"},
            {MinPointsRole, "minPoints"},   {MaxPointsRole, "maxPoints"},   {StepRole, "step"},
            {MissingRole, "missing"},       {ReachableMaxRole, "reachableMax"}, {StockLeftRole, "stockLeft"},
            {OutOfStockRole, "outOfStock"}, {StockTextRole, "stockText"},   {RedeemableRole, "redeemable"}};
}

void RewardModel::setRewards(const std::vector<Reward> &rewards, int64_t memberPoints,
                             const std::function<QString(int64_t)> &money, const StockLeft &stockLeft)
{
    std::vector<Row> rows;
    rows.reserve(rewards.size());
    for (const Reward &w : rewards) {
        const int64_t cost = w.variable ? w.minPoints : w.points;
        const bool affordable = memberPoints >= cost;
        int64_t reachable = w.minPoints;
        if (w.variable && affordable) {
            // The engine takes multiples of step within [minPoints, maxPoints] (enginerewards.cpp).
            const int64_t step = w.step > 0 ? w.step : 1;
            const int64_t top = std::min(w.maxPoints, memberPoints);
            reachable = std::max(w.minPoints, top - top % step);
        }
        rows.push_back(Row{w, affordable, w.cash ? money(w.cash) : QString(), affordable ? 0 : cost - memberPoints,
                           reachable, stockLeft ? stockLeft(w.rule.id) : std::nullopt});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        const bool ra = a.affordable && !a.outOfStock(), rb = b.affordable && !b.outOfStock();
        if (ra != rb)
            return ra;
        const int64_t ca = a.reward.variable ? a.reward.minPoints : a.reward.points;
        const int64_t cb = b.reward.variable ? b.reward.minPoints : b.reward.points;
        return ca < cb;
    });
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void RewardModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

const Reward *RewardModel::reward(int row) const
{
    if (row < 0 || static_cast<size_t>(row) >= m_rows.size())
        return nullptr;
    return &m_rows[static_cast<size_t>(row)].reward;
}

int RewardModel::rowOf(const QString &id) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (QString::fromStdString(m_rows[i].reward.rule.id) == id)
            return static_cast<int>(i);
    return -1;
}

} // namespace tapledger::kiosk
