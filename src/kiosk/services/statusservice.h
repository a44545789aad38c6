#pragma once

#include "services/qmlsingleton.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

class EngineService;

/// What the status bar shows: link to HQ (online / offline / standalone), age of the last sync,
/// entries waiting for upload and the card reader's state. QML singleton `StatusService`.
class StatusService : public QObject, public QmlSingleton<StatusService>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// True while HQ is reachable.
    Q_PROPERTY(bool online READ online NOTIFY changed)
    /// False when the kiosk runs without HQ (no [hq] url in the config).
    Q_PROPERTY(bool hqConfigured READ hqConfigured CONSTANT)
    /// UTC ms of the last successful sync, 0 = never.
    Q_PROPERTY(qint64 lastSyncMs READ lastSyncMs NOTIFY changed)
    /// Ledger entries HQ has not acknowledged yet.
    Q_PROPERTY(qint64 pendingUploads READ pendingUploads NOTIFY changed)
    /// True while the card reader is open and polling.
    Q_PROPERTY(bool readerReady READ readerReady NOTIFY changed)
    /// One line about the reader ("pn532_uart:/dev/pts/3", "reader unplugged").
    Q_PROPERTY(QString readerDetail READ readerDetail NOTIFY changed)

public:
    /// Follows @p engine's ledger; @p hqConfigured from the config. Owns the engine's connectivity:
    /// a standalone kiosk is its own authority (online); one with HQ starts offline with a
    /// deny-list that was never updated, so it refuses offline spending until its first sync.
    StatusService(EngineService &engine, bool hqConfigured, QObject *parent = nullptr);

    bool online() const noexcept { return m_online; }
    bool hqConfigured() const noexcept { return m_hqConfigured; }
    qint64 lastSyncMs() const noexcept { return m_lastSyncMs; }
    qint64 pendingUploads() const;
    bool readerReady() const noexcept { return m_readerReady; }
    QString readerDetail() const { return m_readerDetail; }

    /// The reader's state changed.
    void setReader(bool ready, const QString &detail);
    /// A sync finished at @p timeMs (UTC ms): @p ackedHeight entries are at HQ and the deny-list is current.
    void setSynced(qint64 timeMs, qint64 ackedHeight);
    /// The link to HQ went up or down.
    void setOnline(bool online);

Q_SIGNALS:
    void changed();

private:
    EngineService &m_engine;
    bool m_hqConfigured = false;
    bool m_online = false;
    qint64 m_lastSyncMs = 0;
    void applyConnectivity();
    qint64 m_ackedHeight = 0;
    bool m_readerReady = false;
    QString m_readerDetail;
};

} // namespace tapledger::kiosk
