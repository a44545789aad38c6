#pragma once

#include "controllers/controllerbase.h"
#include "models/offermodel.h"

#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The member home screen after a tap: greeting, balances, tier and progress, points expiring
/// soon and the ranked offers with their reasons; accepting an offer issues its voucher or points.
class MemberHomeController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString name READ name NOTIFY changed)
    /// True in the local week of the member's birthday (venue zone).
    Q_PROPERTY(bool birthdayWeek READ birthdayWeek NOTIFY changed)
    /// Stored-value deposit, bonus and their sum, formatted ("1,240.00").
    Q_PROPERTY(QString deposit READ deposit NOTIFY changed)
    Q_PROPERTY(QString bonus READ bonus NOTIFY changed)
    Q_PROPERTY(QString storedValue READ storedValue NOTIFY changed)
    Q_PROPERTY(qint64 points READ points NOTIFY changed)
    Q_PROPERTY(QString currency READ currency NOTIFY changed)
    Q_PROPERTY(QString tierName READ tierName NOTIFY changed)
    /// "spend 1,240.00 more for Gold" ("" at the top tier).
    Q_PROPERTY(QString tierProgress READ tierProgress NOTIFY changed)
    /// Points of the soonest expiring batch (0 = none within the policy's horizon).
    Q_PROPERTY(qint64 expiringPoints READ expiringPoints NOTIFY changed)
    /// Local date of that expiry ("2026-12-31").
    Q_PROPERTY(QString expiringDate READ expiringDate NOTIFY changed)
    /// Open vouchers.
    Q_PROPERTY(int openVouchers READ openVouchers NOTIFY changed)
    /// The member's open vouchers, soonest expiry first, as maps: number (voucher id), value and
    /// minSpend (money formatted; minSpend "" when there is none), expires (local date and time,
    /// "" when it never expires).
    Q_PROPERTY(QVariantList vouchers READ vouchers NOTIFY changed)
    Q_PROPERTY(tapledger::kiosk::OfferModel *offers READ offers CONSTANT)

public:
    explicit MemberHomeController(QObject *parent = nullptr);

    QString name() const { return m_name; }
    bool birthdayWeek() const noexcept { return m_birthdayWeek; }
    QString deposit() const { return m_deposit; }
    QString bonus() const { return m_bonus; }
    QString storedValue() const { return m_storedValue; }
    qint64 points() const noexcept { return m_points; }
    QString currency() const { return m_currency; }
    QString tierName() const { return m_tierName; }
    QString tierProgress() const { return m_tierProgress; }
    qint64 expiringPoints() const noexcept { return m_expiringPoints; }
    QString expiringDate() const { return m_expiringDate; }
    int openVouchers() const noexcept { return m_openVouchers; }
    QVariantList vouchers() const { return m_vouchers; }
    OfferModel *offers() { return &m_offers; }

    /// Accepts the offer in row @p row; on success the session holds the receipt. False + error
    /// otherwise (e.g. already accepted).
    Q_INVOKABLE bool acceptOffer(int row);

Q_SIGNALS:
    void changed();
    void offerAccepted();

protected:
    void refresh() override;
    void clear() override;

private:
    QString m_name, m_deposit, m_bonus, m_storedValue, m_currency, m_tierName, m_tierProgress, m_expiringDate;
    bool m_birthdayWeek = false;
    qint64 m_points = 0, m_expiringPoints = 0;
    int m_openVouchers = 0;
    QVariantList m_vouchers;
    OfferModel m_offers;
};

} // namespace tapledger::kiosk
