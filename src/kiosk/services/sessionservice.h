#pragma once

#include "core/card.h"
#include "core/engine/enginetypes.h"
#include "core/uuid.h"
#include "services/qmlsingleton.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace tapledger::kiosk {

/// Who is at the kiosk: the member whose card is on the reader (guest session) and the staff
/// member logged in (staff session), with their idle timeouts (guest ~30 s, staff 15 min), the
/// last receipt and a transient notice line ("Card not recognised"). Ending a session tells every
/// controller to drop that person's data. QML singleton `SessionService`. GUI thread only.
class SessionService : public QObject, public QmlSingleton<SessionService>
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(bool hasMember READ hasMember NOTIFY memberChanged)
    /// Display name of the member ("" without a member).
    Q_PROPERTY(QString memberName READ memberName NOTIFY memberChanged)
    Q_PROPERTY(bool hasStaff READ hasStaff NOTIFY staffChanged)
    Q_PROPERTY(QString staffName READ staffName NOTIFY staffChanged)
    /// "cashier", "supervisor", "admin" or "" without staff.
    Q_PROPERTY(QString staffRole READ staffRole NOTIFY staffChanged)
    /// A staff card was tapped and waits for its PIN.
    Q_PROPERTY(bool staffPinPending READ staffPinPending NOTIFY staffChanged)
    /// One line for people, shown on the current screen until cleared ("" = none).
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    /// True while a receipt is available to show.
    Q_PROPERTY(bool hasReceipt READ hasReceipt NOTIFY receiptChanged)
    /// A DESFire card that is not ours (blank) lies on the reader while staff are logged in: the
    /// card the enrol / replace-card screens personalise.
    Q_PROPERTY(bool blankCardInField READ blankCardInField NOTIFY blankCardInFieldChanged)

public:
    /// Why a guest session ended.
    enum class EndReason { CardRemoved, Timeout, Finished, StaffAction };
    Q_ENUM(EndReason)

    /// @p guestIdleMs / @p staffIdleMs: idle time (ms, > 0) before the session ends.
    SessionService(int guestIdleMs, int staffIdleMs, QObject *parent = nullptr);
    /// Changes the idle times (ms, > 0); a running timer keeps its old deadline until the next
    /// touch() or session start.
    void setIdleTimeouts(int guestIdleMs, int staffIdleMs);

    bool hasMember() const noexcept { return m_member.has_value(); }
    QString memberName() const { return m_memberName; }
    /// The member of the guest session; asserts hasMember().
    const Uuid &member() const;
    /// The card the member tapped (nil when found by staff lookup).
    const Uuid &memberCard() const noexcept { return m_card; }

    bool hasStaff() const noexcept { return m_staff.has_value(); }
    QString staffName() const;
    QString staffRole() const;
    /// The logged-in staff member; nil without one.
    Uuid staffId() const;
    /// Role of the logged-in staff member (None without one).
    Card::Role staffCardRole() const;
    bool staffPinPending() const noexcept { return m_pendingStaff.has_value(); }
    /// The staff id whose card waits for a PIN; nil otherwise.
    Uuid pendingStaff() const;

    QString notice() const { return m_notice; }
    bool hasReceipt() const noexcept { return m_receipt.has_value(); }
    /// The last receipt; asserts hasReceipt().
    const Receipt &receipt() const;
    /// What the receipt is for ("Reward: Free dessert"), set with it.
    QString receiptTitle() const { return m_receiptTitle; }
    /// When the receipt's action ran (UTC ms).
    qint64 receiptTimeMs() const noexcept { return m_receiptTimeMs; }

    /// Starts a guest session for @p member (via @p card, nil for staff lookup), ending any other.
    void startMember(const Uuid &member, const Uuid &card, const QString &name);
    /// Ends the guest session (no-op without one) and clears the receipt.
    void endMember(EndReason reason);
    /// The member pressed "Done": ends the guest session.
    Q_INVOKABLE void finish() { endMember(EndReason::Finished); }
    /// A staff card with @p staffId was tapped: waits for the PIN.
    void expectStaffPin(const Uuid &staffId);
    /// Staff login succeeded.
    void startStaff(const StaffView &staff);
    /// Logs the staff member out (no-op without one), by request or after the staff idle time;
    /// a guest session staff opened without a card (lookup, duplicate offer) ends with it, so no
    /// member data outlives the staff session.
    Q_INVOKABLE void endStaff();
    /// Records a receipt to show next.
    void setReceipt(const Receipt &receipt, const QString &title, qint64 timeMs);
    /// Shows @p text as the notice line.
    void showNotice(const QString &text);
    /// Clears the notice line.
    Q_INVOKABLE void clearNotice();
    /// Any touch or key: restarts the idle timers.
    Q_INVOKABLE void touch();
    /// The guest session is busy with the card (writing): idle timeout and removal wait.
    void setBusy(bool busy);
    bool busy() const noexcept { return m_busy; }
    bool blankCardInField() const noexcept { return m_blankCard; }
    /// Set by the TapRouter on the tap and the removal of a blank card.
    void setBlankCardInField(bool blank);

Q_SIGNALS:
    void memberChanged();
    /// The guest session ended: controllers drop the member's data.
    void memberEnded(tapledger::kiosk::SessionService::EndReason reason);
    void staffChanged();
    void noticeChanged();
    void receiptChanged();
    void blankCardInFieldChanged();

private:
    std::optional<Uuid> m_member;
    Uuid m_card;
    QString m_memberName;
    std::optional<StaffView> m_staff;
    std::optional<Uuid> m_pendingStaff;
    QString m_notice;
    std::optional<Receipt> m_receipt;
    QString m_receiptTitle;
    qint64 m_receiptTimeMs = 0;
    QTimer m_guestIdle;
    QTimer m_staffIdle;
    bool m_busy = false;
    bool m_blankCard = false;
};

} // namespace tapledger::kiosk
