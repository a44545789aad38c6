#pragma once

#include "core/engine/enginetypes.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <vector>

namespace tapledger::kiosk {

/// The lines of a receipt, one per balance the action touched: before, change, after.
/// Roles: balance ("deposit", "bonus", "points"), before, change (signed, "+20.00" / "-120"),
/// after — amounts formatted (minor units as money, points as integers).
class ReceiptModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by ReceiptController")

public:
    enum Role { BalanceRole = Qt::UserRole + 1, BeforeRole, ChangeRole, AfterRole };
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Shows @p lines; @p money formats minor units.
    void setLines(const std::vector<BalanceLine> &lines, const std::function<QString(int64_t)> &money);
    /// Drops every line.
    void clear();

private:
    struct Row
    {
        QString balance, before, change, after;
    };
    std::vector<Row> m_rows;
};

} // namespace tapledger::kiosk
