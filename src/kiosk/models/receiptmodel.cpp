#include "models/receiptmodel.h"

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

int ReceiptModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ReceiptModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case BalanceRole:
        return r.balance;
    case BeforeRole:
        return r.before;
    case ChangeRole:
        return r.change;
    case AfterRole:
        return r.after;
    default:
        return {};
    }
}

QHash<int, QByteArray> ReceiptModel::roleNames() const
{
    return {{BalanceRole, "balance"}, {BeforeRole, "before"}, {ChangeRole, "change"}, {AfterRole, "after"}};
}

void ReceiptModel::setLines(const std::vector<BalanceLine> &lines, const std::function<QString(int64_t)> &money)
{
    beginResetModel();
    m_rows.clear();
    for (const BalanceLine &l : lines) {
        if (l.change == 0)
            continue;
        const bool points = l.balance == "points";
        auto fmt = [&](int64_t v) { return points ? QString::number(v) : money(v); };
        m_rows.push_back(Row{QString::fromStdString(l.balance), fmt(l.before),
                             (l.change > 0 ? u"+"_s : QString()) + fmt(l.change), fmt(l.after)});
    }
    endResetModel();
}

void ReceiptModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

} // namespace tapledger::kiosk
