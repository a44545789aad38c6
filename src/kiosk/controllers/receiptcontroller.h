#pragma once

#include "controllers/controllerbase.h"
#include "models/receiptmodel.h"

#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The receipt screen for the session's last receipt: what it was for, time (venue zone), kiosk,
/// entry seqs, before / change / after per balance, and a QR code of the signed entry reference
/// ("tapledger:entry:<kiosk>:<seq>:<sha256 hex>", which anyone can check against the exported
/// ledger). Printing writes the same text to the configured printer device.
class ReceiptController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(QString time READ time NOTIFY changed)
    Q_PROPERTY(QString kioskId READ kioskId NOTIFY changed)
    /// "#12" or "#12–14".
    Q_PROPERTY(QString entries READ entries NOTIFY changed)
    /// One explanation line per entry.
    Q_PROPERTY(QStringList explanations READ explanations NOTIFY changed)
    /// The text encoded in the QR code ("" without a receipt).
    Q_PROPERTY(QString reference READ reference NOTIFY changed)
    Q_PROPERTY(tapledger::kiosk::ReceiptModel *lines READ lines CONSTANT)
    /// The member the receipt is for ("" without a receipt).
    Q_PROPERTY(QString memberName READ memberName NOTIFY changed)
    /// The staff member who did the action ("" for self-service: the entry names no staff).
    Q_PROPERTY(QString staffName READ staffName NOTIFY changed)
    /// A staff member did the action: Done leads back to the staff menu.
    Q_PROPERTY(bool byStaff READ byStaff NOTIFY changed)
    /// Stored value (deposit + bonus) before and after, money formatted; "" when the action did
    /// not change stored value.
    Q_PROPERTY(QString storedBefore READ storedBefore NOTIFY changed)
    Q_PROPERTY(QString storedAfter READ storedAfter NOTIFY changed)
    /// Points before and after; "" when the action did not change points.
    Q_PROPERTY(QString pointsBefore READ pointsBefore NOTIFY changed)
    Q_PROPERTY(QString pointsAfter READ pointsAfter NOTIFY changed)
    /// How the member gets what the receipt is for (a reward at the counter, a bonus already on
    /// the account); "" when there is nothing to collect.
    Q_PROPERTY(QString collectHint READ collectHint NOTIFY changed)
    /// A printer device is configured.
    Q_PROPERTY(bool canPrint READ canPrint NOTIFY changed)
    /// Printer device path ("" = none), from the config.
    Q_PROPERTY(QString printerDevice READ printerDevice WRITE setPrinterDevice NOTIFY changed)

public:
    explicit ReceiptController(QObject *parent = nullptr);

    QString title() const { return m_title; }
    QString time() const { return m_time; }
    QString kioskId() const { return m_kioskId; }
    QString entries() const { return m_entries; }
    QStringList explanations() const { return m_explanations; }
    QString reference() const { return m_reference; }
    ReceiptModel *lines() { return &m_lines; }
    QString memberName() const { return m_memberName; }
    QString staffName() const { return m_staffName; }
    bool byStaff() const { return !m_staffName.isEmpty(); }
    QString storedBefore() const { return m_storedBefore; }
    QString storedAfter() const { return m_storedAfter; }
    QString pointsBefore() const { return m_pointsBefore; }
    QString pointsAfter() const { return m_pointsAfter; }
    QString collectHint() const { return m_collectHint; }
    bool canPrint() const { return !m_printer.isEmpty() && !m_reference.isEmpty(); }
    QString printerDevice() const { return m_printer; }
    void setPrinterDevice(const QString &device);

    /// Writes the receipt as text to the printer device; false + error when it fails.
    Q_INVOKABLE bool print();
    /// The receipt as plain text (for the printer and tests).
    QString text() const;

Q_SIGNALS:
    void changed();

protected:
    void refresh() override;
    void clear() override;

private:
    /// Fills staff name and collect hint from the action's main entry.
    void describeMainEntry(const LedgerEntry &entry);

    QString m_memberName, m_staffName, m_storedBefore, m_storedAfter, m_pointsBefore, m_pointsAfter, m_collectHint;
    QString m_title, m_time, m_kioskId, m_entries, m_reference, m_printer;
    QStringList m_explanations;
    ReceiptModel m_lines;
    QMetaObject::Connection m_receiptConnection;
};

} // namespace tapledger::kiosk
