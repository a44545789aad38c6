#pragma once

#include "controllers/controllerbase.h"
#include "services/statusservice.h"

#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The staff device-status screen: card reader, ledger height and head hash, HQ sync state
/// (StatusService), deny-list size, the offline allowance of the card in session, and an
/// on-demand full ledger verification (hash chain, signatures, projections).
class DeviceStatusController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(tapledger::kiosk::StatusService *status READ status WRITE setStatus NOTIFY statusChanged)
    Q_PROPERTY(bool readerReady READ readerReady NOTIFY changed)
    Q_PROPERTY(QString readerDetail READ readerDetail NOTIFY changed)
    Q_PROPERTY(QString kioskId READ kioskId NOTIFY changed)
    Q_PROPERTY(QString policyRef READ policyRef NOTIFY changed)
    Q_PROPERTY(qint64 ledgerHeight READ ledgerHeight NOTIFY changed)
    /// Hex SHA-256 of the newest entry ("" when empty).
    Q_PROPERTY(QString headHash READ headHash NOTIFY changed)
    Q_PROPERTY(bool hqConfigured READ hqConfigured NOTIFY changed)
    Q_PROPERTY(bool online READ online NOTIFY changed)
    /// Local time of the last sync, or "never" (translated).
    Q_PROPERTY(QString lastSync READ lastSync NOTIFY changed)
    Q_PROPERTY(qint64 pendingUploads READ pendingUploads NOTIFY changed)
    /// Replaced and blocked cards this kiosk refuses.
    Q_PROPERTY(int denyListSize READ denyListSize NOTIFY changed)
    /// What the card in session may still spend offline ("" without a tapped card).
    Q_PROPERTY(QString offlineAllowance READ offlineAllowance NOTIFY changed)
    /// Result line of the last verifyLedger() ("" before).
    Q_PROPERTY(QString verifyResult READ verifyResult NOTIFY changed)
    /// The last verifyLedger() found the ledger intact.
    Q_PROPERTY(bool ledgerOk READ ledgerOk NOTIFY changed)

public:
    explicit DeviceStatusController(QObject *parent = nullptr);

    StatusService *status() const { return m_status; }
    void setStatus(StatusService *status);
    bool readerReady() const { return m_status && m_status->readerReady(); }
    QString readerDetail() const { return m_status ? m_status->readerDetail() : QString(); }
    QString kioskId() const;
    QString policyRef() const;
    qint64 ledgerHeight() const;
    QString headHash() const;
    bool hqConfigured() const { return m_status && m_status->hqConfigured(); }
    bool online() const { return m_status && m_status->online(); }
    QString lastSync() const;
    qint64 pendingUploads() const { return m_status ? m_status->pendingUploads() : 0; }
    int denyListSize() const noexcept { return m_denyListSize; }
    QString offlineAllowance() const { return m_offlineAllowance; }
    QString verifyResult() const { return m_verifyResult; }
    bool ledgerOk() const noexcept { return m_ledgerOk; }

    /// Re-reads and checks the whole ledger (can take a while on a large ledger); sets
    /// verifyResult and returns whether it is intact.
    Q_INVOKABLE bool verifyLedger();

Q_SIGNALS:
    void statusChanged();
    void changed();

protected:
    void refresh() override;
    void clear() override;

private:
    QPointer<StatusService> m_status;
    int m_denyListSize = 0;
    QString m_offlineAllowance, m_verifyResult;
    bool m_ledgerOk = false;
};

} // namespace tapledger::kiosk
