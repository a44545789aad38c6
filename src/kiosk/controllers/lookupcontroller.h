#pragma once

#include "controllers/controllerbase.h"
#include "models/membersearchmodel.h"

#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The staff lookup screen: find a member without a card (name, phone, handle, member or card
/// id) and open them as a guest session without a card (nothing is written to a card then).
class LookupController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(tapledger::kiosk::MemberSearchModel *results READ results CONSTANT)
    /// At most this many results (default 20).
    Q_PROPERTY(int limit READ limit WRITE setLimit NOTIFY limitChanged)

public:
    explicit LookupController(QObject *parent = nullptr);

    MemberSearchModel *results() { return &m_results; }
    int limit() const noexcept { return m_limit; }
    void setLimit(int limit);

    /// Fills `results` with the members matching @p query; false + error for an empty query.
    Q_INVOKABLE bool search(const QString &query);
    /// Opens the member in @p row as a guest session without a card; emits opened().
    Q_INVOKABLE bool open(int row);
    /// The member id (uuid text) of the result in @p row, "" for no such row.
    Q_INVOKABLE QString memberIdAt(int row) const;
    /// Empties the results.
    Q_INVOKABLE void clearResults();

Q_SIGNALS:
    void limitChanged();
    void opened();

private:
    void onStaffChanged();

    MemberSearchModel m_results;
    int m_limit = 20;
};

} // namespace tapledger::kiosk
