#include "services/engineservice.h"

#include "core/bytes.h"
#include "core/money.h"
#include "core/engine/explainer.h"

namespace tapledger::kiosk {

EngineService::EngineService(std::unique_ptr<Engine> engine, VenueCalendar calendar,
                             std::shared_ptr<const Clock> clock, QObject *parent)
    : QObject(parent), m_engine(std::move(engine)), m_calendar(std::move(calendar)), m_clock(std::move(clock))
{
}

EngineService::~EngineService() = default;

qint64 EngineService::ledgerHeight() const
{
    return static_cast<qint64>(m_engine->ledger().size());
}

QString EngineService::headHash() const
{
    if (m_engine->ledger().size() == 0)
        return {};
    return qs(toHex(m_engine->ledger().headHash()));
}

QString EngineService::kioskId() const
{
    return qs(m_engine->ledger().kioskId());
}

QString EngineService::currency() const
{
    return qs(m_engine->policy().currency);
}

QString EngineService::policyRef() const
{
    return qs(m_engine->policy().ref());
}

QString EngineService::money(qint64 minor) const
{
    return qs(formatAmount(minor, m_engine->policy().exponent));
}

Result<int64_t> EngineService::parseMoney(const QString &text) const
{
    auto currency = Currency::fromCode(m_engine->policy().currency);
    if (!currency)
        return std::move(currency).error();
    auto money = Money::parse(text.trimmed().toStdString(), *currency);
    if (!money)
        return std::move(money).error();
    return money->minor();
}

QString EngineService::localDateTime(qint64 ms) const
{
    return qs(m_calendar.localDateTime(ms));
}

QString EngineService::localDate(qint64 ms) const
{
    return qs(m_calendar.localDate(ms));
}

qint64 EngineService::nowMs() const
{
    return m_clock->nowMs();
}

void EngineService::notifyWritten()
{
    Q_EMIT ledgerChanged();
}

} // namespace tapledger::kiosk
