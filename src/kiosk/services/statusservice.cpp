#include "services/statusservice.h"

#include "services/engineservice.h"

namespace tapledger::kiosk {

StatusService::StatusService(EngineService &engine, bool hqConfigured, QObject *parent)
    : QObject(parent), m_engine(engine), m_hqConfigured(hqConfigured), m_online(!hqConfigured)
{
    applyConnectivity();
    connect(&m_engine, &EngineService::ledgerChanged, this, &StatusService::changed);
}

qint64 StatusService::pendingUploads() const
{
    return m_engine.ledgerHeight() - m_ackedHeight;
}

void StatusService::setReader(bool ready, const QString &detail)
{
    if (ready == m_readerReady && detail == m_readerDetail)
        return;
    m_readerReady = ready;
    m_readerDetail = detail;
    Q_EMIT changed();
}

void StatusService::setSynced(qint64 timeMs, qint64 ackedHeight)
{
    m_lastSyncMs = timeMs;
    m_ackedHeight = ackedHeight;
    applyConnectivity();
    Q_EMIT changed();
}

void StatusService::setOnline(bool online)
{
    if (online == m_online)
        return;
    m_online = online;
    applyConnectivity();
    Q_EMIT changed();
}

void StatusService::applyConnectivity()
{
    m_engine.engine().setConnectivity(m_online, m_lastSyncMs);
}

} // namespace tapledger::kiosk
