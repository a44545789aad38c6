#pragma once

#include "controllers/controllerbase.h"

#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The staff shift screen: open a shift, the running settlement report, close it. The report
/// lists money per pay method (top-ups, purchases, refunds, entries) with totals, and the points
/// issued, redeemed and adjusted; amounts formatted in the policy currency. After close() the
/// settled report stays on screen until the next open() or logout.
class ShiftController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    /// The logged-in staff member has an open shift.
    Q_PROPERTY(bool isOpen READ isOpen NOTIFY changed)
    /// A report is shown (open shift, or the one just closed).
    Q_PROPERTY(bool hasReport READ hasReport NOTIFY changed)
    /// The report is the settlement of a closed shift.
    Q_PROPERTY(bool closed READ closed NOTIFY changed)
    Q_PROPERTY(QString staffName READ staffName NOTIFY changed)
    /// Local "YYYY-MM-DD HH:MM" (venue zone); closedAt "" while open.
    Q_PROPERTY(QString openedAt READ openedAt NOTIFY changed)
    Q_PROPERTY(QString closedAt READ closedAt NOTIFY changed)
    /// One map per pay method: payMethod, topUps, purchases, refunds (formatted money), count.
    Q_PROPERTY(QVariantList rows READ rows NOTIFY changed)
    /// Sums over the pay methods, formatted money.
    Q_PROPERTY(QString totalTopUps READ totalTopUps NOTIFY changed)
    Q_PROPERTY(QString totalPurchases READ totalPurchases NOTIFY changed)
    Q_PROPERTY(QString totalRefunds READ totalRefunds NOTIFY changed)
    Q_PROPERTY(qint64 totalCount READ totalCount NOTIFY changed)
    /// Bonus stored value granted with top-ups, formatted money.
    Q_PROPERTY(QString bonusGranted READ bonusGranted NOTIFY changed)
    Q_PROPERTY(qint64 pointsIssued READ pointsIssued NOTIFY changed)
    Q_PROPERTY(qint64 pointsRedeemed READ pointsRedeemed NOTIFY changed)
    Q_PROPERTY(qint64 pointsAdjusted READ pointsAdjusted NOTIFY changed)
    /// Ledger entries of the shift, "#12–40".
    Q_PROPERTY(QString entries READ entries NOTIFY changed)

public:
    explicit ShiftController(QObject *parent = nullptr);

    bool isOpen() const noexcept { return m_hasReport && !m_closed; }
    bool hasReport() const noexcept { return m_hasReport; }
    bool closed() const noexcept { return m_closed; }
    QString staffName() const { return m_staffName; }
    QString openedAt() const { return m_openedAt; }
    QString closedAt() const { return m_closedAt; }
    QVariantList rows() const { return m_rows; }
    QString totalTopUps() const { return m_totalTopUps; }
    QString totalPurchases() const { return m_totalPurchases; }
    QString totalRefunds() const { return m_totalRefunds; }
    qint64 totalCount() const noexcept { return m_totalCount; }
    QString bonusGranted() const { return m_bonusGranted; }
    qint64 pointsIssued() const noexcept { return m_pointsIssued; }
    qint64 pointsRedeemed() const noexcept { return m_pointsRedeemed; }
    qint64 pointsAdjusted() const noexcept { return m_pointsAdjusted; }
    QString entries() const { return m_entries; }

    /// Opens a shift for the logged-in staff member; false + error when one is open already.
    Q_INVOKABLE bool open();
    /// Reloads the open shift's report.
    Q_INVOKABLE void reload();
    /// Closes the open shift and shows its settlement; false + error when none is open.
    Q_INVOKABLE bool close();

Q_SIGNALS:
    void changed();
    void opened();
    void shiftClosed();

protected:
    void refresh() override;

private:
    void onStaffChanged();
    void show(const ShiftReport &report, bool closed);
    void reset();

    bool m_hasReport = false, m_closed = false;
    QString m_staffName, m_openedAt, m_closedAt, m_totalTopUps, m_totalPurchases, m_totalRefunds, m_bonusGranted,
        m_entries;
    QVariantList m_rows;
    qint64 m_totalCount = 0, m_pointsIssued = 0, m_pointsRedeemed = 0, m_pointsAdjusted = 0;
};

} // namespace tapledger::kiosk
