#include "services/sessionservice.h"

#include "services/engineservice.h"

#include <cassert>

namespace tapledger::kiosk {

SessionService::SessionService(int guestIdleMs, int staffIdleMs, QObject *parent) : QObject(parent)
{
    assert(guestIdleMs > 0 && staffIdleMs > 0);
    m_guestIdle.setSingleShot(true);
    m_guestIdle.setInterval(guestIdleMs);
    m_staffIdle.setSingleShot(true);
    m_staffIdle.setInterval(staffIdleMs);
    connect(&m_guestIdle, &QTimer::timeout, this, [this] {
        if (m_busy)
            m_guestIdle.start();
        else
            endMember(EndReason::Timeout);
    });
    connect(&m_staffIdle, &QTimer::timeout, this, &SessionService::endStaff);
}

void SessionService::setIdleTimeouts(int guestIdleMs, int staffIdleMs)
{
    assert(guestIdleMs > 0 && staffIdleMs > 0);
    m_guestIdle.setInterval(guestIdleMs);
    m_staffIdle.setInterval(staffIdleMs);
}

const Uuid &SessionService::member() const
{
    assert(m_member);
    return *m_member;
}

QString SessionService::staffName() const
{
    return m_staff ? qs(m_staff->name) : QString();
}

QString SessionService::staffRole() const
{
    return m_staff ? qs(std::string(cardRoleName(m_staff->role))) : QString();
}

Uuid SessionService::staffId() const
{
    return m_staff ? m_staff->staff : Uuid();
}

Card::Role SessionService::staffCardRole() const
{
    return m_staff ? m_staff->role : Card::Role::None;
}

Uuid SessionService::pendingStaff() const
{
    return m_pendingStaff.value_or(Uuid());
}

const Receipt &SessionService::receipt() const
{
    assert(m_receipt);
    return *m_receipt;
}

void SessionService::startMember(const Uuid &member, const Uuid &card, const QString &name)
{
    if (m_member)
        endMember(EndReason::Finished);
    m_member = member;
    m_card = card;
    m_memberName = name;
    m_guestIdle.start();
    Q_EMIT memberChanged();
}

void SessionService::endMember(EndReason reason)
{
    if (!m_member)
        return;
    m_member.reset();
    m_card = Uuid();
    m_memberName.clear();
    m_busy = false;
    m_guestIdle.stop();
    const bool hadReceipt = m_receipt.has_value();
    m_receipt.reset();
    m_receiptTitle.clear();
    Q_EMIT memberEnded(reason);
    Q_EMIT memberChanged();
    if (hadReceipt)
        Q_EMIT receiptChanged();
}

void SessionService::expectStaffPin(const Uuid &staffId)
{
    m_pendingStaff = staffId;
    m_staffIdle.start();
    Q_EMIT staffChanged();
}

void SessionService::startStaff(const StaffView &staff)
{
    m_pendingStaff.reset();
    m_staff = staff;
    m_staffIdle.start();
    Q_EMIT staffChanged();
}

void SessionService::endStaff()
{
    if (!m_staff && !m_pendingStaff)
        return;
    if (m_staff && m_member && m_card.isNil())
        endMember(EndReason::StaffAction);
    m_staff.reset();
    m_pendingStaff.reset();
    m_staffIdle.stop();
    Q_EMIT staffChanged();
}

void SessionService::setReceipt(const Receipt &receipt, const QString &title, qint64 timeMs)
{
    m_receipt = receipt;
    m_receiptTitle = title;
    m_receiptTimeMs = timeMs;
    Q_EMIT receiptChanged();
}

void SessionService::showNotice(const QString &text)
{
    m_notice = text;
    Q_EMIT noticeChanged();
}

void SessionService::clearNotice()
{
    if (m_notice.isEmpty())
        return;
    m_notice.clear();
    Q_EMIT noticeChanged();
}

void SessionService::touch()
{
    if (m_member)
        m_guestIdle.start();
    if (m_staff || m_pendingStaff)
        m_staffIdle.start();
}

void SessionService::setBusy(bool busy)
{
    m_busy = busy;
}

void SessionService::setBlankCardInField(bool blank)
{
    if (blank == m_blankCard)
        return;
    m_blankCard = blank;
    Q_EMIT blankCardInFieldChanged();
}

} // namespace tapledger::kiosk
