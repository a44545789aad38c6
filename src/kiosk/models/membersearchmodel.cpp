#include "models/membersearchmodel.h"

namespace tapledger::kiosk {

int MemberSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_members.size());
}

QVariant MemberSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MemberSummary &m = m_members[static_cast<size_t>(index.row())];
    switch (role) {
    case MemberIdRole:
        return QString::fromStdString(m.member.toString());
    case Qt::DisplayRole:
    case NameRole:
        return QString::fromStdString(m.name);
    case HandleRole:
        return QString::fromStdString(m.handle);
    case PhoneRole:
        return QString::fromStdString(m.phone);
    case TierNameRole:
        return QString::fromStdString(m.tierName);
    default:
        return {};
    }
}

QHash<int, QByteArray> MemberSearchModel::roleNames() const
{
    return {{MemberIdRole, "memberId"}, {NameRole, "name"}, {HandleRole, "handle"}, {PhoneRole, "phone"},
            {TierNameRole, "tierName"}};
}

void MemberSearchModel::setMembers(std::vector<MemberSummary> members)
{
    beginResetModel();
    m_members = std::move(members);
    endResetModel();
}

const MemberSummary *MemberSearchModel::member(int row) const
{
    if (row < 0 || static_cast<size_t>(row) >= m_members.size())
        return nullptr;
    return &m_members[static_cast<size_t>(row)];
}

} // namespace tapledger::kiosk
