#include "models/historymodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_loaded);
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line &row = m_lines[m_visible[static_cast<size_t>(index.row())]];
    const HistoryLine &l = row.line;
    switch (role) {
    case SeqRole:
        return static_cast<qulonglong>(l.seq);
    case TimeRole:
        return m_formatTime ? m_formatTime(l.timeMs) : QString();
    case KindRole:
        return QString::fromStdString(l.kind);
    case GroupRole:
        return groupOf(l.kind);
    case Qt::DisplayRole:
    case TextRole:
        return QString::fromStdString(l.text);
    case HeadlineRole:
        return row.headline;
    case ChangeRole:
        return row.change;
    case BalanceRole:
        return row.balance;
    case ReferenceRole:
        return row.reference;
    default:
        return {};
    }
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    return {{SeqRole, "seq"},           {TimeRole, "time"},       {KindRole, "kind"},
            {GroupRole, "group"},       {TextRole, "text"},       {HeadlineRole, "headline"},
            {ChangeRole, "change"},     {BalanceRole, "balance"}, {ReferenceRole, "reference"}};
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded < m_visible.size();
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const size_t more = std::min<size_t>(kPageSize, m_visible.size() - m_loaded);
    beginInsertRows({}, static_cast<int>(m_loaded), static_cast<int>(m_loaded + more) - 1);
    m_loaded += more;
    endInsertRows();
}

void HistoryModel::setLines(std::vector<Line> lines, std::function<QString(int64_t)> formatTime)
{
    std::reverse(lines.begin(), lines.end());
    beginResetModel();
    m_lines = std::move(lines);
    m_formatTime = std::move(formatTime);
    rebuild();
    endResetModel();
    Q_EMIT filterChanged();
}

void HistoryModel::clear()
{
    setLines({}, {});
}

void HistoryModel::setFilter(const QString &filter)
{
    if (filter == m_filter)
        return;
    beginResetModel();
    m_filter = filter;
    rebuild();
    endResetModel();
    Q_EMIT filterChanged();
}

void HistoryModel::rebuild()
{
    m_visible.clear();
    for (size_t i = 0; i < m_lines.size(); ++i)
        if (m_filter == "all"_L1 || groupOf(m_lines[i].line.kind) == m_filter)
            m_visible.push_back(i);
    m_loaded = std::min<size_t>(kPageSize, m_visible.size());
}

QString HistoryModel::groupOf(const std::string &kind)
{
    static const std::pair<const char *, const char *> groups[] = {
        {"earn", "points"},       {"redeem", "points"},        {"points_expire", "points"},
        {"adjust", "points"},     {"topup", "value"},          {"pay", "value"},
        {"refund", "value"},      {"transfer", "value"},       {"membership", "value"},
        {"purchase", "value"},    {"return", "value"},         {"voucher_issue", "vouchers"},
        {"voucher_use", "vouchers"}, {"voucher_expire", "vouchers"},
    };
    for (const auto &[k, g] : groups)
        if (kind == k)
            return QString::fromLatin1(g);
    return u"other"_s;
}

} // namespace tapledger::kiosk
