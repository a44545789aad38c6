#include "services/demoservice.h"

namespace tapledger::kiosk {

DemoService::DemoService(QStringList cards, std::function<void(int)> present, std::function<void()> remove,
                         QObject *parent)
    : QObject(parent), m_cards(std::move(cards)), m_present(std::move(present)), m_remove(std::move(remove))
{
}

void DemoService::tap(int index)
{
    if (!m_present || index < 0 || index >= m_cards.size())
        return;
    m_present(index);
    m_presented = index;
    Q_EMIT presentedChanged();
}

void DemoService::remove()
{
    if (!m_remove || m_presented < 0)
        return;
    m_remove();
    m_presented = -1;
    Q_EMIT presentedChanged();
}

} // namespace tapledger::kiosk
