#pragma once

#include "core/engine/enginetypes.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace tapledger::kiosk {

/// Members found by the staff lookup or the enrol duplicate check.
/// Roles: memberId, name, handle, phone, tierName.
class MemberSearchModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by a staff controller")

public:
    enum Role { MemberIdRole = Qt::UserRole + 1, NameRole, HandleRole, PhoneRole, TierNameRole };
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the rows.
    void setMembers(std::vector<MemberSummary> members);
    /// The member at @p row, nullptr outside the rows.
    const MemberSummary *member(int row) const;

private:
    std::vector<MemberSummary> m_members;
};

} // namespace tapledger::kiosk
