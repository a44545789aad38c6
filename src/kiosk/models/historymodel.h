#pragma once

#include "core/engine/enginetypes.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <vector>

namespace tapledger::kiosk {

/// A member's explained history, newest first, filtered by group and paged: the view sees
/// pageSize rows and asks for more (canFetchMore / fetchMore) as it scrolls.
/// Roles: seq, time (local "YYYY-MM-DD HH:MM"), kind (entry kind name), group, text (the
/// engine's full explanation), headline (plain words, HistoryPhrase), change (the line's balance
/// change, "" for none), balance (the running balance after the line: "327 pts · ¥11,214.00"),
/// reference (entry number and rule ids and versions, for the details shown on tap).
class HistoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by HistoryController")
    /// "all", "points" (earn, redeem, expiry, adjust), "value" (top-up, pay, refund, transfer,
    /// membership), "vouchers" or "other". Unknown names show nothing.
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    /// Lines matching the filter (loaded or not).
    Q_PROPERTY(int totalCount READ totalCount NOTIFY filterChanged)

public:
    enum Role {
        SeqRole = Qt::UserRole + 1,
        TimeRole,
        KindRole,
        GroupRole,
        TextRole,
        HeadlineRole,
        ChangeRole,
        BalanceRole,
        ReferenceRole,
    };
    /// One line with the screen's words for it (HistoryController fills them).
    struct Line
    {
        HistoryLine line;
        QString headline, change, balance, reference;
    };
    static constexpr int kPageSize = 25;
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Replaces the lines (oldest first, as the engine returns them); @p formatTime renders UTC ms.
    void setLines(std::vector<Line> lines, std::function<QString(int64_t)> formatTime);
    /// Drops every line.
    void clear();

    QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    int totalCount() const { return static_cast<int>(m_visible.size()); }
    /// The group of an entry kind name (see `filter`).
    static QString groupOf(const std::string &kind);

Q_SIGNALS:
    void filterChanged();

private:
    void rebuild();

    std::vector<Line> m_lines;             // newest first
    std::vector<size_t> m_visible;         // indexes into m_lines matching the filter
    size_t m_loaded = 0;                   // rows exposed to the view
    QString m_filter = QStringLiteral("all");
    std::function<QString(int64_t)> m_formatTime;
};

} // namespace tapledger::kiosk
